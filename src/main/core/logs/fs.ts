import type { Dirent } from 'node:fs'
import { opendir, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { hostPath, pathsFor } from '../clients/paths'
import type { EngineContext } from '../context'

/**
 * The file-system touches of the log finder, on the modelled machine: paths in and out are the
 * modelled ones, `hostPath` turns them into this machine's at each touch (so macOS and Windows
 * layouts are tested on Linux). Everything is bounded: a folder listing stops at a limit, symbolic
 * links are never followed (a link in a log folder could point anywhere, and Claude Code's
 * `debug/latest` would count its target twice), and a missing folder is simply empty.
 */

export interface Entry {
  name: string
  /** modelled path */
  path: string
  dir: boolean
}

export interface Listing {
  entries: Entry[]
  /** why the folder could not be read, when it exists but cannot (permissions) */
  error?: string
}

export type LogCtx = Pick<EngineContext, 'platform' | 'home' | 'env' | 'fsRoot'> & {
  /**
   * listings and stats already made in this diagnosis run: a hundred servers of one client list
   * its log folders, and stat its shared logs, once
   */
  runCache?: Map<string, Promise<unknown>>
}

/** `make()` once per run for `key` (every time when there is no run cache). */
function cached<T>(ctx: LogCtx, key: string, make: () => Promise<T>): Promise<T> {
  const cache = ctx.runCache
  if (!cache) return make()
  let value = cache.get(key) as Promise<T> | undefined
  if (!value) cache.set(key, (value = make()))
  return value
}

/** How many entries of one folder are looked at. Log folders with more are unusual and get a `partial` flag. */
export const LIST_LIMIT = 5000

/** A folder's files and subfolders (no links, no devices), at most `limit` of them. */
export function listDir(ctx: LogCtx, dir: string, limit = LIST_LIMIT): Promise<Listing> {
  return cached(ctx, `list\u0000${limit}\u0000${dir}`, () => readListing(ctx, dir, limit))
}

async function readListing(ctx: LogCtx, dir: string, limit: number): Promise<Listing> {
  let dirents: Dirent[]
  try {
    dirents = await readdir(hostPath(ctx, dir), { withFileTypes: true })
  } catch (error) {
    return { entries: [], error: unreadable(error, dir) }
  }
  const p = pathsFor(ctx)
  const entries: Entry[] = []
  for (const d of dirents) {
    if (entries.length >= limit) break
    if (d.isDirectory() || d.isFile()) entries.push({ name: d.name, path: p.join(dir, d.name), dir: d.isDirectory() })
  }
  return { entries }
}

export interface FileInfo {
  bytes: number
  mtimeMs: number
}

/** Size and modification time of a regular file, or undefined when there is none. */
export function fileInfo(ctx: LogCtx, file: string): Promise<FileInfo | undefined> {
  return cached(ctx, `file\u0000${file}`, async () => {
    try {
      const s = await stat(hostPath(ctx, file))
      return s.isFile() ? { bytes: s.size, mtimeMs: s.mtimeMs } : undefined
    } catch {
      return undefined
    }
  })
}

/** A folder's modification time, or undefined when there is no such folder. */
export async function dirInfo(ctx: LogCtx, dir: string): Promise<{ mtimeMs: number } | undefined> {
  try {
    const s = await stat(hostPath(ctx, dir))
    return s.isDirectory() ? { mtimeMs: s.mtimeMs } : undefined
  } catch {
    return undefined
  }
}

export interface FolderSize {
  bytes: number
  files: number
  /** more entries than `maxEntries`, or deeper than `maxDepth`: the numbers are lower bounds */
  partial: boolean
}

/**
 * The total size of a folder's files, walking at most `maxEntries` entries and `maxDepth`
 * levels: a folder of 240 GB of logs is counted in the time its entries take to stat (many at a
 * time), and a folder of millions of files stops early and says so.
 */
export async function folderSize(ctx: LogCtx, dir: string, maxEntries = 20_000, maxDepth = 6): Promise<FolderSize> {
  const out: FolderSize = { bytes: 0, files: 0, partial: false }
  let seen = 0
  const queue: { dir: string; depth: number }[] = [{ dir: hostPath(ctx, dir), depth: 0 }]
  while (queue.length > 0 && !out.partial) {
    const next = queue.shift()!
    const files: string[] = []
    try {
      const handle = await opendir(next.dir, { bufferSize: 256 })
      for await (const d of handle) {
        if (++seen > maxEntries) {
          out.partial = true
          // leaving the loop early closes the handle (for await calls its return())
          break
        }
        // host paths from here on: hostPath already applied
        const full = path.join(next.dir, d.name)
        if (d.isDirectory()) {
          if (next.depth + 1 > maxDepth) out.partial = true
          else queue.push({ dir: full, depth: next.depth + 1 })
        } else if (d.isFile()) files.push(full)
      }
    } catch {
      continue
    }
    for (let i = 0; i < files.length; i += STAT_BATCH) {
      const sizes = await Promise.all(files.slice(i, i + STAT_BATCH).map((f) => stat(f).then((s) => s.size, () => undefined)))
      for (const size of sizes) {
        // undefined: gone between the listing and the stat (a log rotated away)
        if (size === undefined) continue
        out.bytes += size
        out.files++
      }
    }
  }
  return out
}

/** How many files are stat'ed at once while a folder's size is counted. */
const STAT_BATCH = 64

function unreadable(error: unknown, dir: string): string | undefined {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
  if (code === 'EACCES' || code === 'EPERM') return `${dir} cannot be read: permission denied.`
  return `${dir} cannot be read: ${(error as Error)?.message ?? String(error)}`
}
