import { randomBytes } from 'node:crypto'
import { chmod, chown, mkdir, open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { hostPath, pathsFor, type HostCtx } from '../clients/paths'
import type { EngineContext } from '../context'
import { contentHash } from './read'

/** The file changed on disk since it was read: the edit is refused, nothing is written. */
export class ChangedOnDiskError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed on disk since MCP Medic read it. Nothing was written; re-run the diagnosis to see the new contents, then try again.`)
    this.name = 'ChangedOnDiskError'
  }
}

/** The hash that stands for "the file does not exist". */
export const ABSENT = 'absent'

/**
 * MCP Medic's own data folder: `$MCP_MEDIC_DATA_DIR` when set, else `%APPDATA%\MCP Medic` on
 * Windows, `~/Library/Application Support/MCP Medic` on macOS, `$XDG_CONFIG_HOME/mcp-medic` or
 * `~/.config/mcp-medic` on Linux, as a path of the machine `ctx` models (the same as this one's
 * in production; `hostPath` says where it is when an `fsRoot` backs the model).
 */
export function dataDir(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): string {
  const p = pathsFor(ctx)
  const override = ctx.env.MCP_MEDIC_DATA_DIR
  if (override) return override
  if (ctx.platform === 'win32') return p.join(ctx.env.APPDATA || p.join(ctx.home, 'AppData', 'Roaming'), 'MCP Medic')
  if (ctx.platform === 'darwin') return p.join(ctx.home, 'Library', 'Application Support', 'MCP Medic')
  const xdg = ctx.env.XDG_CONFIG_HOME
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(ctx.home, '.config'), 'mcp-medic')
}

/** One edit, as recorded next to its backup so it can be undone. */
export interface BackupRecord {
  id: string
  /** the file that was changed */
  path: string
  createdAt: string
  /** hash before the edit (`absent` when the edit created the file) */
  hashBefore: string
  /** hash of what the edit wrote */
  hashAfter: string
  /** what was done, in words */
  summary: string
  /** set once the edit has been undone */
  undoneAt?: string
  /** what it undoes: a file's bytes (`edit`, also when absent) or its permission bits (`chmod`) */
  kind?: 'edit' | 'chmod'
  /** chmod: the permission bits before and after, octal ("0644") */
  modeBefore?: string
  modeAfter?: string
}

export interface WriteOptions {
  /** the hash of the bytes the edit was computed from; `absent` for a new file */
  expectedHash: string
  /** MCP Medic's data folder on this machine; backups go to its `backups/` */
  dataDir: string
  /** the modelled machine `file` belongs to (see `hostPath`); without it `file` is used as it is */
  ctx?: HostCtx
  summary: string
  /** test-only: runs after the temp file is written and synced, before the rename */
  beforeRename?: (tempFile: string) => Promise<void>
}

async function currentHash(file: string): Promise<string> {
  try {
    return contentHash(await readFile(file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ABSENT
    throw error
  }
}

/** Writes a file and syncs it to disk before returning (`wx`: only if it does not exist yet). */
export async function writeSynced(file: string, data: string | Buffer, mode: number, flags = 'wx'): Promise<void> {
  const handle = await open(file, flags, mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // not every platform can sync a folder
  }
}

/** A new record id: a sortable time stamp and a random tail. */
export function newRecordId(date: Date): string {
  return `${stamp(date)}-${randomBytes(4).toString('hex')}`
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
}

/**
 * Writes `content` to `file` without ever leaving it half-written: refuses with
 * {@link ChangedOnDiskError} when the file's bytes no longer hash to `expectedHash`; keeps a
 * timestamped backup in the data folder first; writes a temp file in the same folder, syncs it,
 * gives it the original's mode (and owner, when allowed), checks the hash once more and renames
 * it over the original (through a symlink, onto its target). Returns the backup record.
 */
export async function safeWrite(file: string, content: string | Buffer, options: WriteOptions): Promise<BackupRecord> {
  let target = options.ctx ? hostPath(options.ctx, file) : file
  try {
    target = await realpath(target)
  } catch {
    // a new file: write where it was asked
  }
  const before = await currentHash(target)
  if (before !== options.expectedHash) throw new ChangedOnDiskError(file)
  const original = before === ABSENT ? undefined : await readFile(target)
  const info = original ? await stat(target) : undefined

  const backups = path.join(options.dataDir, 'backups')
  await mkdir(backups, { recursive: true, mode: 0o700 })
  const now = new Date()
  const id = newRecordId(now)
  const record: BackupRecord = {
    id,
    path: file,
    createdAt: now.toISOString(),
    hashBefore: before,
    hashAfter: contentHash(content),
    summary: options.summary
  }
  // Backups can hold secrets: readable by the user only.
  if (original) await writeSynced(path.join(backups, `${id}.bak`), original, 0o600)
  await writeSynced(path.join(backups, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`, 0o600)

  const dir = path.dirname(target)
  await mkdir(dir, { recursive: true })
  const temp = path.join(dir, `.${path.basename(target)}.mcp-medic-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  const mode = info ? info.mode & 0o7777 : 0o600
  try {
    await writeSynced(temp, content, mode)
    await chmod(temp, mode)
    if (info && process.getuid?.() === 0) await chown(temp, info.uid, info.gid).catch(() => {})
    await options.beforeRename?.(temp)
    if ((await currentHash(target)) !== before) throw new ChangedOnDiskError(file)
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  await syncDir(dir)
  return record
}

/** Every recorded edit, newest first. Never throws: an unreadable record is skipped. */
export async function listBackups(dataDirPath: string): Promise<BackupRecord[]> {
  const dir = path.join(dataDirPath, 'backups')
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'))
  } catch {
    return []
  }
  const out: BackupRecord[] = []
  for (const name of names) {
    try {
      out.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as BackupRecord)
    } catch {
      // a damaged record is not ours to guess at
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
}

/**
 * Puts a file back as it was before edit `id`. Refuses with {@link ChangedOnDiskError} when the
 * file changed since that edit (restoring would lose those changes). The restore is itself an
 * atomic, backed-up write. The record names the file as the modelled machine `ctx` does (see
 * {@link WriteOptions.ctx}). Throws an Error when the record does not exist.
 */
export async function undoBackup(dataDirPath: string, id: string, ctx?: HostCtx): Promise<BackupRecord> {
  const dir = path.join(dataDirPath, 'backups')
  const record = await readRecord(dataDirPath, id)
  if (record.undoneAt) throw new Error(`Edit ${id} was already undone at ${record.undoneAt}`)
  let undo: BackupRecord
  if (record.hashBefore === ABSENT) {
    const onHost = ctx ? hostPath(ctx, record.path) : record.path
    if ((await currentHash(onHost)) !== record.hashAfter) throw new ChangedOnDiskError(record.path)
    await unlink(onHost)
    undo = { ...record, id: `${id}-undo`, summary: `undo: ${record.summary}` }
  } else {
    const original = await readFile(path.join(dir, `${id}.bak`))
    undo = await safeWrite(record.path, original, { expectedHash: record.hashAfter, dataDir: dataDirPath, summary: `undo: ${record.summary}`, ctx })
  }
  await markUndone(dataDirPath, record)
  return undo
}

/** The record of edit `id`. Throws an Error when there is none (or the id is not one MCP Medic makes). */
export async function readRecord(dataDirPath: string, id: string): Promise<BackupRecord> {
  if (!/^[\w-]+$/.test(id)) throw new Error(`No edit ${id}`)
  const dir = path.join(dataDirPath, 'backups')
  try {
    return JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as BackupRecord
  } catch {
    throw new Error(`No edit ${id} is recorded in ${dir}`)
  }
}

/** Marks a record undone (it stays in the history, so the list shows what happened). */
export async function markUndone(dataDirPath: string, record: BackupRecord): Promise<void> {
  const file = path.join(dataDirPath, 'backups', `${record.id}.json`)
  await writeSynced(file, `${JSON.stringify({ ...record, undoneAt: new Date().toISOString() }, null, 2)}\n`, 0o600, 'w')
}
