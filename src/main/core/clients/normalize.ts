import type { z } from 'zod'
import type { Finding } from '../../../shared/findings'
import type { ClientId, Transport } from '../../../shared/report'
import { isPlainObject, type NormalizedEntry } from './entry'
import { issueFindings } from './issues'
import { schemaFor, transportOf } from './schema'

/**
 * How one client spells a server entry: which fields hold the command, the URL and the rest,
 * which `type` values it accepts, what it assumes without one, how an entry is turned off, and
 * the client's own rules. Every adapter describes its dialect with one of these; `schemaFor`
 * (schema.ts) turns it into that dialect's zod schema, and {@link normalizeEntry} reads an entry
 * with it.
 */
export interface DialectSpec {
  client: ClientId
  commandKey?: string
  argsKey?: string
  envKey?: string
  headersKey?: string
  /** the object the headers map sits in, when it is not the entry itself (Continue: `requestOptions`) */
  headersIn?: string
  /** URL fields in order of preference, each with the transport it implies (else the type's or the default) */
  urlKeys: { key: string; transport?: Transport }[]
  /** the field holding the transport type, when the client has one */
  typeKey?: string
  /** accepted type values; `skip` marks entries that are not MCP servers MCP Medic can reach */
  types?: Record<string, Transport | 'skip'>
  /** the client refuses an entry without a type (Goose's entries are tagged by it) */
  typeRequired?: boolean
  /** transport of a URL entry that names no type */
  defaultUrlTransport: Transport
  /** the working-directory field, only where the client honours one */
  cwdKey?: string
  /** a reason when the entry is turned off in the file itself */
  disabled?: (raw: Record<string, unknown>) => string | undefined
  /** other fields the client reads, each with the schema the client holds it to */
  fields?: Record<string, z.ZodType>
  /** other fields the client reads whose shape MCP Medic does not check (so they are not mistaken for typos) */
  known?: readonly string[]
  /**
   * What a field of the wrong type in `fields` does in this client, in words ("Codex refuses to
   * load the whole file."). Set for clients that reject such an entry: those problems are errors;
   * without it they are warnings.
   */
  strict?: string
  /** `env` values may also be numbers and null (VS Code) */
  looseEnv?: boolean
  /** fields written where this client does not read them, each with where it does */
  misplaced?: Record<string, string>
  /** how the client treats an entry with both a command and a URL, when it refuses one */
  mixed?: { detail: string; fix: string }
  /** the client's own rules on a whole entry, beyond the shape of its fields */
  refine?: (entry: Record<string, unknown>, check: EntryCheck) => void
  /** rewrites an older entry shape into the current one before it is read (Zed, Cline) */
  prepare?: (raw: unknown, name: string) => { raw: unknown; findings?: Finding[] }
  /** set for clients whose file launches local processes only: why URL entries are ignored */
  stdioOnly?: string
  /** in YAML files, the servers are a list of entries named by this field, not an object (Continue) */
  listKey?: string
  /** other clients' keys for the servers object, and whose they are (`servers` in a Claude file) */
  wrongKeys?: Record<string, string>
}

/** What a dialect's own rules see of an entry, and how they report a problem with it. */
export interface EntryCheck {
  /** the transport the client will use for the entry */
  transport: Transport
  /** false for entries that are not servers MCP Medic can reach (an extension's, a built-in) */
  reachable: boolean
  /**
   * Reports a problem at a field (a path inside the entry; `[]` for the entry itself). In the
   * title, `{name}` stands for the server's name and `{entry}` for the entry's JSON path.
   */
  report(path: (string | number)[], severity: 'error' | 'warning' | 'info', problem: { title?: string; detail: string; fix?: string }): void
}

/** An entry as read, plus how the file itself turns it off or makes the client skip it. */
export interface ReadEntry extends NormalizedEntry {
  /** the entry is turned off in the file (`"disabled": true`, `enabled = false`, …) */
  disabled?: string
  /** the client will not load it at all, and why */
  ignored?: string
  /** not a server MCP Medic can start or reach (an editor extension's server, a built-in) */
  unreachable?: string
}

/** Appends a key to a readable JSON path: `a.b`, or `a["odd key"]`. */
export function jsonPathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
  return base === '' ? part.replace(/^\./, '') : `${base}${part}`
}

/**
 * Reads one server entry in a client's dialect: validates it with the dialect's zod schema and
 * reads the fields every client's entry boils down to. Never throws: every problem becomes a
 * `config-invalid-entry` finding naming the JSON path of the bad field, and whatever can still be
 * read is read (a number in `env` becomes its string, one string in `args` becomes one argument).
 */
export function normalizeEntry(raw: unknown, spec: DialectSpec, jsonPath: string, where: string, name = ''): ReadEntry {
  const parsed = schemaFor(spec).safeParse(raw)
  const findings = parsed.success ? [] : issueFindings(parsed.error.issues, raw, spec, { jsonPath, where, name })
  if (!isPlainObject(raw)) return { transport: 'stdio', findings }
  const kind = transportOf(raw, spec)
  const out: ReadEntry = { transport: kind.transport, findings, unreachable: kind.unreachable }
  if (!kind.unreachable) {
    if (kind.transport === 'stdio') {
      const command = raw[spec.commandKey ?? 'command']
      if (typeof command === 'string' && command.trim().length > 0) out.command = command
      out.args = readStrings(raw[spec.argsKey ?? 'args'])
      out.env = readStringMap(raw[spec.envKey ?? 'env'])
      const cwd = spec.cwdKey ? raw[spec.cwdKey] : undefined
      if (typeof cwd === 'string' && cwd.length > 0) out.cwd = cwd
    } else {
      const url = raw[kind.urlKey]
      if (typeof url === 'string' && url.trim().length > 0) out.url = url
      const holder = spec.headersIn ? raw[spec.headersIn] : raw
      out.headers = readStringMap(isPlainObject(holder) ? holder[spec.headersKey ?? 'headers'] : undefined)
    }
    if (spec.stdioOnly && (kind.transport !== 'stdio' || kind.urlOnly)) out.ignored = spec.stdioOnly
  }
  out.disabled = spec.disabled?.(raw)
  return out
}

/**
 * Reads one entry the whole way the client does: its older shapes rewritten first (the
 * dialect's `prepare`), then validated and read. The findings of both steps are in `findings`.
 * Never throws.
 */
export function readEntry(raw: unknown, spec: DialectSpec, name: string, jsonPath: string, where: string): ReadEntry {
  const prepared = spec.prepare ? spec.prepare(raw, name) : { raw }
  const read = normalizeEntry(prepared.raw, spec, jsonPath, where, name)
  return { ...read, findings: [...(prepared.findings ?? []), ...read.findings] }
}

/** An `args` value as the client would pass it: one string is one argument. */
function readStrings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.map((item) => String(item)) : undefined
}

/** A `{ KEY: value }` map with numbers and booleans as their strings; other values are left out. */
function readStringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined
  const out: Record<string, string> = {}
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v)
  return out
}
