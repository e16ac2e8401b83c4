import { AppError } from '../../../shared/contract'
import type { LogExcerpt, LogList, LogRead } from '../../../shared/logs'
import { hostPath } from '../clients/paths'
import type { Discovery, ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { entrySecrets } from '../report/build'
import { REDACTED } from '../report/redact'
import { folderSize, type LogCtx } from './fs'
import { locateLogs } from './locate'
import { HUGE_BYTES, logNotes } from './notes'
import { aboutLines, logFileId, namingServer, parseTail, readParsed, relevantLogs, toLogFile, toLogLine } from './read'
import { readTail, TailError } from './tail'

/**
 * The client-log channels (`logs:list`, `logs:read`) and the report's log excerpts. A server is
 * named by the id discovery gave it and a file by the id `logs:list` gave it: the engine finds
 * both again itself, so no path from the caller is ever opened.
 */

export interface LogServiceDeps {
  discover: (ctx: EngineContext, options: { projects?: string[] }) => Promise<Discovery>
  projects?: string[]
}

/** How many shared client logs (debug logs, window logs) are peeked at for mentions. */
const SHARED_LIMIT = 8
/** How much of a file `logs:read` reads: the newest megabyte. */
const READ_BYTES = 1024 * 1024
const DEFAULT_LINES = 500
/** How much of a file an excerpt is taken from. */
const EXCERPT_BYTES = 64 * 1024

interface Found {
  entry: ServerEntry
  /** every secret of every server of the machine: a shared log quotes other servers' arguments too */
  secrets: string[]
}

async function findServer(ctx: EngineContext, serverId: string, deps: LogServiceDeps): Promise<Found> {
  const discovery = await deps.discover(ctx, { projects: deps.projects })
  const entry = discovery.servers.find((s) => s.id === serverId)
  if (!entry) throw new AppError('not-found', `No server with id ${serverId} is configured any more.`)
  return { entry, secrets: [...new Set(discovery.servers.flatMap(entrySecrets))] }
}

/** `logs:list`: this server's log files, the folders they are in with their size, and notes. */
export async function listServerLogs(ctx: EngineContext, serverId: string, deps: LogServiceDeps): Promise<LogList> {
  const { entry, secrets } = await findServer(ctx, serverId, deps)
  const located = await locateLogs(ctx, entry)
  const relevant = await relevantLogs(ctx, entry, located.files, secrets, { shared: SHARED_LIMIT })
  const folders = await Promise.all(
    [...new Set(located.folders)].map(async (path) => {
      const size = await folderSize(ctx, path)
      return { path, client: entry.client, bytes: size.bytes, files: size.files, huge: size.bytes >= HUGE_BYTES, ...(size.partial ? { partial: true } : {}) }
    })
  )
  const notes = [...(await logNotes(ctx, entry, located, relevant.files.length)), ...relevant.problems]
  return { files: relevant.files.map(toLogFile), folders, notes }
}

export interface ReadOptions {
  query?: string
  maxLines?: number
}

/** `logs:read`: the tail of one listed file, optionally only the lines containing `query`. */
export async function readServerLog(ctx: EngineContext, serverId: string, fileId: string, options: ReadOptions, deps: LogServiceDeps): Promise<LogRead> {
  const { entry, secrets } = await findServer(ctx, serverId, deps)
  const located = await locateLogs(ctx, entry)
  const found = located.files.find((f) => logFileId(f) === fileId)
  if (!found) throw new AppError('not-found', 'That log file is no longer there (the client may have rotated or removed it). List the logs again.')
  const max = options.maxLines ?? DEFAULT_LINES
  // the query is matched against the masked text, so it can never find out a secret; the raw line
  // only preselects (a line whose raw text lacks the query cannot have it once masked, unless the
  // query is part of the mask itself)
  const needle = options.query?.trim().toLowerCase() || undefined
  const prefilter = needle !== undefined && !REDACTED.toLowerCase().includes(needle)
  const pick = needle ? (_i: number, line: string) => !prefilter || line.toLowerCase().includes(needle) : (i: number, _line: string, total: number) => i >= total - max
  let read
  try {
    read = await readParsed(ctx, found, entry, secrets, READ_BYTES, { countLines: true, pick })
  } catch (error) {
    if (error instanceof TailError) throw new AppError(error.reason === 'forbidden' ? 'forbidden' : 'not-found', error.message)
    throw error
  }
  const matching = needle ? read.lines.filter((l) => l.text.toLowerCase().includes(needle)) : read.lines
  const shown = matching.slice(-max)
  const file = toLogFile({ ...found, bytes: read.tail.size, mtimeMs: read.tail.mtimeMs })
  const note = read.tail.binary ? 'This file does not look like text (it holds binary data); the lines are shown with unreadable bytes replaced.' : undefined
  return {
    file,
    lines: shown.map(toLogLine),
    truncated: read.tail.truncated || shown.length < (needle ? matching.length : read.tail.lines.length),
    ...(needle ? { matches: matching.length } : {}),
    ...(note ? { note } : {})
  }
}

export interface ExcerptOptions {
  /** files to take lines from, the server's own first */
  maxFiles?: number
  /** lines per file, the newest */
  maxLines?: number
}

/**
 * For the exported report ("client log excerpts"): the newest lines about one server from its
 * client's logs, secrets masked, a few lines from a few files, each with the file it came from.
 * Files that cannot be read are skipped. Never throws for missing logs: no logs, no excerpts.
 */
export async function entryLogExcerpts(ctx: LogCtx, entry: ServerEntry, secrets: readonly string[], options: ExcerptOptions = {}): Promise<LogExcerpt[]> {
  const maxFiles = options.maxFiles ?? 3
  const maxLines = options.maxLines ?? 20
  const masked = [...secrets, ...entrySecrets(entry)]
  const located = await locateLogs(ctx, entry)
  const relevant = await relevantLogs(ctx, entry, located.files, masked, { shared: SHARED_LIMIT })
  const order = [...relevant.files.filter((f) => f.forServer), ...relevant.files.filter((f) => !f.forServer)].slice(0, maxFiles)
  const out: LogExcerpt[] = []
  for (const f of order) {
    const tail = relevant.tails.get(f) ?? (await readTail(hostPath(ctx, f.path), EXCERPT_BYTES).catch(() => undefined))
    if (!tail) continue
    const pick = f.forServer ? (i: number, _line: string, total: number) => i >= total - maxLines : namingServer(entry)
    const lines = aboutLines(f, parseTail(tail, f, entry, masked, { pick }))
    if (lines.length === 0) continue
    out.push({ file: toLogFile(f), lines: lines.slice(-maxLines).map(toLogLine), truncated: lines.length > maxLines || tail.truncated || (f.forServer && tail.lines.length > maxLines) })
  }
  return out
}

/** {@link entryLogExcerpts} for a server named by its id (what an export knows). */
export async function serverLogExcerpts(ctx: EngineContext, serverId: string, deps: LogServiceDeps, options: ExcerptOptions = {}): Promise<LogExcerpt[]> {
  const { entry, secrets } = await findServer(ctx, serverId, deps)
  return entryLogExcerpts(ctx, entry, secrets, options)
}
