import { finding, type Finding } from '../../../shared/findings'
import { CLIENT_NAMES, type ClientId, type Scope } from '../../../shared/report'
import type { ConfigFormat } from '../config/formats'
import { makeLocator, type Locator } from '../config/locate'
import { readConfig, type ConfigRead } from '../config/read'
import type { EngineContext } from '../context'
import { setState } from './effective'
import { invalidEntry, isPlainObject, serverId } from './entry'
import { launchModelFor } from './launch'
import { jsonPathJoin, readEntry, type DialectSpec } from './normalize'
import { fileSchemaFor } from './schema'
import type { ServerEntry } from './types'

/** One config file a client reads. */
export interface FileSpec {
  client: ClientId
  scope: Scope
  path: string
  format: ConfigFormat
  /** why MCP Medic will not edit it */
  readOnly?: string
  /** how the client treats it, for the map */
  note?: string
}

/** A file that was read, ready for its servers to be collected. */
export interface ScannedFile {
  spec: FileSpec
  read: ConfigRead
  /** the parsed document when it parsed to an object */
  root?: Record<string, unknown>
  locate: Locator
}

/**
 * Reads one config file of the machine `ctx` models. Never throws: missing, unreadable and
 * unparsable files come back as data; a file-level finding goes to `findings`.
 */
export async function scanFile(spec: FileSpec, findings: Finding[], ctx: EngineContext): Promise<ScannedFile> {
  const read = await readConfig(spec.path, spec.client, spec.scope, spec.format, ctx)
  if (spec.readOnly) read.report.readOnly = spec.readOnly
  if (spec.note) read.report.note = spec.note
  const text = read.state === 'ok' ? read.text : ''
  const scanned: ScannedFile = { spec, read, locate: makeLocator(text, spec.format) }
  if (read.state === 'unusable') findings.push(read.finding)
  if (read.state === 'ok') {
    if (isPlainObject(read.value)) scanned.root = read.value
    else if (!(spec.format === 'yaml' && (read.value === null || read.value === undefined))) {
      findings.push(invalidEntry(spec.path, '$', `the file must hold ${spec.format === 'toml' ? 'tables' : 'an object'} at the top`))
    }
  }
  return scanned
}

/** The value at a key path, or undefined. */
export function getPath(root: unknown, keys: readonly string[]): unknown {
  let value = root
  for (const key of keys) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return undefined
    value = value[key]
  }
  return value
}

export interface CollectOptions {
  ctx: EngineContext
  file: ScannedFile
  dialect: DialectSpec
  /** keys from the top of the file to the servers object */
  container: string[]
  scope?: Scope
  project?: string
  /** the folder the client would start a server in, for its launch model */
  launchCwd: string
  findings: Finding[]
}

/**
 * Reads every server in one servers object of a scanned file, in the client's dialect (older
 * shapes rewritten by the dialect's `prepare`, then checked against its schema). Entries
 * the file itself turns off or the client would skip get their effective state here.
 */
export function collectServers(options: CollectOptions): ServerEntry[] {
  const { ctx, file, dialect, container, findings } = options
  const scope = options.scope ?? file.spec.scope
  const block = getPath(file.root, container)
  if (file.read.state === 'ok') file.read.report.servers ??= 0
  if (block === undefined || block === null) return []
  const jsonPath = container.reduce((acc, key) => jsonPathJoin(acc, key), '')
  if (!isPlainObject(block)) {
    findings.push(withPosition(invalidEntry(file.spec.path, jsonPath, 'must be an object of server names to entries'), file.locate(container)))
    return []
  }
  const out: ServerEntry[] = []
  for (const [name, original] of Object.entries(block)) {
    const entryPath = jsonPathJoin(jsonPath, name)
    const where = `${file.spec.path} (${entryPath})`
    const read = readEntry(original, dialect, name, entryPath, where)
    const position = file.locate([...container, name])
    const entry: ServerEntry = {
      id: serverId(file.spec.client, scope, file.spec.path, name, options.project),
      name,
      client: file.spec.client,
      scope,
      configPath: file.spec.path,
      project: options.project,
      raw: original,
      transport: read.transport,
      command: read.command,
      args: read.args,
      env: read.env,
      url: read.url,
      headers: read.headers,
      cwd: read.cwd,
      findings: read.findings.map((f) => withPosition(f, position)),
      launch: launchModelFor(file.spec.client, ctx, options.launchCwd),
      location: { format: file.spec.format, container, readOnly: file.spec.readOnly, position }
    }
    if (read.ignored) setState(entry, 'ignored', read.ignored, { fix: CLIENT_FIXES[file.spec.client] })
    else if (read.disabled) setState(entry, 'disabled', read.disabled)
    if (read.unreachable) entry.effective = { state: 'active', reason: read.unreachable }
    out.push(entry)
  }
  if (file.read.state === 'ok') file.read.report.servers = (file.read.report.servers ?? 0) + out.length
  return out
}

const CLIENT_FIXES: Partial<Record<ClientId, string>> = {
  'claude-desktop':
    'Add remote servers in Claude Desktop under Settings › Connectors, or bridge them as a local server: "command": "npx", "args": ["-y", "mcp-remote", "<url>"].'
}

/** Adds the entry's line and column to a finding's evidence, when known and not already there. */
export function withPosition(f: Finding, position: { line: number; column: number } | undefined): Finding {
  if (!position || f.evidence?.line !== undefined) return f
  return { ...f, evidence: { ...(f.evidence ?? {}), line: position.line, column: position.column } }
}

/**
 * Reports a file whose servers sit under another client's key (`servers` in a Claude file,
 * `mcpServers` in VS Code's): the client sees none of them. The dialect's file schema decides.
 */
export function checkWrongKey(file: ScannedFile, dialect: DialectSpec, expected: string, findings: Finding[]): void {
  if (!file.root) return
  const issue = fileSchemaFor(dialect, expected).safeParse(file.root).error?.issues[0]
  const key = issue?.path[0]
  if (typeof key !== 'string') return
  const whose = dialect.wrongKeys?.[key] ?? 'another client\'s spelling'
  const client = CLIENT_NAMES[file.spec.client]
  findings.push(
    withPosition(
      finding(
        'config-wrong-key',
        'error',
        `${file.spec.path} uses "${key}" instead of "${expected}"`,
        `${client} reads servers only from the "${expected}" key of this file; "${key}" is ${whose}, so every server in it is ignored.`,
        { evidence: { path: file.spec.path, key, expected }, fix: { summary: `Rename the top-level key "${key}" to "${expected}".` } }
      ),
      file.locate([key])
    )
  )
}
