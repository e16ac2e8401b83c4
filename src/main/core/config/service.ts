import { AppError } from '../../../shared/contract'
import type { EditOp, EditResult } from '../../../shared/edit'
import type { Finding } from '../../../shared/findings'
import { CLIENT_NAMES, type ClientId, type ConfigReport } from '../../../shared/report'
import { dialectFor, SERVERS_KEY } from '../clients/dialects'
import { isPlainObject, serverId } from '../clients/entry'
import { hostPath } from '../clients/paths'
import { jsonPathJoin, readEntry } from '../clients/normalize'
import type { Discovery, ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { parseConfigText, type ConfigFormat } from './formats'
import { editJsonText } from './json-edit'
import { applyToValue, deepEqual, pruneEmptyTables, type PathOp } from './pathops'
import { keyedView, unkeyed, type KeyedList } from './keyed-list'
import { planApproval } from './approval'
import { EditRefused, listOps, planEntryEdit, planFileEdit, toggleOps, type EditPlan } from './plan'
import { contentHash, readConfig } from './read'
import { editTomlText } from './toml-edit'
import { editYamlText } from './yaml-edit'
import { undoChmod } from './chmod'
import { ABSENT, ChangedOnDiskError, dataDir, listBackups, readRecord, safeWrite, undoBackup, type BackupRecord } from './write'

export interface EditRequest {
  serverId?: string
  configPath?: string
  expectedHash?: string
  projects?: string[]
  op: EditOp
}

export interface EditDeps {
  /** discovery, so edits only ever touch what the engine found */
  discover: (ctx: EngineContext, options: { projects?: string[] }) => Promise<Discovery>
  /** overrides MCP Medic's data folder, a folder on this machine (tests) */
  dataDir?: string
  /** test-only: runs between writing the temp file and the rename */
  beforeRename?: (tempFile: string) => Promise<void>
}

/** An edit worked out but not written: the file's bytes before and after, and what it means. */
export interface PreparedEdit {
  configPath: string
  /** the file's text as read ('' for a file the edit creates) and as the edit would write it */
  before: string
  after: string
  /** the hash `before` was read with (`absent` for a new file) */
  hashBefore: string
  summary: string
  /** the server's id after the edit (a rename or an added server gets a new one) */
  serverId?: string
  /** the edited entry as it would be written, when the edit keeps one */
  entry?: Record<string, unknown>
  /** the servers discovered before the edit (for masking the values of every entry in a preview) */
  discovery: Discovery
  /** whose file it is, and how it is written */
  client: ClientId
  format: ConfigFormat
}

/**
 * Works one edit out without writing anything: finds the server or file, computes the new bytes
 * with a format-preserving editor, re-parses them and checks they hold exactly the intended
 * document and a valid entry. Throws `AppError` like {@link editConfig}.
 */
export async function prepareEdit(ctx: EngineContext, request: EditRequest, deps: EditDeps): Promise<PreparedEdit> {
  const discovery = await deps.discover(ctx, { projects: request.projects })
  let plan: EditPlan
  let config: ConfigReport | undefined
  let entry: ServerEntry | undefined
  try {
    if (request.serverId !== undefined) {
      entry = discovery.servers.find((s) => s.id === request.serverId)
      if (!entry) throw new AppError('not-found', `No server with id ${request.serverId} is configured any more.`)
      plan = request.op.op === 'approve' ? await planApproval(ctx, entry) : planEntryEdit(ctx, entry, request.op)
    } else {
      config = discovery.configs.find((c) => c.path === request.configPath)
      if (!config) throw new AppError('not-found', `${request.configPath} is not a config file MCP Medic discovered; it edits only those.`)
      plan = planFileEdit(config, request.op, discovery)
    }
  } catch (error) {
    throw asAppError(error)
  }
  const target = discovery.configs.find((c) => c.path === plan.file) ?? config ?? (plan.target && { ...plan.target, path: plan.file, exists: true, format: 'json' as const })
  if (!target) throw new AppError('not-found', `${plan.file} is not a config file MCP Medic discovered.`)
  if (target.readOnly) throw new AppError('forbidden', `${plan.file} is read-only for MCP Medic: ${target.readOnly}.`)
  const format: ConfigFormat = target.format ?? 'json'

  const read = await readConfig(plan.file, target.client, target.scope, format, ctx)
  if (read.state === 'unusable') throw new AppError('invalid-request', `${plan.file} cannot be edited until it parses: ${read.report.error?.message ?? 'unreadable'}.`)
  const hashBefore = read.state === 'ok' ? read.hash : ABSENT
  if (request.expectedHash !== undefined && request.expectedHash !== hashBefore) throw new AppError('conflict', new ChangedOnDiskError(plan.file).message)
  const text = read.state === 'ok' ? read.text : ''
  // a named list (Continue's YAML mcpServers) is edited as an object of its items by name
  const listKey = format === 'yaml' ? dialectFor(target.client, format).listKey : undefined
  const container = read.state === 'ok' && isPlainObject(read.value) ? read.value[SERVERS_KEY[target.client]] : undefined
  const lists: KeyedList[] = listKey && (container === undefined || Array.isArray(container)) ? [{ path: [SERVERS_KEY[target.client]], key: listKey }] : []
  const doc: unknown = keyedView(read.state === 'ok' ? read.value : {}, lists)

  let ops: PathOp[]
  try {
    ops = plan.toggle ? toggleOps(doc, plan.toggle) : plan.lists ? listOps(doc, plan.lists) : plan.ops
  } catch (error) {
    throw asAppError(error)
  }
  if (ops.length === 0) throw new AppError('invalid-request', `Nothing to change: ${plan.summary} is already the case.`)
  checkOps(doc, ops)
  checkRenameKey(request.op, doc, plan.file)
  let expected: unknown
  let next: string
  try {
    expected = applyToValue(doc, ops)
    next = format === 'toml' ? editTomlText(text, ops) : format === 'yaml' ? editYamlText(text, ops, { lists }) : editJsonText(text, ops)
  } catch (error) {
    throw new AppError('invalid-request', `Cannot ${plan.summary} in ${plan.file}: ${(error as Error).message}`)
  }
  const reparsed = parseConfigText(next, format)
  const same = (a: unknown, b: unknown): boolean => (format === 'toml' ? deepEqual(pruneEmptyTables(a), pruneEmptyTables(b)) : deepEqual(a, b))
  // items of a named list compare in order (an unnamed item's key is its position, which may move)
  if (!reparsed.ok || !same(unkeyed(keyedView(reparsed.value, lists), lists), unkeyed(expected, lists))) {
    throw new AppError('internal', `MCP Medic could not ${plan.summary} without disturbing the rest of ${plan.file}, so it wrote nothing.`)
  }
  if (plan.entry) validateEntry(target.client, format, plan.entry)

  let newId = entry?.id
  if (request.op.op === 'rename-server' && entry) newId = serverId(entry.client, entry.scope, entry.configPath, request.op.to, entry.project)
  if (request.op.op === 'add-server') {
    const local = request.op.project !== undefined
    newId = serverId(target.client, local ? 'local' : target.scope, plan.file, request.op.name, request.op.project ?? projectOf(discovery, plan.file))
  }
  return { configPath: plan.file, before: text, after: next, hashBefore, summary: plan.summary, serverId: newId, entry: plan.entry?.raw, discovery, client: target.client, format }
}

/**
 * Makes one edit to a discovered server or config file: {@link prepareEdit}, then an atomic
 * write with a backup. Throws `AppError`: `not-found` (no such server or file), `forbidden`
 * (read-only file), `conflict` (changed on disk), `invalid-request` (the edit makes no sense or
 * breaks the entry).
 */
export async function editConfig(ctx: EngineContext, request: EditRequest, deps: EditDeps): Promise<EditResult> {
  const prepared = await prepareEdit(ctx, request, deps)
  let record: BackupRecord
  try {
    record = await safeWrite(prepared.configPath, prepared.after, { expectedHash: prepared.hashBefore, dataDir: backupsHome(ctx, deps), summary: `${prepared.summary} (${prepared.configPath})`, beforeRename: deps.beforeRename, ctx })
  } catch (error) {
    if (error instanceof ChangedOnDiskError) throw new AppError('conflict', error.message)
    throw error
  }
  return {
    configPath: prepared.configPath,
    backupId: record.id,
    hashBefore: prepared.hashBefore,
    hashAfter: contentHash(prepared.after),
    serverId: prepared.serverId,
    summary: prepared.summary
  }
}

/** A top-level key is renamed only when it holds servers: renaming an empty one fixes nothing. */
function checkRenameKey(op: EditOp, doc: unknown, file: string): void {
  if (op.op !== 'rename-key') return
  const value = isPlainObject(doc) ? doc[op.from] : undefined
  const holds = isPlainObject(value) ? Object.keys(value).length > 0 : Array.isArray(value) && value.length > 0
  if (!holds) throw new AppError('invalid-request', `"${op.from}" in ${file} holds no servers; there is nothing to rename.`)
}

/** The project a project-scoped file belongs to, as discovery recorded it. */
function projectOf(discovery: Discovery, file: string): string | undefined {
  return discovery.servers.find((s) => s.configPath === file && s.scope === 'project')?.project ?? undefined
}

/** Operations must not overwrite something other than what they name (a server added twice). */
function checkOps(doc: unknown, ops: readonly PathOp[]): void {
  for (const op of ops) {
    if (op.kind !== 'rename') continue
    let parent: unknown = doc
    for (const key of op.path.slice(0, -1)) parent = isPlainObject(parent) ? parent[key] : undefined
    if (!isPlainObject(parent) || !Object.hasOwn(parent, op.path[op.path.length - 1]!)) throw new AppError('not-found', `${op.path.join('.')} is not in the file.`)
    if (Object.hasOwn(parent, op.to)) throw new AppError('invalid-request', `"${op.to}" already exists there.`)
  }
}

/**
 * The edited entry must read in its client's dialect (the same schema discovery uses) without an
 * error it did not have before the edit, or nothing is written.
 */
function validateEntry(client: ClientId, format: ConfigFormat, edited: NonNullable<EditPlan['entry']>): void {
  const dialect = dialectFor(client, format)
  const jsonPath = [...edited.container, edited.name].reduce((acc, key) => jsonPathJoin(acc, key), '')
  const errors = (raw: unknown): Finding[] => readEntry(raw, dialect, edited.name, jsonPath, jsonPath).findings.filter((f) => f.severity === 'error')
  const known = new Set(edited.before === undefined ? [] : errors(edited.before).map((f) => `${f.evidence?.jsonPath}\0${f.detail}`))
  const added = errors(edited.raw).filter((f) => !known.has(`${f.evidence?.jsonPath}\0${f.detail}`))
  if (added.length > 0) {
    throw new AppError('invalid-request', `The edited entry would not work in ${CLIENT_NAMES[client]}: ${added.map((e) => e.detail.replace(`${jsonPath}: `, '')).join('; ')}. Nothing was written.`)
  }
}

function asAppError(error: unknown): Error {
  if (error instanceof AppError) return error
  if (error instanceof EditRefused) return new AppError('invalid-request', error.message)
  return error as Error
}

/** Undoes a recorded edit. Throws `AppError` `not-found` or `conflict` (changed since). */
export async function undoEdit(ctx: EngineContext, backupId: string, deps: Pick<EditDeps, 'dataDir'> = {}): Promise<EditResult> {
  try {
    const record = await readRecord(backupsHome(ctx, deps), backupId)
    // a permission change (chmod +x) is undone by putting the old mode back
    const undo = record.kind === 'chmod' ? await undoChmod(ctx, record, backupsHome(ctx, deps)) : await undoBackup(backupsHome(ctx, deps), backupId, ctx)
    return { configPath: undo.path, backupId: undo.id, hashBefore: undo.hashBefore, hashAfter: undo.hashAfter, summary: undo.summary }
  } catch (error) {
    if (error instanceof ChangedOnDiskError) throw new AppError('conflict', `${error.file} changed since that edit; undoing it now would lose those changes. Nothing was written.`)
    if (/^No edit|already undone/.test((error as Error).message)) throw new AppError('not-found', (error as Error).message)
    throw error
  }
}

/** The edits MCP Medic made, newest first. */
export async function editHistory(ctx: EngineContext, deps: Pick<EditDeps, 'dataDir'> = {}): Promise<BackupRecord[]> {
  return listBackups(backupsHome(ctx, deps))
}

/** MCP Medic's data folder on this machine: the override, else the modelled machine's, where it is here. */
export function backupsHome(ctx: EngineContext, deps: Pick<EditDeps, 'dataDir'>): string {
  return deps.dataDir ?? hostPath(ctx, dataDir(ctx))
}
