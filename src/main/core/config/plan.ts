import type { EditOp } from '../../../shared/edit'
import { CLIENT_NAMES, type ClientId, type ConfigReport, type Transport } from '../../../shared/report'
import { claudeJsonPath } from '../clients/claude-code'
import { isPlainObject } from '../clients/entry'
import { dialectFor, SERVERS_KEY } from '../clients/dialects'
import type { Discovery, ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { applyRelativeOp } from './entry-ops'
import { EditRefused } from './errors'
import { clone, diffOps, type PathOp } from './pathops'

export { EditRefused } from './errors'

/** What to write where: one file, operations on its parsed document, and a summary. */
export interface EditPlan {
  file: string
  ops: PathOp[]
  summary: string
  /** the entry after the edit, for validation (absent when the entry is removed), and before it */
  entry?: { container: string[]; name: string; raw: Record<string, unknown>; before?: Record<string, unknown> }
  /** a name to add to or remove from a list of turned-off servers, once the document is read */
  toggle?: ToggleList
  /** names to add to or remove from lists of names, once the document is read (approvals) */
  lists?: ListChange[]
  /** the file is not a server config discovery reports (Claude Code's settings): how to read it */
  target?: { client: ClientId; scope: ConfigReport['scope'] }
}

/** A name that must be in (`present`) or out of the list of names at `path`. */
export interface ListChange {
  path: string[]
  name: string
  present: boolean
}

/**
 * The path operations of list changes, once the file's document is known: each list is rewritten
 * with the name added (at the end) or removed, keeping its other names and their order; a list
 * already as asked is left alone.
 */
export function listOps(doc: unknown, changes: readonly ListChange[]): PathOp[] {
  const ops: PathOp[] = []
  for (const change of changes) {
    let value: unknown = doc
    for (const key of change.path) value = isPlainObject(value) ? value[key] : undefined
    if (value !== undefined && !Array.isArray(value)) throw new EditRefused(`${change.path.join('.')} is not a list; correct it by hand first.`)
    const list = Array.isArray(value) ? value : []
    if (list.includes(change.name) === change.present) continue
    ops.push({ kind: 'set', path: change.path, value: change.present ? [...list, change.name] : list.filter((n) => n !== change.name) })
  }
  return ops
}

const TYPE_VALUES: Partial<Record<ClientId, Partial<Record<Transport, string>>>> = {
  'claude-code': { stdio: 'stdio', http: 'http', sse: 'sse' },
  vscode: { stdio: 'stdio', http: 'http', sse: 'sse' },
  cursor: { stdio: 'stdio', http: 'http', sse: 'sse' },
  'lm-studio': { stdio: 'stdio', http: 'http', sse: 'sse' },
  cline: { stdio: 'stdio', http: 'streamableHttp', sse: 'sse' },
  goose: { stdio: 'stdio', http: 'streamable_http', sse: 'sse' },
  continue: { stdio: 'stdio', http: 'streamable-http', sse: 'sse' }
}
/** Continue's JSON drop-ins spell Streamable HTTP as Claude Desktop does. */
const CONTINUE_JSON_TYPES: Partial<Record<Transport, string>> = { stdio: 'stdio', http: 'http', sse: 'sse' }

/**
 * Turns an operation on a discovered server into path operations on its file. Throws
 * {@link EditRefused} when the client has no way to express it (turning off a Cursor server,
 * SSE in Codex, a cwd in Claude Code).
 */
export function planEntryEdit(ctx: EngineContext, entry: ServerEntry, op: EditOp): EditPlan {
  const client = CLIENT_NAMES[entry.client]
  const container = entry.location?.container
  if (!container) throw new EditRefused(`MCP Medic does not know where "${entry.name}" sits in ${entry.configPath}.`)
  const raw = isPlainObject(entry.raw) ? clone(entry.raw) : {}
  const base = [...container, entry.name]
  const format = entry.location?.format
  const dialect = dialectFor(entry.client, format)
  /** in a named list (Continue's YAML), the name field is the server's name */
  const listKey = format === 'yaml' ? dialect.listKey : undefined
  const change = (next: Record<string, unknown>, summary: string): EditPlan => ({
    file: entry.configPath,
    // an entry that is not an object (a string, a list) is replaced whole
    ops: isPlainObject(entry.raw) ? diffOps(base, raw, next) : [{ kind: 'set', path: base, value: next }],
    summary,
    entry: { container, name: entry.name, raw: next, before: raw }
  })
  const urlKey = (): string => dialect.urlKeys.find((u) => raw[u.key] !== undefined)?.key ?? dialect.urlKeys[0]?.key ?? 'url'
  const mapKey = (which: 'env' | 'headers'): string => (which === 'env' ? (dialect.envKey ?? 'env') : (dialect.headersKey ?? 'headers'))

  switch (op.op) {
    case 'set-command':
      return change({ ...raw, [dialect.commandKey ?? 'command']: op.command }, `set the command of "${entry.name}"`)
    case 'set-args':
      return change({ ...raw, [dialect.argsKey ?? 'args']: op.args }, `set the arguments of "${entry.name}"`)
    case 'set-env':
    case 'set-header': {
      const key = mapKey(op.op === 'set-env' ? 'env' : 'headers')
      // Continue's YAML keeps headers in requestOptions
      const holderKey = op.op === 'set-header' ? dialect.headersIn : undefined
      const holder = holderKey === undefined ? raw : isPlainObject(raw[holderKey]) ? { ...raw[holderKey] } : {}
      const map = isPlainObject(holder[key]) ? { ...holder[key] } : {}
      if (op.value === null) delete map[op.key]
      else map[op.key] = op.value
      const nextHolder: Record<string, unknown> = { ...holder, [key]: map }
      if (op.value === null && Object.keys(map).length === 0 && holder[key] === undefined) delete nextHolder[key]
      const next = holderKey === undefined ? nextHolder : { ...raw, [holderKey]: nextHolder }
      if (holderKey !== undefined && Object.keys(nextHolder).length === 0 && raw[holderKey] === undefined) delete next[holderKey]
      return change(next, `${op.value === null ? 'remove' : 'set'} ${op.op === 'set-env' ? 'variable' : 'header'} ${op.key} of "${entry.name}"`)
    }
    case 'set-cwd': {
      if (!dialect.cwdKey) throw new EditRefused(`${client} has no working-directory setting for a server; use absolute paths in the command and arguments instead.`)
      const next = { ...raw }
      if (op.cwd === null) delete next[dialect.cwdKey]
      else next[dialect.cwdKey] = op.cwd
      return change(next, `${op.cwd === null ? 'remove' : 'set'} the working directory of "${entry.name}"`)
    }
    case 'set-url':
      return change({ ...raw, [urlKey()]: op.url }, `set the URL of "${entry.name}"`)
    case 'set-transport': {
      const values = entry.client === 'continue' && format !== 'yaml' ? CONTINUE_JSON_TYPES : TYPE_VALUES[entry.client]
      return change(withTransport(entry.client, raw, op.transport, entry.transport, values), `make "${entry.name}" a ${op.transport} server`)
    }
    case 'replace-entry': {
      // in a named list the entry keeps its name, written first
      const next: Record<string, unknown> = listKey ? { [listKey]: entry.name, ...clone(op.entry) } : clone(op.entry)
      if (listKey) next[listKey] = entry.name
      return change(next, `replace the entry "${entry.name}"`)
    }
    case 'remove-server':
      return { file: entry.configPath, ops: [{ kind: 'delete', path: base }], summary: `remove "${entry.name}"` }
    case 'rename-server': {
      if (op.to === entry.name) throw new EditRefused(`"${entry.name}" already has that name.`)
      const renamed = listKey ? { ...raw, [listKey]: op.to } : raw
      return {
        file: entry.configPath,
        // in a named list the name field moves with the key
        ops: [{ kind: 'rename', path: base, to: op.to }, ...(listKey ? [{ kind: 'set' as const, path: [...container, op.to, listKey], value: op.to }] : [])],
        summary: `rename "${entry.name}" to "${op.to}"`,
        entry: { container, name: op.to, raw: renamed, before: renamed }
      }
    }
    case 'enable':
    case 'disable':
      return toggle(ctx, entry, raw, op.op === 'enable', change, op.project)
    case 'split-command':
    case 'wrap-command':
    case 'split-arg':
    case 'set-arg':
    case 'rename-field': {
      const edit = applyRelativeOp(ctx, entry, raw, op, dialect)
      const plan = change(edit.next, edit.summary)
      return edit.rename ? { ...plan, ops: [{ kind: 'rename', path: [...base, edit.rename.from], to: edit.rename.to }] } : plan
    }
    case 'approve':
      throw new EditRefused('Approving a project server is planned from Claude Code\'s settings files (planApproval).')
    case 'add-server':
    case 'rename-key':
      throw new EditRefused(`${op.op} applies to a config file: name the file, not a server.`)
  }
}

/**
 * Turns an operation on a config file into path operations: a new server (in the client's own
 * words: a Continue list item carries its name; a Goose extension its name, type and `enabled`),
 * or a renamed top-level key. Throws {@link EditRefused} for anything else.
 */
export function planFileEdit(config: ConfigReport, op: EditOp, discovery: Discovery): EditPlan {
  const key = SERVERS_KEY[config.client]
  if (op.op === 'rename-key') {
    return { file: config.path, ops: [{ kind: 'rename', path: [op.from], to: op.to }], summary: `rename the key "${op.from}" to "${op.to}"` }
  }
  if (op.op !== 'add-server') throw new EditRefused(`${op.op} applies to a server: name the server, not the file.`)
  const container = op.project !== undefined ? ['projects', op.project, key] : [key]
  if (op.project !== undefined && config.client !== 'claude-code') throw new EditRefused('A project applies only to Claude Code\'s ~/.claude.json (local scope).')
  const exists = discovery.servers.some((s) => s.configPath === config.path && s.name === op.name && (s.project ?? undefined) === (op.project ?? (config.scope === 'project' ? s.project : undefined)))
  if (exists) throw new EditRefused(`"${op.name}" already exists in ${config.path}.`)
  const value = newEntry(config, op.name, clone(op.entry))
  const ops: PathOp[] = [{ kind: 'set', path: [...container, op.name], value }]
  if (config.client === 'continue' && config.format === 'yaml' && !config.exists) {
    // a new Continue config.yaml needs the metadata Continue's own starter file has
    ops.unshift({ kind: 'set', path: ['name'], value: 'Local Assistant' }, { kind: 'set', path: ['version'], value: '1.0.0' }, { kind: 'set', path: ['schema'], value: 'v1' })
  }
  return { file: config.path, ops, summary: `add "${op.name}"`, entry: { container, name: op.name, raw: value } }
}

function newEntry(config: ConfigReport, name: string, entry: Record<string, unknown>): Record<string, unknown> {
  const listKey = config.format === 'yaml' ? dialectFor(config.client, config.format).listKey : undefined
  if (listKey) return { [listKey]: name, ...entry, [listKey]: name }
  if (config.client === 'goose') {
    const type = entry.type ?? (entry.cmd !== undefined ? 'stdio' : entry.uri !== undefined ? 'streamable_http' : undefined)
    return { name, ...(type === undefined ? {} : { type }), enabled: true, ...entry }
  }
  return entry
}

function withTransport(
  client: ClientId,
  raw: Record<string, unknown>,
  transport: Transport,
  current: Transport,
  values: Partial<Record<Transport, string>> | undefined
): Record<string, unknown> {
  const name = CLIENT_NAMES[client]
  if ((transport === 'stdio') !== (current === 'stdio')) {
    throw new EditRefused('Switching between a local command and a remote URL changes the whole entry: replace the entry instead.')
  }
  const next = { ...raw }
  if (client === 'gemini-cli') {
    const url = raw.httpUrl ?? raw.url
    delete next.httpUrl
    delete next.url
    delete next.type
    next[transport === 'http' ? 'httpUrl' : 'url'] = url
    return next
  }
  if (client === 'codex' && transport === 'sse') throw new EditRefused('Codex has no SSE transport: it speaks Streamable HTTP to a url.')
  const value = values?.[transport]
  if (!value) throw new EditRefused(`${name} has no setting for the transport type.`)
  next.type = value
  if (client === 'cline') delete next.transportType
  return next
}

function toggle(
  ctx: EngineContext,
  entry: ServerEntry,
  raw: Record<string, unknown>,
  enable: boolean,
  change: (next: Record<string, unknown>, summary: string) => EditPlan,
  inProject?: string
): EditPlan {
  const verb = enable ? 'turn on' : 'turn off'
  const next = { ...raw }
  switch (entry.client) {
    case 'windsurf':
    case 'cline':
      if (enable) delete next.disabled
      else next.disabled = true
      return change(next, `${verb} "${entry.name}"`)
    case 'zed':
    case 'codex':
      if (enable) delete next.enabled
      else next.enabled = false
      return change(next, `${verb} "${entry.name}"`)
    case 'goose':
      // Goose reads "enabled" on every extension: it is never left out
      next.enabled = enable
      return change(next, `${verb} "${entry.name}"`)
    case 'claude-code': {
      // a user-scope server is turned on or off in the project named; a project's or local one in its own
      const project = entry.project ?? inProject
      if (!project) throw new EditRefused('Claude Code turns servers off per project (/mcp disable in that project); name the project to record it in.')
      if (entry.project !== undefined && inProject !== undefined && inProject !== entry.project) throw new EditRefused(`"${entry.name}" belongs to ${entry.project}, not ${inProject}.`)
      return { file: claudeJsonPath(ctx), ops: [], summary: `${verb} "${entry.name}" in ${project}`, toggle: { project, name: entry.name, enable } }
    }
    case 'gemini-cli':
      return { file: entry.configPath, ops: [], summary: `${verb} "${entry.name}"`, toggle: { key: ['mcp', 'excluded'], name: entry.name, enable } }
    default:
      throw new EditRefused(`${CLIENT_NAMES[entry.client]} keeps no on/off switch in its config file: use its settings screen, or remove the server.`)
  }
}

/** A name added to or removed from a list of turned-off servers (Claude Code, Gemini CLI). */
export interface ToggleList {
  project?: string
  key?: string[]
  name: string
  enable: boolean
}

/**
 * The path operations of a list toggle, once the file's document is known: the list is
 * rewritten with the name added or removed, keeping its other names and their order.
 */
export function toggleOps(doc: unknown, toggle: ToggleList): PathOp[] {
  const path = toggle.project !== undefined ? ['projects', toggle.project, 'disabledMcpServers'] : (toggle.key ?? [])
  let value: unknown = doc
  for (const key of path) value = isPlainObject(value) ? value[key] : undefined
  const list = Array.isArray(value) ? [...value] : []
  const has = list.includes(toggle.name)
  if (toggle.enable && !has) return []
  if (!toggle.enable && has) return []
  const next = toggle.enable ? list.filter((n) => n !== toggle.name) : [...list, toggle.name]
  return [{ kind: 'set', path, value: next }]
}
