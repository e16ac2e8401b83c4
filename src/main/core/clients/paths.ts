import path from 'node:path'
import type { EngineContext } from '../context'

type Ctx = Pick<EngineContext, 'platform' | 'home' | 'env'>

/**
 * The path functions of the modelled machine: `path.win32` for Windows, `path.posix` otherwise,
 * never the host's, so a Windows model computes Windows paths on Linux.
 */
export function pathsFor(ctx: Pick<EngineContext, 'platform'>): path.PlatformPath {
  return ctx.platform === 'win32' ? path.win32 : path.posix
}

/** `~/<parts>` on the modelled machine. */
export function inHome(ctx: Ctx, ...parts: string[]): string {
  return pathsFor(ctx).join(ctx.home, ...parts)
}

/**
 * The per-user application-data folder where GUI apps keep their settings: `%APPDATA%` on
 * Windows (falling back to `~\AppData\Roaming`), `~/Library/Application Support` on macOS,
 * `$XDG_CONFIG_HOME` or `~/.config` on Linux.
 */
export function appDataDir(ctx: Ctx): string {
  const p = pathsFor(ctx)
  if (ctx.platform === 'win32') return nonEmpty(ctx.env.APPDATA) ?? p.join(ctx.home, 'AppData', 'Roaming')
  if (ctx.platform === 'darwin') return p.join(ctx.home, 'Library', 'Application Support')
  return xdgConfigHome(ctx)
}

/** `$XDG_CONFIG_HOME` when set to an absolute path, else `~/.config`. */
export function xdgConfigHome(ctx: Ctx): string {
  const xdg = nonEmpty(ctx.env.XDG_CONFIG_HOME)
  return xdg && pathsFor(ctx).isAbsolute(xdg) ? xdg : pathsFor(ctx).join(ctx.home, '.config')
}

/** What {@link hostPath} needs of a context. */
export type HostCtx = Pick<EngineContext, 'platform' | 'fsRoot'>

/**
 * Where a file of the modelled machine is on this one: the path itself in production, or, when
 * the context's `fsRoot` backs the model with a folder, the same absolute path under it:
 * `C:\Users\ann\x` → `<fsRoot>/C/Users/ann/x` (drive letter upper-cased, the rest as written, so
 * Windows' case-insensitivity is not imitated), `\\srv\share\x` → `<fsRoot>/UNC/srv/share/x`,
 * `/etc/x` → `<fsRoot>/etc/x`. `..` never climbs out of the root. This is the one place a modelled
 * path becomes one the engine opens: discovery, the validation facts and edits call it at every
 * file-system touch, while what they report (config paths, ids, finding texts) keeps the modelled
 * path. Never throws.
 */
export function hostPath(ctx: HostCtx, modelled: string): string {
  const root = nonEmpty(ctx.fsRoot)
  return root ? path.join(root, ...modelledSegments(ctx.platform, modelled)) : modelled
}

/** The folders and name of a modelled path, from its root down, for {@link hostPath}. */
function modelledSegments(platform: NodeJS.Platform, modelled: string): string[] {
  // a backslash is a separator on Windows only; on POSIX it is part of a name
  if (platform !== 'win32') return path.posix.resolve('/', modelled).split('/').filter((s) => s !== '')
  const clean = (rest: string): string[] => rest.split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..')
  const normal = path.win32.normalize(modelled)
  const drive = /^([A-Za-z]):/.exec(normal)
  if (drive) return [drive[1]!.toUpperCase(), ...clean(normal.slice(2))]
  const unc = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(.*)$/.exec(normal)
  if (unc) return ['UNC', unc[1]!, unc[2]!, ...clean(unc[3]!)]
  return clean(normal)
}

/**
 * A machine-wide path such as `/etc/claude-code/managed-mcp.json`. `MCP_MEDIC_SYSTEM_ROOT`
 * (for inspecting a disk mounted on this machine) is put in front of POSIX system paths. Unlike
 * the context's `fsRoot`, which {@link hostPath} applies only where files are opened, this
 * rebases the modelled path itself, so reports name the real file on the mounted disk; the two
 * compose (an `fsRoot` model reads the rebased path under its root). Windows system folders
 * come from `%ProgramFiles%` and `%ProgramData%` instead (see {@link windowsFolder}).
 */
export function systemPath(ctx: Ctx, posixPath: string): string {
  const root = nonEmpty(ctx.env.MCP_MEDIC_SYSTEM_ROOT)
  return root ? path.posix.join(root, posixPath) : posixPath
}

/** `%ProgramFiles%` or `%ProgramData%` on the modelled Windows machine, with their defaults. */
export function windowsFolder(ctx: Ctx, name: 'ProgramFiles' | 'ProgramData'): string {
  const fallback = name === 'ProgramFiles' ? 'C:\\Program Files' : 'C:\\ProgramData'
  const value = nonEmpty(ctx.env[name]) ?? nonEmpty(ctx.env[name.toUpperCase()])
  return value ?? fallback
}

/** A project folder as a key: resolved, without a trailing separator. */
export function resolveProject(ctx: Pick<EngineContext, 'platform' | 'cwd'>, dir: string): string {
  return pathsFor(ctx).resolve(ctx.cwd, dir)
}

/** Unique absolute project folders, in first-seen order. */
export function uniqueProjects(ctx: Pick<EngineContext, 'platform' | 'cwd'>, dirs: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const dir of dirs) {
    if (!dir) continue
    const abs = resolveProject(ctx, dir)
    const key = ctx.platform === 'win32' ? abs.toLowerCase() : abs
    if (!seen.has(key)) {
      seen.add(key)
      out.push(abs)
    }
  }
  return out
}

/** Two paths name the same folder on the modelled machine (case-insensitive on Windows). */
export function samePath(ctx: Pick<EngineContext, 'platform'>, a: string, b: string): boolean {
  const p = pathsFor(ctx)
  const na = p.resolve(a)
  const nb = p.resolve(b)
  return ctx.platform === 'win32' || ctx.platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.length > 0 ? value : undefined
}
