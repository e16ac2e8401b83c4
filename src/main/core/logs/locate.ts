import type { LogFile } from '../../../shared/logs'
import type { ClientId } from '../../../shared/report'
import { appDataDir, inHome, pathsFor, xdgConfigHome } from '../clients/paths'
import type { ServerEntry } from '../clients/types'
import { dirInfo, fileInfo, listDir, type Entry, type LogCtx } from './fs'
import type { LogFormat } from './parse'

/**
 * Where each client writes its logs, per OS, for one server. Verified or sourced:
 *
 * - Claude Code 2.1.197 (run offline in a temp home, `claude mcp list` and `claude --debug -p`):
 *   one JSONL file per session in `<cache>/claude-cli-nodejs/<cwd slug>/mcp-logs-<name slug>/`,
 *   where `<cache>` is env-paths' cache folder (`~/.cache` or `$XDG_CACHE_HOME` on Linux,
 *   `~/Library/Caches` on macOS, `%LOCALAPPDATA%\claude-cli-nodejs\Cache` on Windows, never
 *   `$CLAUDE_CONFIG_DIR`) and a slug replaces every character but [A-Za-z0-9] with `-` (past 200
 *   characters: the first 200, `-`, a base-36 hash). `--debug` adds `<config dir>/debug/<session>.txt`
 *   and a `latest` link. The folders grow without limit: anthropics/claude-code#69427.
 * - Claude Desktop: `mcp.log` and `mcp-server-NAME.log` in `~/Library/Logs/Claude` (macOS),
 *   `%APPDATA%\Claude\logs` (Windows), `~/.config/Claude/logs` (Linux community builds)
 *   (modelcontextprotocol.io debugging guide; failures.md). Newer Windows builds log to
 *   `%LOCALAPPDATA%\Claude\Logs` (modelcontextprotocol … DesktopCommanderMCP#656) and MSIX installs
 *   inside `%LOCALAPPDATA%\Packages\Claude_*\LocalCache\Roaming\Claude\logs` (anthropics/claude-code#25579).
 * - VS Code: each server's output channel is `logs/<session>/window<N>/mcpServer.mcp.config.<collection>.<name>.log`
 *   (`usrlocal` for the user's mcp.json, `ws<N>`/`wf<N>` for a workspace's), under the app-data
 *   folder's `Code` (and `Code - Insiders`); lines like `[info] Connection state: Error …`.
 *   Extensions' output channels are `window<N>/exthost/output_logging_<time>/<N>-<channel>.log`
 *   (microsoft/vscode#235474), in VS Code and its forks alike.
 * - Cursor: `Cursor/logs/<session>/window<N>/exthost/anysphere.cursor-mcp/MCP user-<name>.log` and
 *   `MCP project-<N>-<project>-<name>.log`.
 * - Windsurf: the Cascade language server's `Windsurf/logs/<session>/window<N>/exthost/codeium.windsurf/Windsurf.log`
 *   (a client-wide log; docs.windsurf.com "Gathering logs").
 * - Codex: `$CODEX_HOME/log/codex-tui.log` (older versions by default, now only with `-c log_dir=…`:
 *   openai/codex#24081); current versions keep logs in `logs_2.sqlite`, which we do not read.
 * - Zed: `~/Library/Logs/Zed/Zed.log`, `~/.local/share/zed/logs/Zed.log`, `%LOCALAPPDATA%\Zed\logs\Zed.log`.
 */

export interface FoundLog {
  client: ClientId
  /** modelled path */
  path: string
  kind: LogFile['kind']
  forServer: boolean
  format: LogFormat
  bytes: number
  mtimeMs: number
}

export interface Located {
  files: FoundLog[]
  /** log folders worth a size check (modelled paths) */
  folders: string[]
  /** where logs would be, how to turn them on, folders that could not be read */
  notes: string[]
}

/** Newest sessions of an editor's `logs` folder that are looked at; older ones are history. */
const EDITOR_SESSIONS = 5
/** Newest files per Claude Code server folder, and debug logs, that are listed. */
export const SESSION_FILES = 10

/** A name as Claude Code writes it in a folder name (its `mcp-logs-*` and project slugs). */
export function claudeSlug(value: string): string {
  const slug = value.replace(/[^a-zA-Z0-9]/g, '-')
  if (slug.length <= 200) return slug
  let hash = 0
  for (let i = 0; i < value.length; i++) hash = ((hash << 5) - hash + value.charCodeAt(i)) | 0
  return `${slug.slice(0, 200)}-${Math.abs(hash).toString(36)}`
}

/** Claude Code's cache folder (env-paths 'claude-cli', suffix 'nodejs'). */
export function claudeCodeCacheDir(ctx: LogCtx): string {
  const p = pathsFor(ctx)
  if (ctx.platform === 'darwin') return inHome(ctx, 'Library', 'Caches', 'claude-cli-nodejs')
  if (ctx.platform === 'win32') return p.join(ctx.env.LOCALAPPDATA || p.join(ctx.home, 'AppData', 'Local'), 'claude-cli-nodejs', 'Cache')
  return p.join(ctx.env.XDG_CACHE_HOME || p.join(ctx.home, '.cache'), 'claude-cli-nodejs')
}

export function claudeCodeDebugDir(ctx: LogCtx): string {
  return pathsFor(ctx).join(ctx.env.CLAUDE_CONFIG_DIR || inHome(ctx, '.claude'), 'debug')
}

/** Claude Desktop's log folders on this OS (several on Windows: classic, newer and MSIX installs). */
export async function claudeDesktopLogDirs(ctx: LogCtx): Promise<string[]> {
  const p = pathsFor(ctx)
  if (ctx.platform === 'darwin') return [inHome(ctx, 'Library', 'Logs', 'Claude')]
  if (ctx.platform !== 'win32') return [p.join(xdgConfigHome(ctx), 'Claude', 'logs')]
  const local = ctx.env.LOCALAPPDATA || p.join(ctx.home, 'AppData', 'Local')
  const packages = (await listDir(ctx, p.join(local, 'Packages'), 2000)).entries
    .filter((e) => e.dir && e.name.startsWith('Claude_'))
    .map((e) => p.join(e.path, 'LocalCache', 'Roaming', 'Claude', 'logs'))
  return [p.join(appDataDir(ctx), 'Claude', 'logs'), p.join(local, 'Claude', 'Logs'), ...packages]
}

export interface LocateOptions {
  /** how many session files of a Claude Code server are listed (default {@link SESSION_FILES}) */
  sessionFiles?: number
}

/** The log files that may be about `entry`, newest first, with the folders they live in. */
export async function locateLogs(ctx: LogCtx, entry: ServerEntry, options: LocateOptions = {}): Promise<Located> {
  switch (entry.client) {
    case 'claude-code':
      return claudeCode(ctx, entry, options.sessionFiles ?? SESSION_FILES)
    case 'claude-desktop':
      return claudeDesktop(ctx, entry)
    case 'vscode':
      return editor(ctx, entry, ['Code', 'Code - Insiders'])
    case 'cursor':
      return editor(ctx, entry, ['Cursor'])
    case 'windsurf':
      return editor(ctx, entry, ['Windsurf'])
    case 'codex':
      return single(ctx, entry, pathsFor(ctx).join(ctx.env.CODEX_HOME || inHome(ctx, '.codex'), 'log'), /^codex-tui\.log$/)
    case 'zed':
      return single(ctx, entry, zedLogDir(ctx), /^Zed\.log(?:\.old)?$/)
    default:
      return { files: [], folders: [], notes: [] }
  }
}

async function claudeCode(ctx: LogCtx, entry: ServerEntry, sessions: number): Promise<Located> {
  const p = pathsFor(ctx)
  const cache = claudeCodeCacheDir(ctx)
  const out: Located = { files: [], folders: [], notes: [] }
  const projects = await listDir(ctx, cache)
  if (projects.error) out.notes.push(projects.error)
  // a project or local server only runs in its project (or a folder below it); a user server anywhere
  const slug = entry.project ? claudeSlug(entry.project) : undefined
  const folder = `mcp-logs-${claudeSlug(entry.name)}`
  for (const project of projects.entries) {
    if (!project.dir || (slug && project.name !== slug && !project.name.startsWith(`${slug}-`))) continue
    // one listing per project folder, shared by every server of a run (listDir's cache)
    if ((await listDir(ctx, project.path)).entries.some((e) => e.dir && e.name === folder)) out.folders.push(p.join(project.path, folder))
  }
  // the newest sessions: a new session file touches its folder, so the most recently changed
  // folders hold them; in those, files are named by their start time
  const touched = await Promise.all(out.folders.map(async (dir) => ({ dir, mtimeMs: (await dirInfo(ctx, dir))?.mtimeMs ?? 0 })))
  for (const { dir } of touched.sort(newestFirst).slice(0, 3)) {
    for (const f of await newestFiles(ctx, dir, /\.(?:jsonl|txt|log)$/, sessions, true)) {
      out.files.push({ ...f, client: 'claude-code', kind: 'server', forServer: true, format: f.path.endsWith('.jsonl') ? 'claude-code-jsonl' : 'claude-code-debug' })
    }
  }
  if (projects.entries.length > 0) out.folders.unshift(cache)
  const debug = claudeCodeDebugDir(ctx)
  const debugFiles = await newestFiles(ctx, debug, /\.txt$/, SESSION_FILES)
  if (debugFiles.length > 0) out.folders.push(debug)
  for (const f of debugFiles) out.files.push({ ...f, client: 'claude-code', kind: 'debug', forServer: false, format: 'claude-code-debug' })
  out.files.sort(newestFirst)
  return out
}

async function claudeDesktop(ctx: LogCtx, entry: ServerEntry): Promise<Located> {
  const out: Located = { files: [], folders: [], notes: [] }
  const own = new RegExp(`^mcp-server-${escape(entry.name)}(?:\\.old|\\.\\d+)?\\.log$`)
  for (const dir of await claudeDesktopLogDirs(ctx)) {
    const listing = await listDir(ctx, dir)
    if (listing.error) out.notes.push(listing.error)
    if (listing.entries.length === 0) continue
    out.folders.push(dir)
    for (const e of listing.entries) {
      if (e.dir) continue
      const forServer = own.test(e.name)
      if (!forServer && !/^mcp(?:\.old|\d+)?\.log(?:\.\d+)?$/.test(e.name)) continue
      const info = await fileInfo(ctx, e.path)
      if (info) out.files.push({ client: 'claude-desktop', path: e.path, kind: forServer ? 'server' : 'client', forServer, format: 'claude-desktop', ...info })
    }
  }
  out.files.sort(newestFirst)
  return out
}

/** VS Code and its forks: `<app data>/<app>/logs/<session>/window<N>/…`, newest sessions first. */
async function editor(ctx: LogCtx, entry: ServerEntry, apps: string[]): Promise<Located> {
  const p = pathsFor(ctx)
  const out: Located = { files: [], folders: [], notes: [] }
  for (const app of apps) {
    const root = p.join(appDataDir(ctx), app, 'logs')
    const sessions = await listDir(ctx, root)
    if (sessions.error) out.notes.push(sessions.error)
    const recent = sessions.entries.filter((e) => e.dir).sort((a, b) => b.name.localeCompare(a.name)).slice(0, EDITOR_SESSIONS)
    if (recent.length > 0) out.folders.push(root)
    for (const session of recent) {
      for (const window of (await listDir(ctx, session.path)).entries.filter((e) => e.dir && /^window\d+$/.test(e.name))) {
        out.files.push(...(await editorWindow(ctx, entry, window)))
      }
    }
  }
  out.files.sort(newestFirst)
  return out
}

async function editorWindow(ctx: LogCtx, entry: ServerEntry, window: Entry): Promise<FoundLog[]> {
  const p = pathsFor(ctx)
  const found: FoundLog[] = []
  const add = async (e: Entry, kind: LogFile['kind'], forServer: boolean): Promise<void> => {
    const info = await fileInfo(ctx, e.path)
    if (info) found.push({ client: entry.client, path: e.path, kind, forServer, format: 'editor', ...info })
  }
  if (entry.client === 'vscode') {
    for (const e of (await listDir(ctx, window.path)).entries) {
      const m = /^mcpServer\.mcp\.config\.([a-z]+)\d*\.(.+)\.log$/.exec(e.name)
      // usr…: the user's mcp.json; ws…/wf…: a workspace's; the name must match exactly
      if (m && m[2] === entry.name && (m[1]!.startsWith('usr') ? entry.scope !== 'project' : entry.scope === 'project')) await add(e, 'server', true)
    }
  } else if (entry.client === 'cursor') {
    const mine = [`MCP user-${entry.name}.log`]
    const project = entry.project ? escape(p.basename(entry.project)) : undefined
    const projectFile = project && new RegExp(`^MCP project-\\d+-${project}-${escape(entry.name)}\\.log$`)
    for (const e of (await listDir(ctx, p.join(window.path, 'exthost', 'anysphere.cursor-mcp'))).entries) {
      if (e.dir || !e.name.endsWith('.log')) continue
      if (entry.scope === 'project' ? projectFile && projectFile.test(e.name) : mine.includes(e.name)) await add(e, 'server', true)
      else if (!/^MCP (?:user|project)-/.test(e.name)) await add(e, 'window', false)
    }
  } else {
    const file = p.join(window.path, 'exthost', 'codeium.windsurf', 'Windsurf.log')
    await add({ name: 'Windsurf.log', path: file, dir: false }, 'window', false)
  }
  // extensions' output channels ("N-<channel>.log" under exthost/output_logging_<time>): an MCP
  // channel named after the server is its own, any other MCP channel may mention it
  for (const folder of (await listDir(ctx, p.join(window.path, 'exthost'))).entries) {
    if (!folder.dir || !folder.name.startsWith('output_logging_')) continue
    for (const e of (await listDir(ctx, folder.path)).entries) {
      if (e.dir || !/^\d+-.*MCP.*\.log$/i.test(e.name)) continue
      const channel = /^\d+-MCP: (.+)\.log$/.exec(e.name)?.[1]
      if (channel === entry.name) await add(e, 'server', true)
      else if (channel === undefined) await add(e, 'window', false)
    }
  }
  return found
}

async function single(ctx: LogCtx, entry: ServerEntry, dir: string, name: RegExp): Promise<Located> {
  const files = await newestFiles(ctx, dir, name, 3)
  return {
    files: files.map((f) => ({ ...f, client: entry.client, kind: 'client' as const, forServer: false, format: 'plain' as const })),
    folders: files.length > 0 ? [dir] : [],
    notes: []
  }
}

function zedLogDir(ctx: LogCtx): string {
  const p = pathsFor(ctx)
  if (ctx.platform === 'darwin') return inHome(ctx, 'Library', 'Logs', 'Zed')
  if (ctx.platform === 'win32') return p.join(ctx.env.LOCALAPPDATA || p.join(ctx.home, 'AppData', 'Local'), 'Zed', 'logs')
  return p.join(ctx.env.XDG_DATA_HOME || p.join(ctx.home, '.local', 'share'), 'zed', 'logs')
}

async function newestFiles(ctx: LogCtx, dir: string, name: RegExp, limit: number, namedByTime = false): Promise<{ path: string; bytes: number; mtimeMs: number }[]> {
  let files = (await listDir(ctx, dir)).entries.filter((e) => !e.dir && name.test(e.name))
  if (namedByTime) files = files.sort((a, b) => b.name.localeCompare(a.name)).slice(0, limit)
  const infos = await Promise.all(files.map(async (e) => ({ path: e.path, info: await fileInfo(ctx, e.path) })))
  return infos
    .flatMap(({ path, info }) => (info ? [{ path, ...info }] : []))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(0, limit)
}

function newestFirst(a: { mtimeMs: number }, b: { mtimeMs: number }): number {
  return b.mtimeMs - a.mtimeMs
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
