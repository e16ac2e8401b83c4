import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { EngineContext } from '../context'

/**
 * The startup files a login, interactive shell of this kind reads from the user's home, in the
 * order it reads them (from each shell's manual). Only the user's own files: system files such
 * as /etc/profile are the administrator's business and rarely the slow part.
 */
export function startupFileCandidates(shell: string, ctx: Pick<EngineContext, 'home' | 'env'>): string[][] {
  const name = path.basename(shell).replace(/\.exe$/i, '').toLowerCase()
  const home = ctx.home
  const at = (...parts: string[]): string => path.join(home, ...parts)
  switch (name) {
    case 'bash':
      // A login bash reads the first of these three that exists, and nothing else of the user's.
      return [[at('.bash_profile'), at('.bash_login'), at('.profile')]]
    case 'zsh': {
      const dir = ctx.env.ZDOTDIR && ctx.env.ZDOTDIR !== '' ? ctx.env.ZDOTDIR : home
      return ['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((f) => [path.join(dir, f)])
    }
    case 'fish': {
      const config = ctx.env.XDG_CONFIG_HOME && ctx.env.XDG_CONFIG_HOME !== '' ? ctx.env.XDG_CONFIG_HOME : at('.config')
      return [[path.join(config, 'fish', 'conf.d')], [path.join(config, 'fish', 'config.fish')]]
    }
    case 'tcsh':
    case 'csh':
      return [[at('.tcshrc'), at('.cshrc')], [at('.login')]]
    case 'ksh':
    case 'mksh':
      return [[at('.profile')], [ctx.env.ENV && ctx.env.ENV !== '' ? ctx.env.ENV : at('.kshrc')]]
    case 'nu':
      return [[path.join(ctx.env.XDG_CONFIG_HOME || at('.config'), 'nushell', 'config.nu')]]
    default:
      // sh, dash, ash: ~/.profile as a login shell, then $ENV as an interactive one.
      return ctx.env.ENV && ctx.env.ENV !== '' ? [[at('.profile')], [ctx.env.ENV]] : [[at('.profile')]]
  }
}

/**
 * The user's startup files that `shell` will actually read, in order: for each group of
 * alternatives, the first that exists. Never throws; unreadable files are left out.
 */
export async function shellStartupFiles(shell: string, ctx: Pick<EngineContext, 'home' | 'env'>): Promise<string[]> {
  const out: string[] = []
  for (const group of startupFileCandidates(shell, ctx)) {
    for (const file of group) {
      if (await exists(file)) {
        out.push(file)
        break
      }
    }
  }
  return out
}

async function exists(file: string): Promise<boolean> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) return (await readdir(file)).length > 0
    return info.isFile()
  } catch {
    return false
  }
}
