import { stringify as stringifyToml } from 'smol-toml'
import { stringify as stringifyYaml } from 'yaml'
import { AppError } from '../../../shared/contract'
import type { EditResult } from '../../../shared/edit'
import type { Finding } from '../../../shared/findings'
import { dialectFor } from '../clients/dialects'
import { isPlainObject } from '../clients/entry'
import { jsonPathJoin, readEntry } from '../clients/normalize'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import { maskedDiff } from '../fix/preview'
import { parseConfigText, type ConfigFormat } from './formats'
import { locate } from './parse'
import { changedMasks, maskEntry, maskText, secretTexts, unmask } from './secrets'
import { editConfig, prepareEdit, type EditDeps } from './service'
import { ChangedOnDiskError } from './write'

/**
 * The step-2 entry editor: one server's entry as text in its file's format, secrets masked;
 * checked as the user types (parse errors with line and column, the client's schema, the diff
 * the save would make); saved through the edit service as a `replace-entry` edit. A mask left
 * as it was stands for the value it hides, so the user edits around secrets without seeing them.
 */

export interface TextError {
  message: string
  line: number
  column: number
}

export interface EntryText {
  serverId: string
  configPath: string
  format: ConfigFormat
  text: string
  hash: string
  masked: string[]
  readOnly?: string
}

/** The entry as text, every secret masked except the names in `reveal` (`env:API_KEY`, `arg:3`, `url`, …). */
export async function entryText(ctx: EngineContext, request: { serverId: string; reveal?: string[]; projects?: string[] }, deps: EditDeps): Promise<EntryText> {
  const { entry, hash, readOnly } = await findEntry(ctx, request, deps)
  const format = entry.location?.format ?? 'json'
  const base = { serverId: entry.id, configPath: entry.configPath, format, hash, ...(readOnly ? { readOnly } : {}) }
  // an entry that is not even an object (a string, a list) is shown as written, its token shapes and URL secrets masked
  if (!isPlainObject(entry.raw)) return { ...base, text: maskText(format === 'yaml' ? stringifyYaml(entry.raw) : `${JSON.stringify(entry.raw, null, 2)}\n`, []), masked: [] }
  const masked = maskEntry(entry.raw, dialectFor(entry.client, format), new Set(request.reveal ?? []))
  return { ...base, text: render(masked.entry, format), masked: masked.masked }
}

/** What saving `text` would do: its errors, the client's findings on it, and the diff (secrets masked). */
export async function checkEntryText(ctx: EngineContext, request: { serverId: string; text: string; projects?: string[] }, editDeps: EditDeps): Promise<{ ok: boolean; errors: TextError[]; findings: Finding[]; diff?: string }> {
  // this runs as the user types: the files are read once for the lookup and the diff
  const deps = readOnce(editDeps)
  const { entry } = await findEntry(ctx, request, deps)
  const read = readText(entry, request.text)
  if (!read.ok) return { ok: false, errors: read.errors, findings: [] }
  const format = entry.location?.format ?? 'json'
  const dialect = dialectFor(entry.client, format)
  const secrets = [...secretTexts(entry.raw, dialect), ...secretTexts(read.value, dialect)]
  const jsonPath = [...(entry.location?.container ?? []), entry.name].reduce((acc, key) => jsonPathJoin(acc, key), '')
  const findings = readEntry(read.value, dialect, entry.name, jsonPath, `${entry.configPath} (${jsonPath})`).findings.map((f) => maskFinding(f, secrets))
  const errors: TextError[] = []
  let diff: string | undefined
  try {
    diff = maskedDiff(await prepareEdit(ctx, { serverId: entry.id, projects: request.projects, op: { op: 'replace-entry', entry: read.value } }, deps), secrets)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (/^Nothing to change/.test(error.message)) diff = ''
    else errors.push({ message: maskText(error.message, secrets), line: 0, column: 0 })
  }
  return { ok: errors.length === 0 && !findings.some((f) => f.severity === 'error'), errors, findings, ...(diff === undefined ? {} : { diff }) }
}

/** Saves `text` as the entry: refused if the file changed since `expectedHash`, backed up, atomic, undoable. */
export async function saveEntryText(ctx: EngineContext, request: { serverId: string; text: string; expectedHash: string; projects?: string[] }, deps: EditDeps): Promise<EditResult> {
  const { entry, hash, readOnly } = await findEntry(ctx, request, deps)
  if (readOnly) throw new AppError('forbidden', `${entry.configPath} is read-only for MCP Medic: ${readOnly}.`)
  // masks stand for the values of the file the text was made from: a changed file is refused first
  if (hash !== request.expectedHash) throw new AppError('conflict', new ChangedOnDiskError(entry.configPath).message)
  const read = readText(entry, request.text)
  if (!read.ok) {
    const first = read.errors[0]!
    throw new AppError('invalid-request', `The entry was not saved: ${first.message}${first.line > 0 ? ` (line ${first.line}, column ${first.column})` : ''}.`)
  }
  return editConfig(ctx, { serverId: entry.id, expectedHash: request.expectedHash, projects: request.projects, op: { op: 'replace-entry', entry: read.value } }, deps)
}

/** One secret value of an entry, because the user asked to see it. */
export async function revealSecret(ctx: EngineContext, request: { serverId: string; kind: 'env' | 'header' | 'arg'; key: string; projects?: string[] }, deps: EditDeps): Promise<{ value: string }> {
  const { entry } = await findEntry(ctx, request, deps)
  const value =
    request.kind === 'env' ? entry.env?.[request.key] : request.kind === 'header' ? entry.headers?.[request.key] : /^\d+$/.test(request.key) ? entry.args?.[Number(request.key)] : undefined
  const what = request.kind === 'env' ? `variable ${request.key}` : request.kind === 'header' ? `header ${request.key}` : `argument ${request.key}`
  if (value === undefined) throw new AppError('not-found', `"${entry.name}" has no ${what}.`)
  return { value }
}

async function findEntry(ctx: EngineContext, request: { serverId: string; projects?: string[] }, deps: EditDeps): Promise<{ entry: ServerEntry; hash: string; readOnly?: string }> {
  const discovery = await deps.discover(ctx, { projects: request.projects })
  const entry = discovery.servers.find((s) => s.id === request.serverId)
  if (!entry) throw new AppError('not-found', `No server with id ${request.serverId} is configured any more.`)
  const config = discovery.configs.find((c) => c.path === entry.configPath)
  return { entry, hash: config?.hash ?? 'absent', readOnly: config?.readOnly ?? entry.location?.readOnly }
}

/** The entry text written the way its file is: JSON (2 spaces), TOML or YAML. */
function render(value: Record<string, unknown>, format: ConfigFormat): string {
  if (format === 'toml') return stringifyToml(value)
  if (format === 'yaml') return stringifyYaml(value)
  return `${JSON.stringify(value, null, 2)}\n`
}

/** The edited text read back: parsed in its format, an object, masks unchanged, masks turned back into values. */
function readText(entry: ServerEntry, text: string): { ok: true; value: Record<string, unknown> } | { ok: false; errors: TextError[] } {
  const format = entry.location?.format ?? 'json'
  const parsed = parseConfigText(text, format)
  if (!parsed.ok) return { ok: false, errors: [{ message: parsed.error.message.replace(/ at line \d+, column \d+$/, ''), line: parsed.error.line, column: parsed.error.column }] }
  if (!isPlainObject(parsed.value)) return { ok: false, errors: [{ message: 'The entry must be an object of fields (command, args, env, …)', line: 1, column: 1 }] }
  const { tokens } = maskEntry(isPlainObject(entry.raw) ? entry.raw : {}, dialectFor(entry.client, format))
  const changed = changedMasks(text, tokens)
  if (changed.length > 0) {
    const at = locate(text, text.indexOf(changed[0]!))
    return { ok: false, errors: [{ message: `${changed[0]} is not a value MCP Medic hid: put the mask back as it was, or type the whole new value`, line: at.line, column: at.column }] }
  }
  return { ok: true, value: unmask(parsed.value, tokens) as Record<string, unknown> }
}

function readOnce(deps: EditDeps): EditDeps {
  let discovery: ReturnType<EditDeps['discover']> | undefined
  return { ...deps, discover: (ctx, options) => (discovery ??= deps.discover(ctx, options)) }
}

function maskFinding(f: Finding, secrets: readonly string[]): Finding {
  return { ...f, title: maskText(f.title, secrets), detail: maskText(f.detail, secrets), ...(f.fix ? { fix: { ...f.fix, summary: maskText(f.fix.summary, secrets) } } : {}) }
}
