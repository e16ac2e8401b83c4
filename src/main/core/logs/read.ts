import { createHash } from 'node:crypto'
import type { LogFile, LogLine } from '../../../shared/logs'
import { hostPath } from '../clients/paths'
import type { ServerEntry } from '../clients/types'
import type { LogCtx } from './fs'
import type { FoundLog } from './locate'
import { parseLines, type ParsedLine } from './parse'
import { readTail, type Tail } from './tail'

/** How much of a file's end is read to decide whether a shared client log mentions a server. */
export const PEEK_BYTES = 64 * 1024

export interface ReadLines {
  tail: Tail
  lines: ParsedLine[]
}

export interface ParseTailOptions {
  /** which of the tail's lines to parse fully (see `parseLines`); all by default */
  pick?: (index: number, line: string, total: number) => boolean
  /** a scan for connection attempts only (see `ParseOptions.light`) */
  light?: boolean
}

export interface ReadOptions extends ParseTailOptions {
  countLines?: boolean
}

/** The end of one found log, parsed for one server, secrets masked. Throws `TailError`. */
export async function readParsed(ctx: LogCtx, found: FoundLog, entry: ServerEntry, secrets: readonly string[], maxBytes: number, options: ReadOptions = {}): Promise<ReadLines> {
  const tail = await readTail(hostPath(ctx, found.path), maxBytes, { countLines: options.countLines ?? false })
  return { tail, lines: parseTail(tail, found, entry, secrets, options) }
}

/** Parses a tail already read (again, for other lines or fully after a light scan). */
export function parseTail(tail: Tail, found: FoundLog, entry: ServerEntry, secrets: readonly string[], options: ParseTailOptions = {}): ParsedLine[] {
  const pick = options.pick
  return parseLines(
    tail.lines,
    tail.firstLine,
    { format: found.format, name: entry.name, forServer: found.forServer, secrets, light: options.light },
    new Date(tail.mtimeMs).toISOString(),
    pick && ((i, line) => pick(i, line, tail.lines.length))
  )
}

/** The lines of a read that are about the server: all of a server's own file, the mentions in a shared one. */
export function aboutLines(found: FoundLog, lines: readonly ParsedLine[]): ParsedLine[] {
  return found.forServer ? [...lines] : lines.filter((l) => l.aboutServer)
}

/** An opaque, stable id for a found log: the renderer names files by it, never by a path. */
export function logFileId(found: Pick<FoundLog, 'client' | 'path'>): string {
  return createHash('sha256').update(`${found.client}\u0000${found.path}`).digest('hex').slice(0, 24)
}

export function toLogFile(found: FoundLog): LogFile {
  return {
    id: logFileId(found),
    client: found.client,
    path: found.path,
    kind: found.kind,
    bytes: found.bytes,
    modifiedAt: new Date(found.mtimeMs).toISOString(),
    forServer: found.forServer
  }
}

/** A parsed line as the contract carries it (the parser's own fields dropped). */
export function toLogLine(line: ParsedLine): LogLine {
  const { event: _event, tag: _tag, ...rest } = line
  return rest
}

/** Only the lines of a shared log that name the server can be about it: the others need not be parsed. */
export function namingServer(entry: ServerEntry): (index: number, line: string) => boolean {
  return (_index, line) => line.includes(entry.name)
}

/**
 * The found logs that concern the server: its own files, and the shared client logs whose end
 * mentions it (a light scan of a small bounded peek; the tails read are kept for the caller).
 * Unreadable files are left out, with the reason.
 */
export async function relevantLogs(
  ctx: LogCtx,
  entry: ServerEntry,
  found: readonly FoundLog[],
  secrets: readonly string[],
  limits: { shared: number }
): Promise<{ files: FoundLog[]; tails: Map<FoundLog, Tail>; problems: string[] }> {
  const files: FoundLog[] = []
  const tails = new Map<FoundLog, Tail>()
  const problems: string[] = []
  let shared = 0
  for (const f of found) {
    if (f.forServer) {
      files.push(f)
      continue
    }
    if (shared >= limits.shared) continue
    shared++
    try {
      const read = await readParsed(ctx, f, entry, secrets, PEEK_BYTES, { light: true, pick: namingServer(entry) })
      tails.set(f, read.tail)
      if (read.lines.some((l) => l.aboutServer)) files.push(f)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  return { files, tails, problems }
}
