import { createHash } from 'node:crypto'
import { finding, type Finding } from '../../../shared/findings'
import type { ClientId, Scope, Transport } from '../../../shared/report'

/** A stable id for a server: the same entry in the same file gets the same id on every run. */
export function serverId(client: ClientId, scope: Scope, configPath: string, name: string, project = ''): string {
  const hash = createHash('sha256').update([client, scope, configPath, project, name].join('\0')).digest('hex')
  return `${client}:${scope}:${name}:${hash.slice(0, 10)}`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The fields every client's entry boils down to, plus what was wrong with the entry. */
export interface NormalizedEntry {
  transport: Transport
  command?: string
  args?: string[]
  env?: Record<string, string>
  url?: string
  headers?: Record<string, string>
  cwd?: string
  findings: Finding[]
}

/** Reports a field that breaks the client's schema, naming the JSON path of the bad field. */
export function invalidEntry(where: string, path: string, problem: string): Finding {
  return finding('config-invalid-entry', 'error', `Invalid entry: ${path}`, `${where}: ${problem}`, {
    evidence: { jsonPath: path }
  })
}

/** Reads a `{ KEY: "value" }` map; anything else is reported against `path`. */
export function stringMap(
  value: unknown,
  path: string,
  where: string,
  findings: Finding[]
): Record<string, string> | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) {
    findings.push(invalidEntry(where, path, 'must be an object of names to string values'))
    return undefined
  }
  const out: Record<string, string> = {}
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v
    else if (typeof v === 'number' || typeof v === 'boolean') {
      out[key] = String(v)
      findings.push(invalidEntry(where, `${path}.${key}`, `is a ${typeof v}; write it as a string, in quotes`))
    } else findings.push(invalidEntry(where, `${path}.${key}`, 'must be a string'))
  }
  return out
}

/** Reads an array of strings; anything else is reported against `path`. */
export function stringArray(value: unknown, path: string, where: string, findings: Finding[]): string[] | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') {
    findings.push(invalidEntry(where, path, 'must be an array of strings, not one string'))
    return [value]
  }
  if (!Array.isArray(value)) {
    findings.push(invalidEntry(where, path, 'must be an array of strings'))
    return undefined
  }
  return value.map((item, i) => {
    if (typeof item !== 'string') findings.push(invalidEntry(where, `${path}[${i}]`, 'must be a string'))
    return String(item)
  })
}
