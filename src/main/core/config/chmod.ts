import { chmod, mkdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../shared/contract'
import { hostPath, type HostCtx } from '../clients/paths'
import { contentHash } from './read'
import { markUndone, newRecordId, writeSynced, type BackupRecord } from './write'

/**
 * The one file action: the execute permission for a server's program or script (`chmod +x`),
 * recorded in the same history as config edits, with the old mode, so the history list and
 * `config:undo` can put it back.
 */

/** The mode a file would get: execute permission wherever it may be read, as `chmod +x` gives it under a usual umask. */
export function executableMode(mode: number): number {
  return (mode & 0o7777) | ((mode & 0o444) >> 2)
}

export function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`
}

/**
 * The file's mode now, what `chmod +x` would make it, and a token of both its bytes and its mode
 * (what the user confirmed: the change is refused if either changed since). Throws `AppError`
 * when it is no plain file or already executable.
 */
export async function chmodPlan(ctx: HostCtx, file: string): Promise<{ target: string; mode: number; next: number; token: string }> {
  let target: string
  try {
    target = await realpath(hostPath(ctx, file))
  } catch {
    throw new AppError('not-found', `${file} does not exist any more.`)
  }
  const info = await stat(target)
  if (!info.isFile()) throw new AppError('invalid-request', `${file} is not a file, so MCP Medic will not change its permissions.`)
  const mode = info.mode & 0o7777
  const next = executableMode(mode)
  if (next === mode) throw new AppError('invalid-request', `${file} already has the execute permission (${octal(mode)}).`)
  return { target, mode, next, token: `${contentHash(await readFile(target))}-${octal(mode)}` }
}

/**
 * Gives the file the execute permission and records the old mode in the history, only when it is
 * still the file the user confirmed (`confirmed`: the token of {@link chmodPlan}).
 */
export async function applyChmod(ctx: HostCtx, file: string, dataDir: string, confirmed: string): Promise<BackupRecord> {
  const { target, mode, next, token } = await chmodPlan(ctx, file)
  if (token !== confirmed) throw new AppError('conflict', `${file} changed since you confirmed giving it the execute permission; nothing was changed. Look at it again first.`)
  const hash = token.slice(0, token.lastIndexOf('-'))
  const now = new Date()
  const record: BackupRecord = {
    id: newRecordId(now),
    path: file,
    createdAt: now.toISOString(),
    hashBefore: hash,
    hashAfter: hash,
    summary: `give ${file} the execute permission (${octal(mode)} to ${octal(next)})`,
    kind: 'chmod',
    modeBefore: octal(mode),
    modeAfter: octal(next)
  }
  const backups = path.join(dataDir, 'backups')
  await mkdir(backups, { recursive: true, mode: 0o700 })
  await writeSynced(path.join(backups, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`, 0o600)
  try {
    await chmod(target, next)
  } catch (error) {
    await markUndone(dataDir, record)
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EPERM' || code === 'EACCES') throw new AppError('forbidden', `MCP Medic may not change the permissions of ${file} (it belongs to another user); run \`chmod +x ${file}\` as its owner.`)
    throw error
  }
  return record
}

/** Puts the old mode back. Refuses when the mode changed since (someone else changed it). */
export async function undoChmod(ctx: HostCtx, record: BackupRecord, dataDir: string): Promise<BackupRecord> {
  if (record.undoneAt) throw new AppError('not-found', `Edit ${record.id} was already undone at ${record.undoneAt}`)
  const target = await realpath(hostPath(ctx, record.path)).catch(() => undefined)
  if (!target) throw new AppError('not-found', `${record.path} does not exist any more.`)
  const mode = (await stat(target)).mode & 0o7777
  if (octal(mode) !== record.modeAfter) throw new AppError('conflict', `The permissions of ${record.path} changed since (${record.modeAfter} then, ${octal(mode)} now); undoing would lose that change. Nothing was changed.`)
  await chmod(target, parseInt(record.modeBefore ?? '0644', 8))
  await markUndone(dataDir, record)
  return { ...record, id: `${record.id}-undo`, summary: `undo: ${record.summary}`, modeBefore: record.modeAfter, modeAfter: record.modeBefore }
}
