import { finding, type Severity } from '../../../shared/findings'
import { CLIENT_NAMES, type EffectiveState, type Scope } from '../../../shared/report'
import type { EngineContext } from '../context'
import { samePath } from './paths'
import type { ServerEntry } from './types'

/** Whether the client loads this definition (no recorded state means it does). */
export function isActive(entry: Pick<ServerEntry, 'effective'>): boolean {
  return entry.effective === undefined || entry.effective.state === 'active'
}

/**
 * Records that the client does not use `entry` as written, with the finding that says so:
 * `server-shadowed` (info), `server-disabled` (info), `project-server-unapproved` (warning),
 * `client-ignores-entry` (error unless told otherwise), or `client-untrusted-folder` when the
 * client refuses the entry because of the folder it runs in (`untrusted`). The first state
 * recorded wins.
 */
export function setState(
  entry: ServerEntry,
  state: Exclude<EffectiveState['state'], 'active'>,
  reason: string,
  options: { by?: string; severity?: Severity; fix?: string; untrusted?: boolean } = {}
): void {
  if (!isActive(entry)) return
  entry.effective = { state, reason, ...(options.by ? { by: options.by } : {}) }
  const client = CLIENT_NAMES[entry.client]
  const fix = options.fix ? { fix: { summary: options.fix } } : {}
  const evidence = { evidence: { state, reason, ...(options.by ? { by: options.by } : {}) } }
  switch (state) {
    case 'shadowed':
      entry.findings.push(finding('server-shadowed', options.severity ?? 'info', `${client} uses another "${entry.name}" definition`, reason, { ...evidence, ...fix }))
      break
    case 'disabled':
      entry.findings.push(finding('server-disabled', options.severity ?? 'info', `"${entry.name}" is turned off in ${client}`, reason, { ...evidence, ...fix }))
      break
    case 'unapproved':
      entry.findings.push(finding('project-server-unapproved', options.severity ?? 'warning', `${client} has not approved "${entry.name}"`, reason, { ...evidence, ...fix }))
      break
    case 'ignored':
      if (options.untrusted) entry.findings.push(finding('client-untrusted-folder', options.severity ?? 'warning', `${client} does not load "${entry.name}" in an untrusted folder`, reason, { ...evidence, ...fix }))
      else entry.findings.push(finding('client-ignores-entry', options.severity ?? 'error', `${client} ignores "${entry.name}"`, reason, { ...evidence, ...fix }))
      break
  }
}

const SCOPE_WORDS: Record<Scope, string> = {
  user: 'user',
  project: 'project',
  local: 'local',
  managed: 'managed'
}

/**
 * Same-name precedence within one client. For every project folder, the active definitions
 * visible there (user and managed ones everywhere, project and local ones in their own folder)
 * are grouped by name and the highest `rank` wins. A project or local loser is `shadowed`; a
 * user-wide loser stays active (it still applies elsewhere) and lists where it loses.
 */
export function resolveByName(
  ctx: Pick<EngineContext, 'platform'>,
  entries: readonly ServerEntry[],
  projects: readonly string[],
  rank: (entry: ServerEntry) => number
): void {
  const contexts = projects.length > 0 ? projects : ['']
  for (const project of contexts) {
    const visible = entries.filter(
      (e) => isActive(e) && (e.project === undefined || (project !== '' && samePath(ctx, e.project, project)))
    )
    const byName = new Map<string, ServerEntry[]>()
    for (const e of visible) byName.set(e.name, [...(byName.get(e.name) ?? []), e])
    for (const group of byName.values()) {
      if (group.length < 2) continue
      const winner = group.reduce((best, e) => (rank(e) > rank(best) ? e : best))
      for (const loser of group) {
        if (loser === winner || rank(loser) === rank(winner)) continue
        // A winner that belongs to no project (a machine-wide or user file) wins everywhere.
        const everywhere = winner.project === undefined
        const reason = `The ${SCOPE_WORDS[winner.scope]}-scope definition in ${winner.configPath} takes precedence over this ${SCOPE_WORDS[loser.scope]}-scope one${project && !everywhere ? ` in ${project}` : ''}.`
        if (loser.project !== undefined || projects.length === 0 || everywhere) {
          setState(loser, 'shadowed', reason, { by: winner.id, fix: 'Remove or rename one of the two definitions so it is clear which one runs.' })
        } else {
          noteShadowedIn(loser, project, winner, reason)
        }
      }
    }
  }
}

function noteShadowedIn(entry: ServerEntry, project: string, winner: ServerEntry, reason: string): void {
  const state: EffectiveState = entry.effective ?? { state: 'active', reason: '' }
  const list = state.shadowedIn ?? []
  if (list.some((s) => s.project === project)) return
  entry.effective = { ...state, shadowedIn: [...list, { project, by: winner.id }] }
  entry.findings.push(
    finding('server-shadowed', 'info', `In ${project}, ${CLIENT_NAMES[entry.client]} uses another "${entry.name}" definition`, reason, {
      evidence: { project, by: winner.id }
    })
  )
}

/** Marks every entry that nothing else set as active, with a reason for the map. */
export function markActive(entries: readonly ServerEntry[], reason: string): void {
  for (const e of entries) {
    if (!e.effective) e.effective = { state: 'active', reason }
    else if (e.effective.state === 'active' && e.effective.reason === '') e.effective = { ...e.effective, reason }
  }
}
