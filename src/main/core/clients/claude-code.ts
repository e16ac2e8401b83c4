import { finding, type Finding } from '../../../shared/findings'
import type { ConfigReport } from '../../../shared/report'
import type { EngineContext } from '../context'
import { claudeApproval, readClaudeSettings } from './claude-code-settings'
import { isActive, markActive, resolveByName, setState } from './effective'
import { isPlainObject } from './entry'
import type { DialectSpec } from './normalize'
import { pathsFor, systemPath, uniqueProjects, windowsFolder } from './paths'
import { checkWrongKey, collectServers, scanFile, type ScannedFile } from './scan'
import { unreadFiles } from './strays'
import type { ClientAdapter, Discovery, DiscoverOptions, ServerEntry } from './types'

/**
 * Claude Code (the CLI). User scope: `mcpServers` at the top of `~/.claude.json`; local scope:
 * `projects["<abs path>"].mcpServers` in the same file; project scope: `<project>/.mcp.json`;
 * managed: `managed-mcp.json` (exclusive control). Precedence local > project > user.
 * Source: code.claude.com/docs/en/mcp ("MCP installation scopes") and clients.md §1; approval
 * and trust rules checked against `claude mcp list` 2.1.197.
 */
export const claudeCode: ClientAdapter = {
  id: 'claude-code',
  async discover(ctx, options) {
    return discoverClaudeCode(ctx, options)
  }
}

export const CLAUDE_CODE_DIALECT: DialectSpec = {
  client: 'claude-code',
  urlKeys: [{ key: 'url' }],
  typeKey: 'type',
  types: { stdio: 'stdio', http: 'http', 'streamable-http': 'http', sse: 'sse' },
  defaultUrlTransport: 'http',
  known: ['headersHelper', 'oauth', 'alwaysLoad', 'timeout'],
  wrongKeys: { servers: 'the VS Code spelling', mcp_servers: 'the Codex spelling', context_servers: 'the Zed spelling' }
}

/** `$CLAUDE_CONFIG_DIR/.claude.json` when set, else `~/.claude.json`. */
export function claudeJsonPath(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  const dir = ctx.env.CLAUDE_CONFIG_DIR
  return pathsFor(ctx).join(dir && dir.length > 0 ? dir : ctx.home, '.claude.json')
}

/** Where an administrator's `managed-mcp.json` may be, newest location first. */
export function managedMcpPaths(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string[] {
  if (ctx.platform === 'win32') {
    return [pathsFor(ctx).join(windowsFolder(ctx, 'ProgramFiles'), 'ClaudeCode', 'managed-mcp.json'), pathsFor(ctx).join(windowsFolder(ctx, 'ProgramData'), 'ClaudeCode', 'managed-mcp.json')]
  }
  if (ctx.platform === 'darwin') return [systemPath(ctx, '/Library/Application Support/ClaudeCode/managed-mcp.json')]
  return [systemPath(ctx, '/etc/claude-code/managed-mcp.json')]
}

const RANK = { managed: 4, local: 3, project: 2, user: 1 } as const

async function discoverClaudeCode(ctx: EngineContext, options: DiscoverOptions): Promise<Discovery> {
  const configs: ConfigReport[] = []
  const servers: ServerEntry[] = []
  const findings: Finding[] = []
  const p = pathsFor(ctx)

  const user = await scanFile(
    { client: 'claude-code', scope: 'user', path: claudeJsonPath(ctx), format: 'json', note: 'Claude Code rewrites this file often; MCP Medic edits only the server entries.' },
    findings,
    ctx
  )
  configs.push(user.read.report)
  const root = user.root
  const knownProjects = isPlainObject(root?.projects) ? Object.keys(root.projects) : []
  if (root) {
    servers.push(...collectServers({ ctx, file: user, dialect: CLAUDE_CODE_DIALECT, container: ['mcpServers'], launchCwd: ctx.cwd, findings }))
    for (const project of knownProjects) {
      servers.push(
        ...collectServers({ ctx, file: user, dialect: CLAUDE_CODE_DIALECT, container: ['projects', project, 'mcpServers'], scope: 'local', project, launchCwd: project, findings })
      )
    }
  }

  const projects = uniqueProjects(ctx, [...(options.projects ?? []), ctx.cwd, ...knownProjects])
  const projectFiles: ScannedFile[] = []
  for (const project of projects) {
    const file = await scanFile({ client: 'claude-code', scope: 'project', path: p.join(project, '.mcp.json'), format: 'json' }, findings, ctx)
    if (file.read.state === 'missing') continue
    configs.push(file.read.report)
    projectFiles.push(file)
    checkWrongKey(file, CLAUDE_CODE_DIALECT, 'mcpServers', findings)
    servers.push(...collectServers({ ctx, file, dialect: CLAUDE_CODE_DIALECT, container: ['mcpServers'], project, launchCwd: project, findings }))
  }

  let managedFile: ScannedFile | undefined
  for (const managedPath of managedMcpPaths(ctx)) {
    const file = await scanFile({ client: 'claude-code', scope: 'managed', path: managedPath, format: 'json', readOnly: 'managed by your administrator' }, findings, ctx)
    if (file.read.state === 'missing') continue
    configs.push(file.read.report)
    managedFile = file
    servers.push(...collectServers({ ctx, file, dialect: CLAUDE_CODE_DIALECT, container: ['mcpServers'], launchCwd: ctx.cwd, findings }))
    break
  }

  const settings = await readClaudeSettings(ctx, root, projects, p.dirname(managedMcpPaths(ctx)[0]!), findings, configs)
  for (const entry of servers) {
    if (entry.name === 'workspace' && entry.scope !== 'managed') {
      setState(entry, 'ignored', 'Claude Code reserves the name "workspace" and skips a server called that.', { fix: 'Rename the server.' })
    }
  }
  if (managedFile?.read.state === 'ok') {
    for (const entry of servers) {
      if (entry.scope !== 'managed') {
        setState(entry, 'ignored', `${managedFile.spec.path} takes exclusive control: Claude Code loads only the servers it defines.`, { severity: 'warning' })
      }
    }
  }
  for (const entry of servers) {
    const policy = settings.policy(entry)
    if (policy) setState(entry, 'ignored', policy, { severity: 'warning' })
  }
  for (const entry of servers) {
    if (entry.project === undefined) {
      // a user-scope server is turned off project by project
      const off = projects.filter((project) => settings.disabledServers(project).includes(entry.name))
      if (off.length > 0) {
        entry.findings.push(
          finding('server-disabled', 'info', `"${entry.name}" is turned off in ${off.length === 1 ? off[0] : `${off.length} projects`}`, `Claude Code does not start it in ${off.join(', ')} (disabledMcpServers in ${claudeJsonPath(ctx)}; /mcp enable turns it back on there).`, {
            evidence: { projects: off }
          })
        )
      }
      continue
    }
    const disabledIn = settings.disabledServers(entry.project)
    if (disabledIn.includes(entry.name)) {
      setState(entry, 'disabled', `Turned off for ${entry.project} (disabledMcpServers in ${claudeJsonPath(ctx)}; /mcp enable turns it back on).`)
    }
    if (entry.scope === 'project') {
      const approval = claudeApproval(settings, entry.project, entry.name)
      if (approval.state !== 'approved') {
        setState(entry, 'unapproved', approval.reason, { fix: approval.fix })
      }
    }
  }
  resolveByName(
    ctx,
    servers.filter((s) => isActive(s)),
    projects,
    (s) => RANK[s.scope]
  )
  markActive(servers, 'Claude Code loads this definition.')

  findings.push(...(await unreadFiles(ctx, 'claude-code', projects)))
  return { configs, servers, findings, projects }
}
