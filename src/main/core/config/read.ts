import { createHash } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import { finding, type Finding } from '../../../shared/findings'
import type { ClientId, ConfigReport, Scope } from '../../../shared/report'
import { hostPath, type HostCtx } from '../clients/paths'
import { FORMAT_NAMES, parseConfigText, type ConfigFormat } from './formats'

/**
 * Config files larger than this are refused rather than read into memory. Claude Code's
 * `~/.claude.json` keeps per-project history and can grow to tens of megabytes; nothing else
 * comes close.
 */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024

export type ConfigRead =
  | { state: 'missing'; report: ConfigReport }
  | { state: 'unusable'; report: ConfigReport; finding: Finding }
  | { state: 'ok'; report: ConfigReport; value: unknown; text: string; hash: string }

/** sha-256 of a file's bytes, hex: what an edit compares to refuse a file that changed. */
export function contentHash(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The bytes of a regular file, or why there are none (`missing`: nothing is there). */
export type FileBytes =
  | { ok: true; bytes: Buffer }
  | { ok: false; missing: true }
  | { ok: false; missing: false; code: string; message: string; bytes?: number }

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (POSIX;
// Windows has no FIFOs at ordinary paths, and Node leaves the constant undefined there).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Reads a file that must be a regular file of at most `maxBytes`. Never throws and never blocks:
 * a FIFO, socket or device in place of the file, a symlink loop, a folder, missing permissions
 * and an oversized file each come back as a reason in words, naming `shown` (the path as the
 * user knows it). The file is opened once and checked through its descriptor, so it cannot be
 * swapped for something else between the check and the read; a file that vanished before it
 * was opened is `missing`.
 */
export async function readRegularFile(file: string, maxBytes: number, shown = file): Promise<FileBytes> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(file, OPEN_FLAGS)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN'
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true }
    return { ok: false, missing: false, code, message: openFailure(code, shown, error as Error) }
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return { ok: false, missing: false, code: 'ENOTREG', message: notAFile(info, shown) }
    if (info.size > maxBytes) return tooLarge(shown, info.size, maxBytes)
    // Read to the end, not to the size stat gave: a file that grows while it is read is still
    // read whole, up to the limit.
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total, 64 * 1024), maxBytes + 1 - total))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) return tooLarge(shown, total, maxBytes)
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN'
    return { ok: false, missing: false, code, message: `Cannot read ${shown}: ${(error as Error).message}` }
  } finally {
    await handle.close().catch(() => {})
  }
}

/** A small text file's contents, or undefined when it is missing, not a regular file or unreadable. Never blocks. */
export async function readTextIfFile(file: string, maxBytes = MAX_CONFIG_BYTES): Promise<string | undefined> {
  const read = await readRegularFile(file, maxBytes)
  return read.ok ? read.bytes.toString('utf8') : undefined
}

function openFailure(code: string, shown: string, error: Error): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied reading ${shown}: its permissions do not let your user read it (and the client runs as your user too)`
    case 'ELOOP':
      return `${shown} is a symbolic link that leads back to itself (a loop of links), so there is no file to read`
    case 'EISDIR':
      return `${shown} is a folder, not a file`
    case 'ENXIO':
      return `${shown} is a socket, not a file`
    case 'ENAMETOOLONG':
      return `${shown}: the path, or a link it goes through, is too long`
    default:
      return `Cannot read ${shown}: ${error.message}`
  }
}

function notAFile(info: Stats, shown: string): string {
  if (info.isDirectory()) return `${shown} is a folder, not a file`
  if (info.isFIFO()) return `${shown} is a named pipe (FIFO), not a file: reading it would wait for a writer forever`
  if (info.isSocket()) return `${shown} is a socket, not a file`
  if (info.isCharacterDevice() || info.isBlockDevice()) return `${shown} is a device, not a file`
  return `${shown} is not a regular file`
}

function tooLarge(shown: string, bytes: number, maxBytes: number): FileBytes {
  const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`
  return {
    ok: false,
    missing: false,
    code: 'EFBIG',
    bytes,
    message: `${shown} is larger than ${mb(maxBytes)} (${bytes >= maxBytes ? 'at least ' : ''}${mb(bytes)}), more than a config file should ever be`
  }
}

/**
 * Reads and parses one config file in any format (JSON, JSONC, TOML, YAML), recording the hash
 * of the bytes read. `file` is a path on the machine `ctx` models, and what comes back names it
 * so. Never throws and never hangs: a missing file, an unreadable one (a pipe, a loop, no
 * permission, too big) and one that does not parse (or nests absurdly deep) each come back as
 * data, with a finding saying exactly what is wrong and where.
 */
export async function readConfig(file: string, client: ClientId, scope: Scope, format: ConfigFormat, ctx?: HostCtx): Promise<ConfigRead> {
  const base: ConfigReport = { client, scope, path: file, exists: false, format }
  const read = await readRegularFile(ctx ? hostPath(ctx, file) : file, MAX_CONFIG_BYTES, file)
  if (!read.ok && read.missing) return { state: 'missing', report: base }
  if (!read.ok) {
    const title = read.code === 'EFBIG' ? `${file} is too large to read` : `${file} cannot be read`
    return {
      state: 'unusable',
      report: { ...base, exists: true, error: { message: read.message, line: 0, column: 0 } },
      finding: finding('config-unreadable', 'error', title, `${read.message}. Until it can be read, the client ignores every server in it.`, {
        evidence: { path: file, errno: read.code, ...(read.bytes !== undefined ? { bytes: read.bytes } : {}) }
      })
    }
  }
  const buffer = read.bytes
  const text = buffer.toString('utf8')
  const hash = contentHash(buffer)
  const parsed = parseConfigText(text, format)
  if (!parsed.ok && parsed.error.tooDeep) {
    const { message, line, column, excerpt, hint } = parsed.error
    return {
      state: 'unusable',
      report: { ...base, exists: true, hash, error: { message, line, column } },
      finding: finding('config-unreadable', 'error', `${file} is nested too deeply to read`, `${message}. ${hint}`, {
        evidence: { path: file, line, column, excerpt }
      })
    }
  }
  if (!parsed.ok) {
    const { message, line, column, excerpt, hint } = parsed.error
    return {
      state: 'unusable',
      report: { ...base, exists: true, hash, error: { message, line, column } },
      finding: finding(
        'config-invalid-json',
        'error',
        `${file} is not valid ${FORMAT_NAMES[format]}`,
        `${message}.${hint ? ` ${hint}` : ''} Until it parses, the client ignores every server in it.`,
        { evidence: { path: file, line, column, excerpt } }
      )
    }
  }
  return { state: 'ok', report: { ...base, exists: true, hash }, value: parsed.value, text, hash }
}
