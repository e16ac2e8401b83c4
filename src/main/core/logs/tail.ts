import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

/**
 * Reading the end of a log file with bounded memory. Client logs grow without limit (Claude Code's
 * `mcp-logs-*` filled a 460 GB disk: anthropics/claude-code#69427), so a file is never read whole:
 * its size is taken once, and only the last `maxBytes` before that size are read. A writer that
 * appends meanwhile changes nothing we read (the bytes past the snapshot are not looked at), and a
 * line cut by the start of the window is dropped rather than shown half.
 */

export interface Tail {
  /** the tail's lines, oldest first, decoded as UTF-8 (bad bytes become U+FFFD) */
  lines: string[]
  /** 1-based line number of `lines[0]`: exact for files up to 16 MB, estimated beyond */
  firstLine: number
  exactLines: boolean
  /** the file holds more than was read */
  truncated: boolean
  /** size and modification time when it was read */
  size: number
  mtimeMs: number
  /** most of the bytes are not text (a binary file, or garbage in a log) */
  binary: boolean
}

export class TailError extends Error {
  constructor(
    readonly reason: 'missing' | 'forbidden' | 'not-a-file' | 'io',
    message: string
  ) {
    super(message)
    this.name = 'TailError'
  }
}

/** Files up to this size get exact line numbers (the part before the tail is counted, in chunks). */
const COUNT_LIMIT = 16 * 1024 * 1024
/** A single line longer than this is cut: base64 payloads logged verbatim are not worth showing whole. */
export const MAX_LINE_CHARS = 4000

/**
 * The last `maxBytes` of a file, as lines. `countLines: false` skips counting the lines before the
 * tail (numbers are then estimated), for callers that only look at what the lines say. Throws
 * {@link TailError} with a reason a person can act on.
 */
export async function readTail(file: string, maxBytes: number, options: { countLines?: boolean } = {}): Promise<Tail> {
  let handle: FileHandle
  try {
    // O_NONBLOCK: a FIFO swapped in for a log file must not block the read forever
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw tailError(error, file)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new TailError('not-a-file', `${file} is not a regular file.`)
    const size = info.size
    const start = Math.max(0, size - maxBytes)
    const buffer = await readRange(handle, start, size - start)
    let body = buffer
    if (start > 0) {
      const newline = buffer.indexOf(0x0a)
      // the first line is cut by the window's start: drop it, unless it is the only one
      if (newline !== -1 && newline < buffer.length - 1) body = buffer.subarray(newline + 1)
    }
    const binary = looksBinary(body)
    let text = new TextDecoder('utf-8', { fatal: false }).decode(body)
    if (start === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    const lines = text.split(/\r?\n/)
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
    const before = start === 0 ? 0 : start + (buffer.length - body.length)
    const counted = before === 0 ? 0 : options.countLines !== false && before <= COUNT_LIMIT ? await countNewlines(handle, before) : undefined
    const firstLine = counted !== undefined ? counted + 1 : estimateFirstLine(before, body.length, lines.length)
    return {
      lines: lines.map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}… (line cut at ${MAX_LINE_CHARS} characters)` : l)),
      firstLine,
      exactLines: counted !== undefined,
      truncated: start > 0,
      size,
      mtimeMs: info.mtimeMs,
      binary
    }
  } catch (error) {
    throw error instanceof TailError ? error : tailError(error, file)
  } finally {
    await handle.close().catch(() => {})
  }
}

async function readRange(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break // truncated while we read: keep what was there
    filled += bytesRead
  }
  return buffer.subarray(0, filled)
}

async function countNewlines(handle: FileHandle, end: number): Promise<number> {
  const chunk = Buffer.alloc(Math.min(end, 1024 * 1024))
  let count = 0
  for (let position = 0; position < end; ) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, end - position), position)
    if (bytesRead === 0) break
    for (let i = 0; i < bytesRead; i++) if (chunk[i] === 0x0a) count++
    position += bytesRead
  }
  return count
}

function estimateFirstLine(before: number, tailBytes: number, tailLines: number): number {
  const perLine = tailLines > 0 ? tailBytes / tailLines : 80
  return Math.max(1, Math.round(before / Math.max(1, perLine)) + 1)
}

/** NUL bytes, or mostly control bytes: not a text log. */
function looksBinary(bytes: Buffer): boolean {
  if (bytes.length === 0) return false
  let nul = 0
  let control = 0
  const sample = Math.min(bytes.length, 64 * 1024)
  for (let i = bytes.length - sample; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b === 0) nul++
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b) control++
  }
  return nul > sample / 100 || (nul + control) / sample > 0.1
}

function tailError(error: unknown, file: string): TailError {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOENT') return new TailError('missing', `${file} no longer exists (the client may have rotated its logs).`)
  if (code === 'EACCES' || code === 'EPERM') return new TailError('forbidden', `MCP Medic may not read ${file}: permission denied.`)
  if (code === 'EISDIR') return new TailError('not-a-file', `${file} is a folder, not a log file.`)
  return new TailError('io', `${file} could not be read: ${(error as Error)?.message ?? String(error)}`)
}
