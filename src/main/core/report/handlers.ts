import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError, type ParsedRequest, type Response } from '../../../shared/contract'
import type { Report } from '../../../shared/report'
import type { EngineContext } from '../context'
import { editHistory } from '../config/service'
import { identityOf, prepareExport, renderExport, type ExportSources, type ReportFormat } from './export'
import { clientLogSource } from './log-source'

/** Where the desktop app asks the user to save a file; undefined when they cancel. */
export type AskSavePath = (suggestion: { filename: string; format: ReportFormat }) => Promise<string | undefined>

export interface ReportChannelDeps {
  context: () => EngineContext
  /** the session's last diagnosis, with re-tests folded in */
  lastReport: () => Report | undefined
  dataDir?: string
  /** the desktop app's save dialog; absent in the browser face, which downloads instead */
  askSavePath?: AskSavePath
  /** the client's log lines about a server; default: read from its client's log files now */
  logs?: ExportSources['logs']
}

/**
 * `report:export` and `report:save`: the last diagnosis as a file to share, made exactly as the
 * CLI's `report` makes it, every secret already replaced.
 */
export function reportChannels(deps: ReportChannelDeps): {
  'report:export': (request: ParsedRequest<'report:export'>) => Promise<Response<'report:export'>>
  'report:save': (request: ParsedRequest<'report:save'>) => Promise<Response<'report:save'>>
} {
  const exportNow = async (format: ReportFormat) => {
    const report = deps.lastReport()
    if (!report) throw new AppError('not-found', 'Nothing has been diagnosed yet: run a diagnosis first, then export its report.')
    const ctx = deps.context()
    // The history is a nice-to-have: an unreadable data folder must not block the export.
    const edits = await editHistory(ctx, { dataDir: deps.dataDir }).catch(() => [])
    const logs = deps.logs ?? clientLogSource(ctx, report.system.projects)
    const prepared = await prepareExport(report, identityOf(ctx), { edits, logs })
    return renderExport(prepared, format)
  }
  return {
    'report:export': async (request) => exportNow(request.format),
    'report:save': async (request) => {
      if (!deps.askSavePath) {
        throw new AppError('unavailable', 'Saving to a file needs the desktop app; here the page downloads the exported report instead.')
      }
      const exported = await exportNow(request.format)
      const target = await deps.askSavePath({ filename: exported.filename, format: exported.format })
      if (!target) return { saved: false }
      await writeWhole(target, exported.text)
      return { saved: true, path: target }
    }
  }
}

/** Writes a file whole or not at all (temp file beside it, then rename), readable by the user only. */
async function writeWhole(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temp, text, { mode: 0o600 })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError(code === 'EACCES' || code === 'EPERM' ? 'forbidden' : 'internal', `Could not save the report to ${file}: ${(error as Error).message}`)
  }
}
