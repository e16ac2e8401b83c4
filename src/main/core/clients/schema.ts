import { z } from 'zod'
import { CLIENT_NAMES, type Transport } from '../../../shared/report'
import { isPlainObject } from './entry'
import type { DialectSpec, EntryCheck } from './normalize'

/**
 * One zod schema per client dialect, built from its {@link DialectSpec}. An entry is first
 * tagged with the transport the client will use for it (from its `type`, or from which of the
 * command and URL fields it has), then checked against that transport's shape: a local server's
 * command, args, env and cwd, or a remote server's URL and headers, plus the other fields the
 * client reads. Unknown fields pass (clients tolerate them); cross-field rules (a missing
 * command, fields from another client's dialect, the client's own rules) run on every entry.
 * Problems come back as zod issues; issues.ts turns them into findings.
 */

/** The synthetic field the transport tag is put in before the shape is checked. */
export const TRANSPORT_TAG = '\u0000transport'

/** How a client will treat an entry: its transport, and which fields decided it. */
export interface EntryKind {
  transport: Transport
  /** the URL field that is used (or would be, for a remote entry without one) */
  urlKey: string
  /** a URL field is present */
  hasUrl: boolean
  hasCommand: boolean
  /** a URL and no command */
  urlOnly: boolean
  /** set when the entry is not a server MCP Medic can reach (an editor extension, a built-in) */
  unreachable?: string
}

/** Which transport the client uses for an entry, as the client decides it. Never throws. */
export function transportOf(raw: Record<string, unknown>, spec: DialectSpec): EntryKind {
  const url = spec.urlKeys.find((u) => raw[u.key] !== undefined)
  const hasCommand = raw[spec.commandKey ?? 'command'] !== undefined
  const urlOnly = url !== undefined && !hasCommand
  const base = { urlKey: url?.key ?? spec.urlKeys[0]?.key ?? 'url', hasUrl: url !== undefined, hasCommand, urlOnly }
  const typeValue = spec.typeKey ? raw[spec.typeKey] : undefined
  if (typeValue !== undefined) {
    const mapped = typeof typeValue === 'string' && spec.types && Object.hasOwn(spec.types, typeValue) ? spec.types[typeValue] : undefined
    if (mapped === 'skip') return { ...base, transport: 'stdio', unreachable: `a "${String(typeValue)}" entry runs inside ${CLIENT_NAMES[spec.client]}, not as a separate server` }
    if (mapped) return { ...base, transport: mapped }
    return { ...base, transport: urlOnly ? (url.transport ?? spec.defaultUrlTransport) : 'stdio' }
  }
  if (hasCommand) return { ...base, transport: 'stdio' }
  if (url) return { ...base, transport: url.transport ?? spec.defaultUrlTransport }
  return { ...base, transport: 'stdio' }
}

/** The type values of a dialect that name a transport MCP Medic can reach. */
export function acceptedTypes(spec: DialectSpec): string[] {
  return Object.entries(spec.types ?? {})
    .filter(([, t]) => t !== 'skip')
    .map(([name]) => name)
}

const NonEmpty = z.string().refine((s) => s.trim().length > 0)
const Strings = z.array(z.string())
const StringMap = z.record(z.string(), z.string())
const LooseEnvMap = z.record(z.string(), z.union([z.string(), z.number(), z.null()]))

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
  http_headers: 'headers',
  headers: 'headers'
}

/** Keys that hold another server list: an entry with one is nested a level too deep. */
const SERVER_LISTS = ['mcpServers', 'servers', 'context_servers', 'mcp_servers', 'extensions']

const cache = new WeakMap<DialectSpec, z.ZodType>()

/** The dialect's zod schema (built once per dialect). */
export function schemaFor(spec: DialectSpec): z.ZodType {
  let schema = cache.get(spec)
  if (!schema) {
    schema = buildSchema(spec)
    cache.set(spec, schema)
  }
  return schema
}

const fileCache = new WeakMap<DialectSpec, Map<string, z.ZodType>>()

/**
 * The dialect's schema of a file's top level: with no servers under `serversKey`, a server object
 * under another client's key (the dialect's `wrongKeys`) is an issue at that key. Built once per
 * dialect and key.
 */
export function fileSchemaFor(spec: DialectSpec, serversKey: string): z.ZodType {
  let byKey = fileCache.get(spec)
  if (!byKey) fileCache.set(spec, (byKey = new Map()))
  let schema = byKey.get(serversKey)
  if (!schema) {
    const wrong = Object.keys(spec.wrongKeys ?? {})
    schema = z.looseObject({}).superRefine((root, ctx) => {
      if (root[serversKey] !== undefined) return
      const key = wrong.find((k) => isPlainObject(root[k]))
      if (key !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `servers under "${key}" instead of "${serversKey}"` })
    })
    byKey.set(serversKey, schema)
  }
  return schema
}

function buildSchema(spec: DialectSpec): z.ZodType {
  const types = acceptedTypes(spec)
  const type = spec.typeKey && types.length > 0 ? { [spec.typeKey]: spec.typeRequired ? z.enum(types as [string, ...string[]]) : z.enum(types as [string, ...string[]]).optional() } : {}
  const cwd = spec.cwdKey ? { [spec.cwdKey]: NonEmpty.optional() } : {}
  const headers = { [spec.headersKey ?? 'headers']: StringMap.optional() }
  const headerHolder = spec.headersIn ? { [spec.headersIn]: z.looseObject(headers).optional() } : headers
  const urls = Object.fromEntries(spec.urlKeys.map((u) => [u.key, NonEmpty.optional()]))
  const fields = spec.fields ?? {}
  const stdio = z.looseObject({
    [TRANSPORT_TAG]: z.literal('stdio'),
    ...type,
    [spec.commandKey ?? 'command']: NonEmpty,
    [spec.argsKey ?? 'args']: Strings.optional(),
    [spec.envKey ?? 'env']: (spec.looseEnv ? LooseEnvMap : StringMap).optional(),
    ...cwd,
    ...fields
  })
  const remote = z.looseObject({ [TRANSPORT_TAG]: z.enum(['http', 'sse']), ...type, ...urls, ...headerHolder, ...fields })
  const skip = z.looseObject({ [TRANSPORT_TAG]: z.literal('skip'), ...fields })
  const tag = (raw: unknown): unknown => {
    if (!isPlainObject(raw)) return raw
    const kind = transportOf(raw, spec)
    return { ...raw, [TRANSPORT_TAG]: kind.unreachable ? 'skip' : kind.transport }
  }
  return z.preprocess(tag, z.discriminatedUnion(TRANSPORT_TAG, [stdio, remote, skip])).superRefine(
    (value, ctx) => {
      if (!isPlainObject(value)) return
      const { [TRANSPORT_TAG]: _tag, ...raw } = value
      crossChecks(raw, spec, (path, params) => ctx.addIssue({ code: 'custom', path, message: params.detail, params: { ...params, rule: true } }))
    },
    { when: () => true }
  )
}

/** What a rule reports: where, how bad, and in which words. */
export interface RuleIssue {
  severity: 'error' | 'warning' | 'info'
  detail: string
  /** `{entry}` stands for the entry's JSON path, `{name}` for the server's name */
  title?: string
  fix?: string
}

/** Rules that look at more than one field, and the client's own rules. */
function crossChecks(raw: Record<string, unknown>, spec: DialectSpec, report: (path: (string | number)[], issue: RuleIssue) => void): void {
  const client = CLIENT_NAMES[spec.client]
  const kind = transportOf(raw, spec)
  const commandKey = spec.commandKey ?? 'command'
  if (SERVER_LISTS.some((key) => isPlainObject(raw[key]))) {
    report([], { severity: 'error', detail: 'this entry holds another server list: the servers are nested one level too deep' })
  }
  if (!kind.unreachable && kind.transport !== 'stdio' && !kind.hasUrl) {
    report([kind.urlKey], { severity: 'error', detail: `a ${kind.transport === 'sse' ? 'SSE' : 'Streamable HTTP'} server needs a "${kind.urlKey}" string` })
  }
  if (!kind.unreachable && kind.transport === 'stdio' && kind.hasUrl && kind.hasCommand && !spec.stdioOnly) {
    report([kind.urlKey], spec.mixed
      ? { severity: 'error', title: '"{name}" mixes a command and a URL', detail: spec.mixed.detail, fix: spec.mixed.fix }
      : { severity: 'warning', title: 'Both a command and a URL: {entry}', detail: `the entry has "${commandKey}" and "${kind.urlKey}"; ${client} treats it as a local server and ignores the URL.` })
  }
  const own = new Set<string>([
    commandKey,
    spec.argsKey ?? 'args',
    spec.envKey ?? 'env',
    spec.headersIn ?? spec.headersKey ?? 'headers',
    ...spec.urlKeys.map((u) => u.key),
    ...(spec.typeKey ? [spec.typeKey] : []),
    ...(spec.cwdKey ? [spec.cwdKey] : []),
    ...Object.keys(spec.fields ?? {}),
    ...(spec.known ?? [])
  ])
  const targets: Record<string, string | undefined> = {
    cwd: spec.cwdKey,
    url: spec.urlKeys[0]?.key,
    type: spec.typeKey,
    env: spec.envKey ?? 'env',
    args: spec.argsKey ?? 'args',
    command: commandKey,
    headers: spec.headersIn ? `${spec.headersIn}.${spec.headersKey ?? 'headers'}` : (spec.headersKey ?? 'headers')
  }
  for (const key of Object.keys(raw)) {
    if (own.has(key)) continue
    const elsewhere = spec.misplaced?.[key]
    const meant = SUSPECTS[key]
    if (elsewhere === undefined && meant === undefined) continue
    const target = elsewhere ?? targets[meant!]
    if (target === key) continue
    const detail =
      meant === 'cwd' && !spec.cwdKey
        ? `${client} has no working-directory setting and ignores "${key}": the server starts in ${client}'s own folder. Use absolute paths in "${commandKey}" and "${spec.argsKey ?? 'args'}" instead.`
        : target
          ? `${client} does not read "${key}"${elsewhere ? ' here' : ''}; it reads "${target}".`
          : `${client} does not read "${key}".`
    report([key], { severity: 'warning', title: `Unknown field "${key}" in {entry}`, detail, fix: target ? (target.includes('.') ? `Move "${key}" to "${target}".` : `Rename "${key}" to "${target}".`) : undefined })
  }
  if (spec.refine) {
    const check: EntryCheck = {
      transport: kind.transport,
      reachable: !kind.unreachable,
      report: (path, severity, problem) => report(path, { severity, ...problem })
    }
    spec.refine(raw, check)
  }
}
