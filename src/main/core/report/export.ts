import type { EditRecord, LogExcerptReport, Report, ServerReport } from '../../../shared/report'
import { neutralize } from '../../../shared/safe-text'
import type { EngineContext } from '../context'
import { anonymizeReport, type Identity } from './anonymize'
import { reportToHtml } from './html'
import { markdownReport } from './markdown'

/**
 * Exporting a report: the diagnosis plus what the user already tried and the clients' own log
 * lines, then anonymized, then written in one of the three formats. Every face (the app's
 * `report:export`, the CLI's `report`) goes through here, so they leave the machine the same.
 */

export type ReportFormat = 'md' | 'json' | 'html'

export interface ExportedReport {
  format: ReportFormat
  filename: string
  mime: string
  text: string
  /** UTF-8 bytes */
  bytes: number
  /** evidence was shortened to fit a GitHub issue (Markdown only) */
  trimmed: boolean
}

/** Edits from `config:history`, as the report keeps them (the backup id stays on the machine). */
export interface EditHistoryEntry {
  createdAt: string
  path: string
  summary: string
  undoneAt?: string
}

export interface ExportSources {
  /** MCP Medic's backup records, newest first */
  edits?: readonly EditHistoryEntry[]
  /** the client's recent log lines about one server, already redacted by whoever read them */
  logs?: (server: ServerReport) => Promise<LogExcerptReport[]>
}

/** At most this many edits are listed: the newest ones are what a maintainer asks about. */
const MAX_EDITS = 50

const MIME: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8'
}

/** Who the report must not name, from the engine's context. */
export function identityOf(ctx: Pick<EngineContext, 'home' | 'env' | 'platform'>): Identity {
  return { home: ctx.home, user: ctx.env.USER ?? ctx.env.LOGNAME ?? ctx.env.USERNAME, platform: ctx.platform }
}

/**
 * The report that may leave the machine: `report` with the edits and log excerpts folded in,
 * then anonymized. A log source that fails leaves that server without excerpts; the export
 * still happens.
 */
export async function prepareExport(report: Report, who: Identity, sources: ExportSources = {}): Promise<Report> {
  const edits: EditRecord[] = (sources.edits ?? []).slice(0, MAX_EDITS).map((e) => ({ at: e.createdAt, path: e.path, summary: e.summary, ...(e.undoneAt ? { undoneAt: e.undoneAt } : {}) }))
  const logs = sources.logs
  const servers = logs
    ? await Promise.all(
        report.servers.map(async (s) => {
          if (s.status !== 'error' && s.status !== 'warning') return s
          const excerpts = await logs(s).catch(() => [])
          return excerpts.length > 0 ? { ...s, logs: excerpts } : s
        })
      )
    : report.servers
  return anonymizeReport({ ...report, servers, ...(edits.length > 0 ? { edits } : {}) }, who)
}

/** The file name a report is saved under: `mcp-medic-report-2026-12-02-1405.md`. */
export function exportFilename(format: ReportFormat, generatedAt: string): string {
  const stamp = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(generatedAt)
  return `mcp-medic-report${stamp ? `-${stamp[1]}-${stamp[2]}${stamp[3]}` : ''}.${format}`
}

/** An (already prepared) report written in one format. */
export function renderExport(report: Report, format: ReportFormat): ExportedReport {
  let text: string
  let trimmed = false
  if (format === 'md') ({ text, trimmed } = markdownReport(report))
  else if (format === 'html') text = reportToHtml(report)
  else text = `${JSON.stringify(report, null, 2)}\n`
  // Markdown and HTML hold no control characters of their own: any is a server's, shown, never obeyed.
  if (format !== 'json') text = neutralize(text)
  return { format, filename: exportFilename(format, report.generatedAt), mime: MIME[format], text, bytes: Buffer.byteLength(text), trimmed }
}
