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

/**
 * A machine-wide path such as `/etc/claude-code/managed-mcp.json`. `MCP_MEDIC_SYSTEM_ROOT`
 * (for tests and for inspecting a mounted disk) is put in front of POSIX system paths. On
 * Windows, `base` names an environment variable (`ProgramFiles`, `ProgramData`) with its default.
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
