import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { finding, type Finding } from '../../../shared/findings'
import type { ClientId, ConfigReport, Scope } from '../../../shared/report'
import { hostPath, type HostCtx } from '../clients/paths'
import { FORMAT_NAMES, parseConfigText, type ConfigFormat } from './formats'

/** Config files larger than this are refused rather than read into memory. */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024

export type ConfigRead =
  | { state: 'missing'; report: ConfigReport }
  | { state: 'unusable'; report: ConfigReport; finding: Finding }
  | { state: 'ok'; report: ConfigReport; value: unknown; text: string; hash: string }

/** sha-256 of a file's bytes, hex: what an edit compares to refuse a file that changed. */
export function contentHash(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Reads and parses one config file in any format (JSON, JSONC, TOML, YAML), recording the hash
 * of the bytes read. `file` is a path on the machine `ctx` models, and what comes back names it
 * so. Never throws: a missing file, an unreadable one and one that does not parse each come back
 * as data, with a finding saying exactly what is wrong and where.
 */
export async function readConfig(file: string, client: ClientId, scope: Scope, format: ConfigFormat, ctx?: HostCtx): Promise<ConfigRead> {
  const base: ConfigReport = { client, scope, path: file, exists: false, format }
  let buffer: Buffer
  try {
    buffer = await readFile(ctx ? hostPath(ctx, file) : file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', report: base }
    const message =
      code === 'EACCES' || code === 'EPERM'
        ? `Permission denied reading ${file}`
        : code === 'EISDIR'
          ? `${file} is a folder, not a file`
          : `Cannot read ${file}: ${(error as Error).message}`
    return {
      state: 'unusable',
      report: { ...base, exists: true, error: { message, line: 0, column: 0 } },
      finding: finding('config-unreadable', 'error', 'Config file cannot be read', message, {
        evidence: { path: file, errno: code }
      })
    }
  }
  if (buffer.length > MAX_CONFIG_BYTES) {
    const message = `${file} is ${buffer.length} bytes, more than a config file should ever be`
    return {
      state: 'unusable',
      report: { ...base, exists: true, error: { message, line: 0, column: 0 } },
      finding: finding('config-unreadable', 'error', 'Config file is too large to read', message, {
        evidence: { path: file, bytes: buffer.length }
      })
    }
  }
  const text = buffer.toString('utf8')
  const hash = contentHash(buffer)
  const parsed = parseConfigText(text, format)
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
