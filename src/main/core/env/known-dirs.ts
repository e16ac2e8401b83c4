import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { EngineContext } from '../context'

/** A folder where installers and version managers put commands that a GUI app's PATH lacks. */
export interface KnownDir {
  dir: string
  /** who puts commands there: `nvm`, `volta`, `uv`, `homebrew`, … */
  source: string
}

/**
 * Patterns of the known install folders, per OS. `*` matches one folder name; where several
 * versions match (nvm, fnm, pyenv, mise), the newest version comes first, since that is the one
 * to suggest. Sources: the installers' documentation (nvm, fnm, volta, asdf, mise, pyenv, uv's
 * `~/.local/bin`, rustup's `~/.cargo/bin`, bun, deno, Homebrew on Apple silicon and Intel).
 */
export function knownDirPatterns(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): { pattern: string; source: string }[] {
  const home = ctx.home
  const env = ctx.env
  if (ctx.platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming')
    const local = env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local')
    const programFiles = env.ProgramFiles ?? env.PROGRAMFILES ?? 'C:\\Program Files'
    const j = path.win32.join
    return [
      { pattern: j(programFiles, 'nodejs'), source: 'node installer' },
      { pattern: j(appData, 'npm'), source: 'npm global' },
      { pattern: j(env.NVM_HOME ?? j(appData, 'nvm'), 'v*'), source: 'nvm-windows' },
      { pattern: j(local, 'Volta', 'bin'), source: 'volta' },
      { pattern: j(programFiles, 'Volta'), source: 'volta' },
      { pattern: j(home, '.local', 'bin'), source: 'uv' },
      { pattern: j(local, 'Programs', 'Python', 'Python3*'), source: 'python.org installer' },
      { pattern: j(local, 'Programs', 'Python', 'Python3*', 'Scripts'), source: 'python.org installer' },
      { pattern: j(home, '.cargo', 'bin'), source: 'cargo' },
      { pattern: j(home, '.bun', 'bin'), source: 'bun' },
      { pattern: j(home, '.deno', 'bin'), source: 'deno' },
      { pattern: j(programFiles, 'Docker', 'Docker', 'resources', 'bin'), source: 'Docker Desktop' }
    ]
  }
  const j = path.posix.join
  const xdgData = env.XDG_DATA_HOME && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : j(home, '.local', 'share')
  const patterns = [
    { pattern: j(env.NVM_DIR ?? j(home, '.nvm'), 'versions', 'node', '*', 'bin'), source: 'nvm' },
    { pattern: j(xdgData, 'fnm', 'node-versions', '*', 'installation', 'bin'), source: 'fnm' },
    { pattern: j(home, '.fnm', 'node-versions', '*', 'installation', 'bin'), source: 'fnm' },
    { pattern: j(env.VOLTA_HOME ?? j(home, '.volta'), 'bin'), source: 'volta' },
    { pattern: j(env.ASDF_DATA_DIR ?? j(home, '.asdf'), 'shims'), source: 'asdf' },
    { pattern: j(xdgData, 'mise', 'shims'), source: 'mise' },
    { pattern: j(xdgData, 'mise', 'installs', '*', '*', 'bin'), source: 'mise' },
    { pattern: j(env.PYENV_ROOT ?? j(home, '.pyenv'), 'shims'), source: 'pyenv' },
    { pattern: j(env.PYENV_ROOT ?? j(home, '.pyenv'), 'versions', '*', 'bin'), source: 'pyenv' },
    { pattern: j(home, '.local', 'bin'), source: 'uv, pipx and pip --user' },
    { pattern: j(home, '.cargo', 'bin'), source: 'cargo' },
    { pattern: j(env.BUN_INSTALL ?? j(home, '.bun'), 'bin'), source: 'bun' },
    { pattern: j(env.DENO_INSTALL ?? j(home, '.deno'), 'bin'), source: 'deno' },
    { pattern: j(home, '.npm-global', 'bin'), source: 'npm global' },
    { pattern: '/opt/homebrew/bin', source: 'homebrew' },
    { pattern: '/usr/local/bin', source: 'homebrew and manual installs' }
  ]
  if (ctx.platform === 'darwin') {
    patterns.splice(2, 0, { pattern: j(home, 'Library', 'Application Support', 'fnm', 'node-versions', '*', 'installation', 'bin'), source: 'fnm' })
    patterns.push({ pattern: '/Applications/Docker.app/Contents/Resources/bin', source: 'Docker Desktop' })
  } else {
    patterns.push({ pattern: '/snap/bin', source: 'snap' })
  }
  return patterns
}

/**
 * The known install folders that exist on this machine, in the order above, newest version first
 * within a pattern. Never throws: folders that cannot be read are left out.
 */
export async function knownInstallDirs(ctx: Pick<EngineContext, 'platform' | 'home' | 'env'>): Promise<KnownDir[]> {
  const sep = ctx.platform === 'win32' ? path.win32 : path.posix
  const found: KnownDir[] = []
  const seen = new Set<string>()
  for (const { pattern, source } of knownDirPatterns(ctx)) {
    for (const dir of await expand(pattern, sep)) {
      if (seen.has(dir)) continue
      seen.add(dir)
      found.push({ dir, source })
    }
  }
  return found
}

/** Expands `*` segments against the file system; only folders are returned. */
async function expand(pattern: string, sep: path.PlatformPath): Promise<string[]> {
  const parts = pattern.split(sep.sep)
  const star = parts.findIndex((p) => p.includes('*'))
  if (star === -1) return (await isDir(pattern)) ? [pattern] : []
  const parent = parts.slice(0, star).join(sep.sep) || sep.sep
  const matcher = new RegExp(`^${parts[star]!.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
  let names: string[]
  try {
    names = (await readdir(parent)).filter((n) => matcher.test(n))
  } catch {
    return []
  }
  names.sort(compareVersionsDescending)
  const rest = parts.slice(star + 1)
  const out: string[] = []
  for (const name of names) out.push(...(await expand([parent, name, ...rest].join(sep.sep).replace(/^\/\//, '/'), sep)))
  return out
}

async function isDir(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}

/** `v22.1.0` before `v18.20.4` before `v9.0.0`; names without numbers last, alphabetically. */
export function compareVersionsDescending(a: string, b: string): number {
  const na = (a.match(/\d+/g) ?? []).map(Number)
  const nb = (b.match(/\d+/g) ?? []).map(Number)
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const x = na[i] ?? -1
    const y = nb[i] ?? -1
    if (x !== y) return y - x
  }
  return a.localeCompare(b)
}
