import { stat } from 'node:fs/promises'
import { readTextIfFile } from '../config/read'
import type { EngineContext } from '../context'
import { mapPool } from '../diagnose/pool'
import { isPlainObject } from './entry'
import { expandKnown } from './interpolation'
import { hostPath, pathsFor, type HostCtx } from './paths'
import type { ServerEntry } from './types'

/** A path an entry points at, and what is there. */
export interface PathFact {
  field: 'command' | 'args' | 'envFile'
  /** position in `args` */
  index?: number
  /** as written */
  value: string
  /** the absolute path that was checked */
  resolved: string
  /** written relative to a working folder */
  relative: boolean
  /** starts with `~`, which only a shell expands */
  tilde: boolean
  /** whether something exists at `resolved` */
  exists: boolean
  /** for a `~` path: whether it exists once `~` is read as the home folder */
  expandedExists?: boolean
  /** the program the server runs (a script or module file), not a data path the server may create */
  script: boolean
  isDir?: boolean
  /** the missing file sits in an output folder of a package with a build script */
  build?: { packageDir: string; script: string; outDir: string; nodeModules: boolean }
}

/**
 * File-system facts about one entry, gathered during discovery so the static rules can decide
 * without touching the disk.
 */
export interface EntryFacts {
  /** false when the modelled OS is not the one MCP Medic runs on and no `fsRoot` backs it: paths cannot be checked */
  checked: boolean
  /** the folder relative paths resolve against: the entry's cwd, else the client's */
  baseDir: string
  /** the entry's cwd resolved, and whether it is an existing folder */
  cwd?: { resolved: string; exists: boolean; isDir: boolean }
  /** the command as written names an existing file (so spaces in it are part of a path) */
  commandIsFile?: boolean
  paths: PathFact[]
  /** VS Code: the input ids the file declares */
  inputs?: string[]
}

/**
 * Gathers the facts of every entry (a few at a time), keeping what the adapter already knew
 * (VS Code's inputs). Never throws.
 */
export async function gatherAllFacts(ctx: EngineContext, entries: readonly ServerEntry[]): Promise<void> {
  await mapPool(entries, 8, async (entry) => {
    const raw = isPlainObject(entry.raw) ? entry.raw : {}
    const envFile = (entry.client === 'cursor' || entry.client === 'vscode') && typeof raw.envFile === 'string' ? raw.envFile : undefined
    try {
      entry.facts = await gatherFacts(ctx, entry, { inputs: entry.facts?.inputs, envFile })
    } catch {
      entry.facts = { checked: false, baseDir: entry.launch.cwd, paths: [], inputs: entry.facts?.inputs }
    }
  })
}

/** Commands whose arguments are package names, not files. */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx', 'pipx', 'yarn', 'pnpm', 'npm', 'bun', 'docker', 'podman', 'deno', 'uv'])
const SCRIPT_EXT = /\.(?:[cm]?js|[cm]?ts|py|sh|rb|php|jar|pl|ps1)$/i
const SHELLS = new Set(['sh', 'bash', 'zsh', 'fish', 'dash', 'cmd', 'powershell', 'pwsh', 'wsl'])
/** Interpreters whose first plain argument is the program file. */
const RUNTIMES = new Set(['node', 'python', 'python3', 'py', 'deno', 'bun', 'tsx', 'ts-node', 'php', 'ruby', 'perl', 'java'])
/** Interpreter flags after which the program is not a file (`python -m pkg`, `node -e code`). */
const NOT_A_FILE_AFTER = new Set(['-m', '-c', '-e', '--eval', '-p', '--print'])

/** The basename of a command without a Windows extension, lower-cased. */
export function commandName(command: string): string {
  const base = command.split(/[\\/]/).pop() ?? command
  return base.replace(/\.(?:exe|cmd|bat|ps1)$/i, '').toLowerCase()
}

/**
 * Gathers the facts for one entry: its cwd, the script and file paths in its command and args,
 * and for a missing file under `build/` or `dist/`, the package.json with a build script. Never
 * throws; a fact that cannot be read is recorded as missing.
 */
export async function gatherFacts(
  ctx: EngineContext,
  entry: ServerEntry,
  extra: { inputs?: string[]; envFile?: string } = {}
): Promise<EntryFacts> {
  const p = pathsFor(ctx)
  // a modelled machine backed by real files (fsRoot) can be checked from any host
  const hostMatches = Boolean(ctx.fsRoot) || (ctx.platform === 'win32') === (process.platform === 'win32')
  const vars = { home: ctx.home, workspaceFolder: entry.project, separator: p.sep }
  const expand = (v: string): string | undefined => expandKnown(entry.client, v, ctx.env, vars)
  const launchDir = entry.launch.cwd
  const facts: EntryFacts = { checked: hostMatches, baseDir: launchDir, paths: [], inputs: extra.inputs }
  if (!hostMatches || entry.transport !== 'stdio') return facts

  if (entry.cwd !== undefined) {
    const cwd = expand(entry.cwd)
    if (cwd !== undefined) {
      const resolved = p.resolve(launchDir, untilde(cwd, ctx.home, p))
      const info = await statOf(ctx, resolved)
      facts.cwd = { resolved, exists: info !== undefined, isDir: info?.isDirectory() ?? false }
      facts.baseDir = resolved
    }
  }

  const command = entry.command !== undefined ? expand(entry.command) : undefined
  if (command !== undefined && /[\\/]/.test(command)) {
    facts.commandIsFile = (await statOf(ctx, p.resolve(facts.baseDir, untilde(command, ctx.home, p))))?.isFile() ?? false
  }
  // a shell command line (bash -c "…") is the shell's to read, not a list of paths
  if (command !== undefined && SHELLS.has(commandName(command))) return facts
  const runner = command !== undefined && PACKAGE_RUNNERS.has(commandName(command))
  const runtime = command !== undefined && RUNTIMES.has(commandName(command).replace(/[\d.]+$/, ''))
  const args = entry.args ?? []
  const firstPlain = runtime ? args.findIndex((a, i) => !a.startsWith('-') && !NOT_A_FILE_AFTER.has(args[i - 1] ?? '') && !/^-(r|-require|-import|-loader)$/.test(args[i - 1] ?? '')) : -1
  const moduleMode = runtime && args.slice(0, Math.max(firstPlain, 0)).some((a) => NOT_A_FILE_AFTER.has(a))
  let base = facts.baseDir
  for (let i = 0; i < args.length; i++) {
    const value = expand(args[i]!)
    if (value === undefined) continue
    // uv --directory DIR and npm --prefix DIR move the base of what follows
    if (runner && /^(?:--directory|--project|--prefix|-C)$/.test(args[i - 1] ?? '')) {
      base = p.resolve(facts.baseDir, untilde(value, ctx.home, p))
    }
    const program = i === firstPlain && !moduleMode
    if (!program && !looksLikePath(value, runner, p)) continue
    const fact = await pathFact('args', value, base, ctx, i)
    fact.script = program || SCRIPT_EXT.test(value)
    facts.paths.push(fact)
  }
  if (extra.envFile !== undefined) {
    const value = expand(extra.envFile)
    if (value !== undefined) facts.paths.push(await pathFact('envFile', value, facts.baseDir, ctx))
  }
  return facts
}

function looksLikePath(value: string, runner: boolean, p: typeof import('node:path')): boolean {
  if (value.startsWith('-') || value.includes('://') || value.includes('\n')) return false
  const explicit = p.isAbsolute(value) || /^~[\\/]/.test(value) || /^\.\.?[\\/]/.test(value) || /^[A-Za-z]:[\\/]/.test(value)
  if (runner) return explicit && !/^[^\\/]*:/.test(value.replace(/^[A-Za-z]:/, ''))
  if (/^@[\w.-]+\/[\w.-]+/.test(value)) return false
  if (/^[A-Za-z][\w+.-]*:(?![\\/])/.test(value)) return false
  return explicit || SCRIPT_EXT.test(value)
}

async function pathFact(field: PathFact['field'], value: string, base: string, ctx: EngineContext, index?: number): Promise<PathFact> {
  const p = pathsFor(ctx)
  const tilde = /^~(?:[\\/]|$)/.test(value)
  const relative = !tilde && !p.isAbsolute(value)
  const resolved = p.resolve(base, value)
  const info = await statOf(ctx, resolved)
  const fact: PathFact = { field, index, value, resolved, relative, tilde, exists: info !== undefined, isDir: info?.isDirectory(), script: field === 'envFile' }
  if (tilde) fact.expandedExists = (await statOf(ctx, untilde(value, ctx.home, p))) !== undefined
  else if (!fact.exists) fact.build = await findBuild(ctx, resolved, p)
  return fact
}

/** Walks up from a missing file to the package that should have produced it. */
async function findBuild(ctx: HostCtx, missing: string, p: typeof import('node:path')): Promise<PathFact['build']> {
  let dir = p.dirname(missing)
  for (let depth = 0; depth < 6; depth++) {
    const pkg = await readJson(ctx, p.join(dir, 'package.json'))
    if (pkg) {
      const scripts = (pkg as { scripts?: Record<string, unknown> }).scripts
      const script = ['build', 'compile', 'prepare'].find((s) => typeof scripts?.[s] === 'string')
      const outDir = p.relative(dir, missing).split(/[\\/]/)[0] ?? ''
      if (!script || outDir === '' || outDir === '..') return undefined
      const nodeModules = (await statOf(ctx, p.join(dir, 'node_modules')))?.isDirectory() ?? false
      return { packageDir: dir, script, outDir, nodeModules }
    }
    const parent = p.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
  return undefined
}

function untilde(value: string, home: string, p: typeof import('node:path')): string {
  return /^~(?:[\\/]|$)/.test(value) ? p.join(home, value.slice(1)) : value
}

/** What is at a modelled path, read on the host (see `hostPath`); undefined when nothing is. */
async function statOf(ctx: HostCtx, file: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await stat(hostPath(ctx, file))
  } catch {
    return undefined
  }
}

async function readJson(ctx: HostCtx, file: string): Promise<unknown> {
  try {
    return JSON.parse((await readTextIfFile(hostPath(ctx, file))) ?? '') as unknown
  } catch {
    return undefined
  }
}
