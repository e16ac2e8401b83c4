import { stat } from 'node:fs/promises'
import { sortFindings } from '../../../shared/findings'
import type { LogLine } from '../../../shared/logs'
import { statusFromFindings, type ClientId, type ServerReport } from '../../../shared/report'
import { isActive } from '../clients/effective'
import { hostPath } from '../clients/paths'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { clientLogFindings } from '../diagnose/rules/client-logs'
import { entrySecrets } from '../report/build'
import type { LogCtx } from './fs'
import { locateLogs } from './locate'
import type { ParsedLine } from './parse'
import { aboutLines, namingServer, parseTail, readParsed, toLogLine } from './read'

/**
 * The client-log fact of one examination (step 6's `client-log-errors`): the latest connection
 * attempt for this server that its client logged, read from the ends of a few files. Bounded so it
 * never slows a diagnosis: nothing is read when the client has no log folder, at most
 * {@link FACT_FILES} files' last {@link FACT_BYTES} are, it is read while the server is examined,
 * and the examination waits for it only until {@link FACT_DEADLINE_MS} after its own start.
 */

export interface ClientLogAttempt {
  outcome: 'failed' | 'connected'
  /** when the client logged it (ISO) */
  at: string
  /** the modelled path of the file it is in */
  file: string
  /** the line that says so, masked */
  line: LogLine
  /** for a failure, the nearest line before it that names a known cause */
  cause?: LogLine
}

export interface ClientLogFacts {
  client: ClientId
  /** the files that were read */
  files: string[]
  latest?: ClientLogAttempt
  /** when the server's config file last changed (ISO), to tell an old failure from a current one */
  configChangedAt?: string
  checkedAt: string
  /** why nothing was read */
  skipped?: string
}

const FACT_FILES = 4
/** How far back from a failure its cause is looked for (lines). */
const CAUSE_WINDOW = 50
const FACT_BYTES = 64 * 1024
const FACT_DEADLINE_MS = 1000
/** After this, no further log file is opened for the fact at all. */
const FACT_LIMIT_MS = 10_000

/**
 * Reads the fact. Never throws: an unreadable log is simply not evidence. Past `deadline` (ms
 * since the epoch) no further file is opened, so a slow disk cannot keep work going after the
 * examination has given up waiting for it.
 */
export async function gatherClientLogFacts(ctx: LogCtx, entry: ServerEntry, now = new Date(), deadline = Number.POSITIVE_INFINITY): Promise<ClientLogFacts> {
  const base: ClientLogFacts = { client: entry.client, files: [], checkedAt: now.toISOString() }
  const located = await locateLogs(ctx, entry, { sessionFiles: FACT_FILES })
  if (located.files.length === 0) return { ...base, skipped: 'no log files' }
  const secrets = entrySecrets(entry)
  let latest: ClientLogAttempt | undefined
  const files: string[] = []
  for (const found of located.files.slice(0, FACT_FILES)) {
    if (Date.now() > deadline) break
    let read
    try {
      // a light scan first (in a shared log, only lines naming the server): masking and
      // recognising every line of every server's logs would cost more than the probe
      read = await readParsed(ctx, found, entry, secrets, FACT_BYTES, { light: true, pick: found.forServer ? undefined : namingServer(entry) })
    } catch {
      continue
    }
    files.push(found.path)
    const scanned = latestAttempt(aboutLines(found, read.lines), found.path)
    if (!scanned || (latest && scanned.at <= latest.at)) continue
    // then the attempt's own lines, fully: masked, with their causes recognised
    const last = scanned.line.n - read.tail.firstLine
    const window = parseTail(read.tail, found, entry, secrets, { pick: (i) => i <= last && i > last - CAUSE_WINDOW })
    latest = latestAttempt(aboutLines(found, window), found.path) ?? latest
  }
  return { ...base, files, latest, configChangedAt: await modifiedAt(ctx, entry.configPath) }
}

/** The newest line of a file that says a connection worked or failed, with the cause of a failure. */
export function latestAttempt(lines: readonly ParsedLine[], file: string): ClientLogAttempt | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!
    if ((line.event !== 'ok' && line.event !== 'fail') || !line.at) continue
    if (line.event === 'ok') return { outcome: 'connected', at: line.at, file, line: toLogLine(line) }
    return { outcome: 'failed', at: line.at, file, line: toLogLine(line), cause: causeBefore(lines, i) }
  }
  return undefined
}

/** The most specific recognised line of the same attempt (back to its start), the failure line's own as a last resort. */
function causeBefore(lines: readonly ParsedLine[], failIndex: number): LogLine | undefined {
  let fallback: ParsedLine | undefined
  for (let i = failIndex; i >= 0 && i > failIndex - CAUSE_WINDOW; i--) {
    const line = lines[i]!
    if (i < failIndex && (line.event === 'start' || line.event === 'ok')) break
    const code = line.recognised?.code
    // "process-exited" says only that it ended; a line naming why is the cause
    if (code && code !== 'process-exited') return toLogLine(line)
    if (code && !fallback) fallback = line
  }
  return fallback && toLogLine(fallback)
}

async function modifiedAt(ctx: LogCtx, file: string): Promise<string | undefined> {
  try {
    return (await stat(hostPath(ctx, file))).mtime.toISOString()
  } catch {
    return undefined
  }
}

/** Listings and stats shared by the examinations of one run (keyed by the run's facts object). */
const runCaches = new WeakMap<object, Map<string, Promise<unknown>>>()

/**
 * Adds the client-log finding to an examination while it runs: the logs are read at the same
 * time as the probe, so the fact costs no time of its own. Definitions the client does not use are
 * not looked at (their old lines say nothing about now). `run` groups the examinations of one
 * diagnosis so its servers share folder listings.
 */
export async function withClientLogs(ctx: EngineContext, entry: ServerEntry, run: object, examination: Promise<ServerReport>): Promise<ServerReport> {
  if (!isActive(entry)) return examination
  let runCache = runCaches.get(run)
  if (!runCache) runCaches.set(run, (runCache = new Map()))
  const started = Date.now()
  // no file is opened after the work stops mattering, whatever the wait below decides
  const facts = gatherClientLogFacts({ ...ctx, runCache }, entry, new Date(), started + FACT_LIMIT_MS).catch(() => undefined)
  const report = await examination
  // the logs had the whole examination to be read; they are waited for only up to a second from the start
  const fact = await withDeadline(facts, Math.max(0, started + FACT_DEADLINE_MS - Date.now()))
  const found = fact ? clientLogFindings(entry, fact) : []
  if (found.length === 0) return report
  const findings = sortFindings([...report.findings, ...found])
  const quiet = findings.every((f) => f.severity === 'info')
  return { ...report, findings, status: report.status === 'skipped' && quiet ? 'skipped' : statusFromFindings(findings) }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return Promise.race([promise, Promise.resolve(undefined)])
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
    timer.unref()
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}
