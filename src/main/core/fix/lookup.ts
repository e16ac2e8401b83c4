import { AppError } from '../../../shared/contract'
import type { Finding } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import type { ServerReport } from '../../../shared/report'
import type { Session } from '../api/session'
import { actionsOf } from './planner'

/** An action the engine produced, found again by the ids the renderer sent back. */
export interface FoundAction {
  action: FixAction
  finding: Finding
  /** the server's latest report in the session; absent for a finding of the whole report */
  server?: ServerReport
}

/**
 * Looks an action up among those the engine itself put on the session's latest report of the
 * server (or, for a finding that belongs to no server, on the report's own findings, named by
 * their config file's path). The renderer only ever names ids: what runs is what the engine
 * produced. Throws `AppError('not-found')` with the reason when there is nothing to find.
 */
export function findAction(session: Session, serverId: string, actionId: string): FoundAction {
  const server = session.server(serverId)
  if (server) {
    const finding = server.findings.find((f) => actionsOf([f]).some((a) => a.id === actionId))
    const action = finding && actionsOf([finding]).find((a) => a.id === actionId)
    if (!finding || !action) {
      const known = actionsOf(server.findings).map((a) => a.id)
      throw new AppError('not-found', `"${server.name}" has no fix action ${actionId}${known.length > 0 ? ` (its actions: ${known.join(', ')})` : '; nothing about it can be fixed in one click'}.`)
    }
    return { action, finding, server }
  }
  const report = session.report()
  const finding = report?.findings.find((f) => actionsOf([f]).some((a) => a.id === actionId && a.kind === 'edit' && a.edit.configPath === serverId))
  const action = finding && actionsOf([finding]).find((a) => a.id === actionId)
  if (finding && action) return { action, finding }
  throw new AppError(
    'not-found',
    report
      ? `The last diagnosis has no server or config file ${serverId} with a fix action ${actionId}. Re-run the diagnosis and pick the fix again.`
      : 'MCP Medic has not diagnosed anything in this session yet, so it has no fix to carry out: run the diagnosis first.'
  )
}
