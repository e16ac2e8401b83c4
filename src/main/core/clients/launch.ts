import type { EngineContext } from '../context'
import type { LaunchModel } from './types'

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
