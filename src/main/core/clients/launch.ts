import path from 'node:path'
import { pathEntries, type EngineContext } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import type { ClientId } from '../../../shared/report'
import type { LaunchModel, ServerEntry } from './types'

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
 * with the entry's `env` on top (entry values win, as in every client).
 */
export function launchEnv(
  model: LaunchModel,
  ctx: Pick<EngineContext, 'env' | 'platform'>,
  entryEnv: Readonly<Record<string, string>> | undefined
): Record<string, string> {
  const base: Record<string, string> = {}
  if (model.envPolicy === 'inherit') {
    for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined) base[key] = value
  } else {
    const keys = SDK_DEFAULT_ENV_KEYS[ctx.platform === 'win32' ? 'win32' : 'posix']
    for (const key of keys) {
      const value = ctx.env[key]
      // The SDK skips exported shell functions, which start with "()".
      if (value !== undefined && !value.startsWith('()')) base[key] = value
    }
  }
  return { ...base, ...(entryEnv ?? {}) }
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
}

/**
 * Plans the start of a stdio entry as its client would: the client's environment and working
 * folder, the entry's own `env` and `cwd` on top. `timeoutMs` overrides the client's timeout.
 */
export function planLaunch(
  entry: ServerEntry,
  ctx: EngineContext,
  _loginShell: LoginShellResult | undefined,
  timeoutMs?: number
): LaunchPlan {
  const env = launchEnv(entry.launch, ctx, entry.env)
  const cwd = entry.cwd ? path.resolve(entry.launch.cwd, entry.cwd) : entry.launch.cwd
  return {
    command: entry.command ?? '',
    args: entry.args ?? [],
    env,
    cwd,
    pathDirs: pathEntries(env, ctx.platform),
    timeoutMs: timeoutMs ?? entry.launch.timeoutMs
  }
}

/**
 * How `client` starts a stdio server whose working folder would be `cwd`, on the machine `ctx`
 * describes. Every adapter takes its launch model from here, so the facts live in one place.
 */
export function launchModelFor(client: ClientId, ctx: EngineContext, cwd: string): LaunchModel {
  switch (client) {
    case 'claude-code': {
      // Claude Code starts servers through the TypeScript SDK, in the folder `claude` runs in,
      // and waits MCP_TIMEOUT ms (default 30 s) for them.
      const fromEnv = Number(ctx.env.MCP_TIMEOUT)
      return {
        cwd,
        timeoutMs: Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 30_000,
        timeoutSetting: 'the MCP_TIMEOUT environment variable (milliseconds)',
        envPolicy: 'sdk-default'
      }
    }
    default:
      return { cwd, timeoutMs: 30_000, timeoutSetting: "the client's startup timeout", envPolicy: 'sdk-default' }
  }
}
