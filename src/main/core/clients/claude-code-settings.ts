import type { Finding } from '../../../shared/findings'
import type { ConfigReport } from '../../../shared/report'
import { readConfig } from '../config/read'
import type { EngineContext } from '../context'
import { isPlainObject } from './entry'
import { pathsFor, samePath } from './paths'
import type { ServerEntry } from './types'

/** One Claude Code settings file that can approve, reject or forbid servers. */
interface SettingsSource {
  kind: 'user' | 'project' | 'local' | 'managed' | 'legacy'
  path: string
  project?: string
  value: Record<string, unknown>
}

/** What Claude Code's settings say about servers: approvals, trust, turned-off servers, policy. */
export interface ClaudeSettings {
  sources: SettingsSource[]
  trusted(project: string): boolean
  disabledServers(project: string): string[]
  /** why an administrator's allow or deny list keeps this server out, if it does */
  policy(entry: ServerEntry): string | undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** The folder holding `settings.json`: `$CLAUDE_CONFIG_DIR` or `~/.claude`. */
export function claudeDir(ctx: Pick<EngineContext, 'env' | 'home' | 'platform'>): string {
  const dir = ctx.env.CLAUDE_CONFIG_DIR
  return dir && dir.length > 0 ? dir : pathsFor(ctx).join(ctx.home, '.claude')
}

/**
 * Reads the settings files that decide approvals (user `~/.claude/settings.json`, each
 * project's `.claude/settings.json` and `.claude/settings.local.json`, `managed-settings.json`,
 * and the per-project state in `~/.claude.json`). A broken settings file is reported and skipped.
 */
export async function readClaudeSettings(
  ctx: EngineContext,
  userRoot: Record<string, unknown> | undefined,
  projects: readonly string[],
  managedDir: string,
  findings: Finding[],
  configs: ConfigReport[]
): Promise<ClaudeSettings> {
  const p = pathsFor(ctx)
  const sources: SettingsSource[] = []
  const add = async (kind: SettingsSource['kind'], file: string, project?: string): Promise<void> => {
    const read = await readConfig(file, 'claude-code', kind === 'managed' ? 'managed' : kind === 'user' ? 'user' : kind === 'local' ? 'local' : 'project', 'json', ctx)
    if (read.state === 'unusable') {
      findings.push(read.finding)
      configs.push({ ...read.report, note: 'Claude Code settings: approvals in it are lost while it does not parse.' })
    }
    if (read.state === 'ok' && isPlainObject(read.value)) sources.push({ kind, path: file, project, value: read.value })
  }
  await add('user', p.join(claudeDir(ctx), 'settings.json'))
  await add('managed', p.join(managedDir, 'managed-settings.json'))
  for (const project of projects) {
    await add('project', p.join(project, '.claude', 'settings.json'), project)
    await add('local', p.join(project, '.claude', 'settings.local.json'), project)
  }
  const projectState = (project: string): Record<string, unknown> | undefined => {
    if (!isPlainObject(userRoot?.projects)) return undefined
    for (const [key, value] of Object.entries(userRoot.projects)) {
      if (samePath(ctx, key, project) && isPlainObject(value)) return value
    }
    return undefined
  }
  for (const project of projects) {
    const state = projectState(project)
    if (state) sources.push({ kind: 'legacy', path: '~/.claude.json', project, value: state })
  }
  const managed = sources.find((s) => s.kind === 'managed')?.value
  return {
    sources,
    trusted: (project) => projectState(project)?.hasTrustDialogAccepted === true,
    disabledServers: (project) => strings(projectState(project)?.disabledMcpServers),
    policy: (entry) => policyFor(managed, entry)
  }
}

/**
 * Whether Claude Code will start a project (`.mcp.json`) server, as `claude mcp list` 2.1.197
 * decides: a name in any `disabledMcpjsonServers` is rejected; it is approved by
 * `enableAllProjectMcpServers` or `enabledMcpjsonServers` in user or managed settings, and, once
 * the folder is trusted, in the project's own settings files and `~/.claude.json`; else pending.
 */
export function claudeApproval(
  settings: ClaudeSettings,
  project: string,
  name: string
): { state: 'approved' | 'pending' | 'rejected'; reason: string; fix?: string } {
  const relevant = settings.sources.filter((s) => s.project === undefined || s.project === project)
  const rejecting = relevant.find((s) => strings(s.value.disabledMcpjsonServers).includes(name))
  if (rejecting) {
    return {
      state: 'rejected',
      reason: `Rejected: "${name}" is listed in disabledMcpjsonServers in ${rejecting.path}. Claude Code neither starts nor lists it.`,
      fix: `Remove "${name}" from disabledMcpjsonServers in ${rejecting.path}, or run \`claude mcp reset-project-choices\` in ${project}.`
    }
  }
  const trusted = settings.trusted(project)
  const counting = relevant.filter((s) => s.kind === 'user' || s.kind === 'managed' || trusted)
  const approving = counting.find((s) => s.value.enableAllProjectMcpServers === true || strings(s.value.enabledMcpjsonServers).includes(name))
  if (approving) return { state: 'approved', reason: `Approved in ${approving.path}.` }
  const ignored = relevant.find((s) => !counting.includes(s) && (s.value.enableAllProjectMcpServers === true || strings(s.value.enabledMcpjsonServers).includes(name)))
  return {
    state: 'pending',
    reason: ignored
      ? `Pending approval: ${ignored.path} approves it, but ${project} is not a trusted folder, so Claude Code ignores approvals kept in the project.`
      : `Pending approval: servers from ${project}/.mcp.json run only after you approve them, and no settings file approves "${name}".`,
    fix: `Run \`claude\` in ${project} and approve "${name}", or add it to enabledMcpjsonServers in ~/.claude/settings.json.`
  }
}

/** Claude Code's managed allow and deny lists (by name, exact command, or URL with * wildcards). */
function policyFor(managed: Record<string, unknown> | undefined, entry: ServerEntry): string | undefined {
  if (!managed || entry.scope === 'managed') return undefined
  const matches = (rule: unknown): boolean => {
    if (!isPlainObject(rule)) return false
    if (typeof rule.serverName === 'string') return rule.serverName === entry.name
    if (Array.isArray(rule.serverCommand)) {
      const argv = [entry.command ?? '', ...(entry.args ?? [])]
      return rule.serverCommand.length === argv.length && rule.serverCommand.every((part, i) => part === argv[i])
    }
    if (typeof rule.serverUrl === 'string' && entry.url) {
      const pattern = new RegExp(`^${rule.serverUrl.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
      return pattern.test(entry.url)
    }
    return false
  }
  const denied = Array.isArray(managed.deniedMcpServers) ? managed.deniedMcpServers : []
  if (denied.some(matches)) return 'Your administrator denies this server (deniedMcpServers in managed settings).'
  if (Array.isArray(managed.allowedMcpServers) && !managed.allowedMcpServers.some(matches)) {
    return 'Your administrator allows only listed servers (allowedMcpServers in managed settings), and this one is not listed.'
  }
  return undefined
}
