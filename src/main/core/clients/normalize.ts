import { finding, type Finding } from '../../../shared/findings'
import { CLIENT_NAMES, type ClientId, type Transport } from '../../../shared/report'
import { invalidEntry, isPlainObject, stringArray, stringMap, type NormalizedEntry } from './entry'

/**
 * How one client spells a server entry: which fields hold the command, the URL and the rest,
 * which `type` values it accepts, what it assumes without one, and how an entry is turned off.
 * Every adapter describes its dialect with one of these; {@link normalizeEntry} does the reading.
 */
export interface DialectSpec {
  client: ClientId
  commandKey?: string
  argsKey?: string
  envKey?: string
  headersKey?: string
  /** URL fields in order of preference, each with the transport it implies (else the type's or the default) */
  urlKeys: { key: string; transport?: Transport }[]
  /** the field holding the transport type, when the client has one */
  typeKey?: string
  /** accepted type values; `skip` marks entries that are not MCP servers MCP Medic can reach */
  types?: Record<string, Transport | 'skip'>
  /** transport of a URL entry that names no type */
  defaultUrlTransport: Transport
  /** the working-directory field, only where the client honours one */
  cwdKey?: string
  /** a reason when the entry is turned off in the file itself */
  disabled?: (raw: Record<string, unknown>) => string | undefined
  /** other fields the client reads (so they are not mistaken for typos) */
  known?: readonly string[]
  /** set for clients whose file launches local processes only: why URL entries are ignored */
  stdioOnly?: string
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

/** Field names users write for another client's dialect, with the field they meant. */
const SUSPECTS: Record<string, string> = {
  transport: 'type',
  transportType: 'type',
  environment: 'env',
  envs: 'env',
  envVars: 'env',
  arguments: 'args',
  argv: 'args',
  cmd: 'command',
  executable: 'command',
  serverUrl: 'url',
  httpUrl: 'url',
  uri: 'url',
  endpoint: 'url',
  cwd: 'cwd',
  workingDirectory: 'cwd',
  working_directory: 'cwd',
  workdir: 'cwd',
  http_headers: 'headers'
}

/** Appends a key to a readable JSON path: `a.b`, or `a["odd key"]`. */
export function jsonPathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
  return base === '' ? part.replace(/^\./, '') : `${base}${part}`
}

/**
 * Reads one server entry in a client's dialect. Never throws: every problem becomes a
 * `config-invalid-entry` finding naming the JSON path of the bad field.
 */
export function normalizeEntry(raw: unknown, spec: DialectSpec, jsonPath: string, where: string): ReadEntry {
  const findings: Finding[] = []
  const client = CLIENT_NAMES[spec.client]
  if (!isPlainObject(raw)) {
    findings.push(invalidEntry(where, jsonPath, 'an entry must be an object with "command" or "url"'))
    return { transport: 'stdio', findings }
  }
  const commandKey = spec.commandKey ?? 'command'
  const at = (key: string): string => jsonPathJoin(jsonPath, key)
  const urlKey = spec.urlKeys.find((u) => raw[u.key] !== undefined)
  const hasCommand = raw[commandKey] !== undefined

  let transport: Transport
  let unreachable: string | undefined
  const typeValue = spec.typeKey ? raw[spec.typeKey] : undefined
  if (spec.typeKey && typeValue !== undefined) {
    const mapped = typeof typeValue === 'string' ? spec.types?.[typeValue] : undefined
    if (mapped === 'skip') {
      transport = 'stdio'
      unreachable = `a "${String(typeValue)}" entry runs inside ${client}, not as a separate server`
    } else if (mapped) transport = mapped
    else {
      const accepted = Object.keys(spec.types ?? {}).filter((t) => spec.types?.[t] !== 'skip')
      findings.push(invalidEntry(where, at(spec.typeKey), `unknown type ${JSON.stringify(typeValue)}; ${client} accepts ${accepted.map((t) => `"${t}"`).join(', ')}`))
      transport = urlKey && !hasCommand ? (urlKey.transport ?? spec.defaultUrlTransport) : 'stdio'
    }
  } else if (hasCommand) transport = 'stdio'
  else if (urlKey) transport = urlKey.transport ?? spec.defaultUrlTransport
  else transport = 'stdio'

  const out: ReadEntry = { transport, findings, unreachable }
  if (isPlainObject(raw.mcpServers) || isPlainObject(raw.servers) || isPlainObject(raw.context_servers)) {
    findings.push(invalidEntry(where, jsonPath, 'this entry holds another server list: the servers are nested one level too deep'))
  }
  if (unreachable) return finish(out, raw, spec, jsonPath, where)

  if (transport === 'stdio') {
    const command = raw[commandKey]
    if (typeof command === 'string' && command.trim().length > 0) out.command = command
    else if (!urlKey || hasCommand)
      findings.push(invalidEntry(where, at(commandKey), command === undefined ? `a local (stdio) server needs a "${commandKey}" string` : `"${commandKey}" must be a non-empty string`))
    else findings.push(invalidEntry(where, at(spec.typeKey ?? commandKey), `has a URL but is typed as a local (stdio) server`))
    out.args = stringArray(raw[spec.argsKey ?? 'args'], at(spec.argsKey ?? 'args'), where, findings)
    out.env = stringMap(raw[spec.envKey ?? 'env'], at(spec.envKey ?? 'env'), where, findings)
    if (spec.cwdKey && raw[spec.cwdKey] !== undefined) {
      const cwd = raw[spec.cwdKey]
      if (typeof cwd === 'string' && cwd.length > 0) out.cwd = cwd
      else findings.push(invalidEntry(where, at(spec.cwdKey), 'must be a folder path string'))
    }
    if (spec.stdioOnly === undefined && urlKey && hasCommand) {
      findings.push(
        finding('config-invalid-entry', 'warning', `Both a command and a URL: ${jsonPath}`, `${where}: the entry has "${commandKey}" and "${urlKey.key}"; ${client} treats it as a local server and ignores the URL.`, {
          evidence: { jsonPath: at(urlKey.key) }
        })
      )
    }
  } else {
    const key = urlKey?.key ?? spec.urlKeys[0]?.key ?? 'url'
    const url = raw[key]
    if (typeof url === 'string' && url.trim().length > 0) out.url = url
    else findings.push(invalidEntry(where, at(key), `a ${transport === 'sse' ? 'SSE' : 'Streamable HTTP'} server needs a "${key}" string`))
    out.headers = stringMap(raw[spec.headersKey ?? 'headers'], at(spec.headersKey ?? 'headers'), where, findings)
  }
  if (spec.stdioOnly && (transport !== 'stdio' || (urlKey && !hasCommand))) out.ignored = spec.stdioOnly
  return finish(out, raw, spec, jsonPath, where)
}

function finish(out: ReadEntry, raw: Record<string, unknown>, spec: DialectSpec, jsonPath: string, where: string): ReadEntry {
  out.disabled = spec.disabled?.(raw)
  const client = CLIENT_NAMES[spec.client]
  const own = new Set<string>([
    spec.commandKey ?? 'command',
    spec.argsKey ?? 'args',
    spec.envKey ?? 'env',
    spec.headersKey ?? 'headers',
    ...spec.urlKeys.map((u) => u.key),
    ...(spec.typeKey ? [spec.typeKey] : []),
    ...(spec.cwdKey ? [spec.cwdKey] : []),
    ...(spec.known ?? [])
  ])
  for (const key of Object.keys(raw)) {
    const meant = SUSPECTS[key]
    if (own.has(key) || meant === undefined) continue
    const fields: Record<string, string | undefined> = {
      cwd: spec.cwdKey,
      url: spec.urlKeys[0]?.key,
      type: spec.typeKey,
      env: spec.envKey ?? 'env',
      args: spec.argsKey ?? 'args',
      command: spec.commandKey ?? 'command',
      headers: spec.headersKey ?? 'headers'
    }
    const target = fields[meant]
    const detail =
      meant === 'cwd' && !spec.cwdKey
        ? `${client} has no working-directory setting and ignores "${key}": the server starts in ${client}'s own folder. Use absolute paths in "command" and "args" instead.`
        : target
          ? `${client} does not read "${key}"; it reads "${target}".`
          : `${client} does not read "${key}".`
    out.findings.push(
      finding('config-invalid-entry', 'warning', `Unknown field "${key}" in ${jsonPath}`, `${where}: ${detail}`, {
        evidence: { jsonPath: jsonPathJoin(jsonPath, key) },
        fix: target && target !== key ? { summary: `Rename "${key}" to "${target}".` } : undefined
      })
    )
  }
  return out
}
