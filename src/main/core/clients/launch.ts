import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathEntries, type EngineContext } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import { claudeDir } from './claude-code-settings'
import { expandValue, type Reference } from './interpolation'
import type { LaunchModel, PathFrom, ServerEntry } from './types'
import { LAUNCHD_PATH } from './launch-models'
import { hostPath, pathsFor } from './paths'

export { launchModelFor, LAUNCHD_PATH } from './launch-models'

/** What the TypeScript SDK's stdio transport passes on, per OS (`DEFAULT_INHERITED_ENV_VARS`). */
export const SDK_DEFAULT_ENV_KEYS: Record<'posix' | 'win32', readonly string[]> = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'],
  win32: [
    'APPDATA',
    'HOMEDRIVE',
    'HOMEPATH',
    'LOCALAPPDATA',
    'PATH',
    'PROCESSOR_ARCHITECTURE',
    'SYSTEMDRIVE',
    'SYSTEMROOT',
    'TEMP',
    'USERNAME',
    'USERPROFILE',
    'PROGRAMFILES'
  ]
}

/**
 * The environment a client gives a server: its own environment filtered by the launch model,
 * the variables the client adds itself, then the entry's `env` on top (entry values win, as in
 * every client; VS Code appends an entry's PATH to its own instead).
 */
export function launchEnv(
  model: LaunchModel,
  ctx: Pick<EngineContext, 'env' | 'platform'>,
  entryEnv: Readonly<Record<string, string>> | undefined
): Record<string, string> {
  const base: Record<string, string> = {}
  const win = ctx.platform === 'win32'
  if (model.envPolicy === 'inherit') {
    for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined) base[key] = value
  } else {
    const keys = model.envKeys ?? SDK_DEFAULT_ENV_KEYS[win ? 'win32' : 'posix']
    // Windows variable names are case-insensitive: `Path` is PATH.
    const lookup = (key: string): [string, string | undefined] => {
      if (!win) return [key, ctx.env[key]]
      const actual = Object.keys(ctx.env).find((k) => k.toUpperCase() === key.toUpperCase())
      return [actual ?? key, actual ? ctx.env[actual] : undefined]
    }
    for (const key of keys) {
      const [name, value] = lookup(key)
      // The SDK skips exported shell functions, which start with "()".
      if (value !== undefined && !value.startsWith('()')) base[name] = value
    }
  }
  const out = { ...base, ...(model.extraEnv ?? {}) }
  for (const [key, value] of Object.entries(entryEnv ?? {})) {
    const isPath = win ? key.toUpperCase() === 'PATH' : key === 'PATH'
    const existing = isPath ? Object.keys(out).find((k) => (win ? k.toUpperCase() === 'PATH' : k === 'PATH')) : undefined
    if (isPath && model.entryPath === 'append' && existing && out[existing]) {
      out[existing] = `${out[existing]}${win ? ';' : ':'}${value}`
    } else out[key] = value
  }
  return out
}

/** Exactly how a stdio server will be started for a probe: the client's way. */
export interface LaunchPlan {
  command: string
  args: string[]
  env: Record<string, string>
  cwd: string
  /** the PATH entries the server gets, in order */
  pathDirs: string[]
  timeoutMs: number
  /** addition: where that PATH came from, after falling back when the login shell was unreadable */
  pathFrom?: PathFrom
  /** addition: words for people: "the PATH of the terminal MCP Medic runs in", … */
  pathDescription?: string
  /** addition: the variable references the client expands in the entry, as they were filled in */
  expansion?: ExpansionFacts
  /** addition: the entry's own `env` and `cwd` after that expansion */
  entryEnv?: Record<string, string>
  entryCwd?: string
}

/** What the client's own expansion did to an entry (names only, values never). */
export interface ExpansionFacts {
  /** references replaced: as written (`${NODE_BIN:-node}`), what they name, and of which kind */
  expanded: ReferenceFact[]
  /** references the client expands whose value is unknown: they reach the server as written */
  unresolved: ReferenceFact[]
  /** variables that are not set, which the client turns into an empty string (Windsurf, VS Code) */
  emptied: ReferenceFact[]
  /** values that came from the environment into env, headers or secret-looking args: never shown */
  secrets: string[]
}

/** A reference, without its value. */
export interface ReferenceFact {
  text: string
  name: string
  kind: Reference['kind']
}

/** An entry's launch fields as the client hands them over, after its own variable expansion. */
export interface ExpandedEntry {
  command?: string
  args?: string[]
  env?: Record<string, string>
  cwd?: string
  url?: string
  headers?: Record<string, string>
  facts: ExpansionFacts
}

const SECRET_NAME = /key|token|secret|passw|pwd|auth|bearer|credential|cookie|session|private|pat$/i
const FILE_REF_MAX_BYTES = 64 * 1024

/**
 * Expands the references `entry.client` expands, the way it does (clients/interpolation.ts),
 * from `env` (the client's own environment, not the entry's `env`): command, args, env values,
 * cwd, url and headers. What the client cannot fill in stays as written. Values that came into
 * env, headers or an argument named like a secret are listed in `facts.secrets`, so evidence that
 * quotes them can be scrubbed.
 */
export function expandEntry(entry: ServerEntry, env: EngineContext['env'], ctx: Pick<EngineContext, 'home' | 'platform' | 'fsRoot'>): ExpandedEntry {
  const p = pathsFor(ctx)
  const vars = { home: ctx.home, workspaceFolder: entry.project, separator: p.sep, readFile: (file: string) => readSmallFile(hostPath(ctx, file)) }
  const facts: ExpansionFacts = { expanded: [], unresolved: [], emptied: [], secrets: [] }
  const one = (value: string, secret: boolean): string => {
    const e = expandValue(entry.client, value, env, vars)
    for (const s of e.substituted) {
      const into = s.unset ? facts.emptied : facts.expanded
      if (!into.some((x) => x.text === s.ref.text)) into.push({ text: s.ref.text, name: s.ref.name, kind: s.ref.kind })
      if ((secret || SECRET_NAME.test(s.ref.name)) && s.value.trim().length >= 4) facts.secrets.push(s.value)
    }
    for (const r of e.unresolved) if (!facts.unresolved.some((u) => u.text === r.text)) facts.unresolved.push({ text: r.text, name: r.name, kind: r.kind })
    return e.value
  }
  const map = (m: Record<string, string> | undefined): Record<string, string> | undefined =>
    m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, one(v, true)]))
  return {
    command: entry.command === undefined ? undefined : one(entry.command, false),
    args: entry.args?.map((a) => one(a, false)),
    env: map(entry.env),
    cwd: entry.cwd === undefined ? undefined : one(entry.cwd, false),
    url: entry.url === undefined ? undefined : one(entry.url, false),
    headers: map(entry.headers),
    facts
  }
}

/** A `${file:…}` reference's content, when it is a small readable file (Windsurf trims it). */
function readSmallFile(file: string): string | undefined {
  try {
    if (statSync(file).size > FILE_REF_MAX_BYTES) return undefined
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * The environment the client itself has, before it filters it for a server: launchd's for a
 * macOS app started from the Dock, the terminal's for a terminal client, the login shell's for
 * an editor that reads it at startup (VS Code and its forks, Zed), the process's otherwise.
 * On Windows the process environment is the user's, whatever the client.
 */
export function clientEnvironment(
  model: LaunchModel,
  ctx: EngineContext,
  loginShell: LoginShellResult | undefined
): { env: EngineContext['env']; pathFrom: PathFrom; description: string } {
  const shellEnv = loginShell?.skipped ? undefined : loginShell?.env
  const want: PathFrom = model.pathFrom ?? 'process'
  if (ctx.platform === 'win32') return { env: ctx.env, pathFrom: 'process', description: 'the user environment (Windows gives every program the same)' }
  switch (want) {
    case 'launchd': {
      if (ctx.platform !== 'darwin') break
      const dirs = [...(model.pathPrepend ?? []), ...LAUNCHD_PATH]
      return {
        env: { ...ctx.env, PATH: dirs.join(':') },
        pathFrom: 'launchd',
        description: model.pathPrepend?.length
          ? `the PATH the app gets from launchd (${LAUNCHD_PATH.join(':')}) with the folders the client adds itself`
          : `the PATH an app started from the Dock gets from launchd (${LAUNCHD_PATH.join(':')})`
      }
    }
    case 'terminal':
      if (ctx.terminal !== false) return { env: ctx.env, pathFrom: 'terminal', description: 'the PATH of the terminal MCP Medic runs in' }
      if (shellEnv) return { env: shellEnv, pathFrom: 'login-shell', description: "your login shell's PATH, as a new terminal gets it" }
      return { env: ctx.env, pathFrom: 'process', description: "MCP Medic's own PATH (the login shell could not be read)" }
    case 'login-shell':
      if (shellEnv) return { env: { ...ctx.env, ...shellEnv }, pathFrom: 'login-shell', description: "your login shell's PATH, which the editor reads at startup" }
      return { env: ctx.env, pathFrom: 'process', description: "MCP Medic's own PATH (the login shell could not be read)" }
    case 'process':
      break
  }
  return { env: ctx.env, pathFrom: 'process', description: "the desktop session's PATH (MCP Medic's own)" }
}

const SETTINGS_MAX_BYTES = 1024 * 1024

/**
 * The `env` of Claude Code's user settings (`~/.claude/settings.json`): Claude Code 2.1.197 puts
 * it into its own environment, so its `${VAR}` expansion and its servers see it, with the entry's
 * own `env` still winning (checked with `claude mcp list`; a project's settings file did not count
 * there). Empty when the file is missing or unreadable.
 */
export function claudeSettingsEnv(ctx: Pick<EngineContext, 'env' | 'home' | 'platform' | 'fsRoot'>): Record<string, string> {
  try {
    const file = hostPath(ctx, pathsFor(ctx).join(claudeDir(ctx), 'settings.json'))
    if (statSync(file).size > SETTINGS_MAX_BYTES) return {}
    const env = (JSON.parse(readFileSync(file, 'utf8')) as { env?: unknown }).env
    if (!env || typeof env !== 'object' || Array.isArray(env)) return {}
    return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    return {}
  }
}

/** The environment `entry`'s client has itself (see `clientEnvironment`), with what the client adds from its own settings. */
export function clientEnvFor(entry: ServerEntry, ctx: EngineContext, loginShell: LoginShellResult | undefined): ReturnType<typeof clientEnvironment> {
  const client = clientEnvironment(entry.launch, ctx, loginShell)
  return entry.client === 'claude-code' ? { ...client, env: { ...client.env, ...claudeSettingsEnv(ctx) } } : client
}

/**
 * Plans the start of a stdio entry as its client would: the client's environment (see
 * `clientEnvironment`) filtered by its policy, its working folder, the entry's own `env` and
 * `cwd` on top, every reference the client expands already expanded from the client's own
 * environment. `timeoutMs` overrides the client's timeout.
 */
export function planLaunch(
  entry: ServerEntry,
  ctx: EngineContext,
  loginShell: LoginShellResult | undefined,
  timeoutMs?: number
): LaunchPlan {
  const client = clientEnvFor(entry, ctx, loginShell)
  const expanded = expandEntry(entry, client.env, ctx)
  const env = launchEnv(entry.launch, { env: client.env, platform: ctx.platform }, expanded.env)
  const cwd = expanded.cwd ? path.resolve(entry.launch.cwd, expanded.cwd) : entry.launch.cwd
  return {
    command: expanded.command ?? '',
    args: expanded.args ?? [],
    env,
    cwd,
    pathDirs: pathEntries(env, ctx.platform),
    timeoutMs: timeoutMs ?? entry.launch.timeoutMs,
    pathFrom: client.pathFrom,
    pathDescription: client.description,
    expansion: expanded.facts,
    entryEnv: expanded.env,
    entryCwd: expanded.cwd
  }
}
