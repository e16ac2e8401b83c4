import path from 'node:path'
import { pathEntries, type EngineContext } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import type { LaunchModel, PathFrom, ServerEntry } from './types'
import { LAUNCHD_PATH } from './launch-models'

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

/**
 * Plans the start of a stdio entry as its client would: the client's environment (see
 * `clientEnvironment`) filtered by its policy, its working folder, the entry's own `env` and
 * `cwd` on top. `timeoutMs` overrides the client's timeout.
 */
export function planLaunch(
  entry: ServerEntry,
  ctx: EngineContext,
  loginShell: LoginShellResult | undefined,
  timeoutMs?: number
): LaunchPlan {
  const client = clientEnvironment(entry.launch, ctx, loginShell)
  const env = launchEnv(entry.launch, { env: client.env, platform: ctx.platform }, entry.env)
  const cwd = entry.cwd ? path.resolve(entry.launch.cwd, entry.cwd) : entry.launch.cwd
  return {
    command: entry.command ?? '',
    args: entry.args ?? [],
    env,
    cwd,
    pathDirs: pathEntries(env, ctx.platform),
    timeoutMs: timeoutMs ?? entry.launch.timeoutMs,
    pathFrom: client.pathFrom,
    pathDescription: client.description
  }
}
