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

/** Splits a command line the way a POSIX shell would for plain words and simple quotes. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = []
  for (const m of line.trim().matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '')
  return out
}
