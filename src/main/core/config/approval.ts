import { claudeJsonPath, managedMcpPaths } from '../clients/claude-code'
import { readClaudeSettings } from '../clients/claude-code-settings'
import { isPlainObject } from '../clients/entry'
import { pathsFor, samePath } from '../clients/paths'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { EditRefused } from './errors'
import type { EditPlan, ListChange } from './plan'
import { readConfig } from './read'

/**
 * Plans the approval of a Claude Code project (`.mcp.json`) server where Claude Code 2.1.197
 * reads it (checked with the real `claude mcp list`, and its approval dialog's own code):
 *
 * - a name in any `disabledMcpjsonServers` (user, project, local settings, or the older
 *   per-project list in `~/.claude.json`) rejects the server whatever approves it, so the
 *   rejection is lifted first, in the file that holds it;
 * - in a trusted folder, Claude Code's dialog writes the approval to the project's
 *   `.claude/settings.local.json` (`enabledMcpjsonServers`), and so does MCP Medic;
 * - in a folder that is not trusted, Claude Code ignores approvals kept in the project and
 *   says to put them in `~/.claude/settings.json`, which then approves a server of that name in
 *   every project.
 *
 * When the rejection sits in another file than the approval belongs in, this edit lifts the
 * rejection only; the re-test then offers the approval. Throws {@link EditRefused} for a server
 * that is not a Claude Code project server, or one an administrator rejects.
 */
export async function planApproval(ctx: EngineContext, entry: ServerEntry): Promise<EditPlan> {
  const project = entry.project
  if (entry.client !== 'claude-code' || entry.scope !== 'project' || project === undefined) {
    throw new EditRefused(`Only Claude Code's project servers (.mcp.json) wait for approval; "${entry.name}" is not one.`)
  }
  const p = pathsFor(ctx)
  const user = await readConfig(claudeJsonPath(ctx), 'claude-code', 'user', 'json', ctx)
  const userRoot = user.state === 'ok' && isPlainObject(user.value) ? user.value : undefined
  const settings = await readClaudeSettings(ctx, userRoot, [project], p.dirname(managedMcpPaths(ctx)[0]!), [], [])
  const name = entry.name
  const trusted = settings.trusted(project)
  const localFile = p.join(project, '.claude', 'settings.local.json')
  const userFile = p.join(claudeDir(ctx), 'settings.json')
  const approveIn = trusted ? localFile : userFile
  const where = trusted
    ? `${localFile}, where Claude Code keeps the approvals you give in that project`
    : `${userFile}: ${project} is not a trusted folder, where Claude Code ignores approvals kept in the project, so this approves a project server named "${name}" in every project`

  const rejecting = settings.sources.find((s) => (s.project === undefined || samePath(ctx, s.project, project)) && strings(s.value.disabledMcpjsonServers).includes(name))
  if (rejecting?.kind === 'managed') throw new EditRefused(`Your administrator rejects "${name}" (disabledMcpjsonServers in ${rejecting.path}); MCP Medic does not change managed settings.`)
  if (rejecting) {
    const legacy = rejecting.kind === 'legacy'
    const file = legacy ? claudeJsonPath(ctx) : rejecting.path
    const base = legacy ? ['projects', projectKey(ctx, userRoot, project) ?? project] : []
    const lists: ListChange[] = [{ path: [...base, 'disabledMcpjsonServers'], name, present: false }]
    const alsoApprove = !legacy && samePath(ctx, file, approveIn)
    if (alsoApprove) lists.push({ path: ['enabledMcpjsonServers'], name, present: true })
    return {
      file,
      ops: [],
      lists,
      target: { client: 'claude-code', scope: rejecting.kind === 'user' || legacy ? 'user' : 'project' },
      summary: alsoApprove
        ? `lift the rejection of "${name}" and approve it in ${where}`
        : `lift the rejection of "${name}" (disabledMcpjsonServers in ${file}); approve it next`
    }
  }
  return {
    file: approveIn,
    ops: [],
    lists: [{ path: ['enabledMcpjsonServers'], name, present: true }],
    target: { client: 'claude-code', scope: trusted ? 'project' : 'user' },
    summary: `approve "${name}" in ${where}`
  }
}

/** The folder holding Claude Code's `settings.json`: `$CLAUDE_CONFIG_DIR` or `~/.claude`. */
function claudeDir(ctx: EngineContext): string {
  const dir = ctx.env.CLAUDE_CONFIG_DIR
  return dir && dir.length > 0 ? dir : pathsFor(ctx).join(ctx.home, '.claude')
}

/** The key `~/.claude.json` files a project under (its spelling of the path). */
function projectKey(ctx: EngineContext, root: Record<string, unknown> | undefined, project: string): string | undefined {
  if (!isPlainObject(root?.projects)) return undefined
  return Object.keys(root.projects).find((key) => samePath(ctx, key, project))
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
