import { AppError } from '../../../shared/contract'
import type { Finding } from '../../../shared/findings'
import type { FixOutcome, ServerSnapshot } from '../../../shared/fix'
import { serverResult } from '../../../shared/present'
import type { ServerReport } from '../../../shared/report'
import type { Discovery } from '../clients/types'
import type { EngineContext } from '../context'
import type { FoundAction } from './lookup'
import { planReportFixes } from './planner'
import type { FixDeps } from './service'

/** A server in short: its status, tool count, finding codes (most severe first) and one line. */
export function snapshot(report: ServerReport): ServerSnapshot {
  return { status: report.status, tools: report.probe?.tools, codes: [...new Set(report.findings.map((f) => f.code))], line: serverResult(report) }
}

/** Before a fix: the server's last report, or for a finding of a whole file the finding itself. */
export function beforeOf(found: Pick<FoundAction, 'finding' | 'server'> | undefined): ServerSnapshot {
  if (found?.server) return snapshot(found.server)
  if (found) return { status: found.finding.severity === 'info' ? 'ok' : found.finding.severity, codes: [found.finding.code], line: found.finding.title }
  return { status: 'skipped', codes: [], line: 'Not configured' }
}

export function gone(): ServerSnapshot {
  return { status: 'skipped', codes: [], line: 'No longer configured' }
}

/** The server re-examined, or undefined when it is not configured (any more). */
export async function retestOrGone(ctx: EngineContext, id: string, projects: string[] | undefined, deps: FixDeps): Promise<ServerReport | undefined> {
  try {
    return await deps.retest(ctx, id, projects)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') return undefined
    throw error
  }
}

/**
 * After a fix of a whole file (a renamed top-level key): the file's findings in the session are
 * read again, and every server the file now shows is re-probed and recorded; the first is the
 * outcome's `server`, all are in `servers`.
 */
export async function afterFileFix(
  ctx: EngineContext,
  finding: Finding | undefined,
  done: { summary: string; backupId: string; configPath: string },
  projects: string[] | undefined,
  deps: FixDeps
): Promise<FixOutcome> {
  const discovery = await refreshFileFindings(ctx, done.configPath, projects, deps)
  const servers = await Promise.all(discovery.servers.filter((s) => s.configPath === done.configPath).map((s) => deps.retest(ctx, s.id, projects)))
  for (const server of servers) deps.session.recordServer(server)
  const first = servers[0]
  if (!first) throw new AppError('internal', `${done.summary} No server is configured in ${done.configPath} now; undo it with edit ${done.backupId}.`)
  return { ...done, serverId: first.id, before: beforeOf(finding && { finding }), after: snapshot(first), server: first, servers }
}

/** Reads a config file's findings again (with their fixes) into the session's report; returns the discovery. */
export async function refreshFileFindings(ctx: EngineContext, configPath: string, projects: string[] | undefined, deps: FixDeps): Promise<Discovery> {
  const discovery = await deps.discover(ctx, { projects })
  const about = (f: Finding): boolean => f.evidence?.path === configPath
  const report = deps.session.report()
  if (report) deps.session.recordFindings([...report.findings.filter((f) => !about(f)), ...planReportFixes(discovery.findings.filter(about), discovery.configs)])
  return discovery
}
