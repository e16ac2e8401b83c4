import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import path from 'node:path'

export interface Resolution {
  /** the file the command resolves to, or null when it resolves to nothing */
  path: string | null
  /** a file of that name exists but lacks the execute permission */
  notExecutable?: string
}

/**
 * Finds the file a command resolves to, the way `execvp` (or Windows' `PATHEXT` search) would:
 * a command with a slash is taken as a path (relative to `cwd`); a bare name is looked up in each
 * PATH entry in order. Never throws.
 */
export async function which(
  command: string,
  pathDirs: readonly string[],
  options: { cwd: string; platform: NodeJS.Platform; pathext?: string }
): Promise<Resolution> {
  const win = options.platform === 'win32'
  const hasSeparator = win ? /[\\/]/.test(command) : command.includes('/')
  const extensions = win ? windowsExtensions(command, options.pathext) : ['']
  const candidates = hasSeparator
    ? extensions.map((ext) => path.resolve(options.cwd, command + ext))
    : pathDirs.flatMap((dir) => extensions.map((ext) => path.join(dir, command + ext)))
  let notExecutable: string | undefined
  for (const candidate of candidates) {
    const kind = await fileKind(candidate, win)
    if (kind === 'executable') return { path: candidate }
    if (kind === 'file' && notExecutable === undefined) notExecutable = candidate
  }
  return { path: null, notExecutable }
}

function windowsExtensions(command: string, pathext: string | undefined): string[] {
  if (path.extname(command)) return ['']
  const list = (pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
  return ['', ...list.map((e) => e.toLowerCase())]
}

async function fileKind(file: string, win: boolean): Promise<'executable' | 'file' | 'none'> {
  try {
    const info = await stat(file)
    if (!info.isFile()) return 'none'
    if (win) return 'executable'
    await access(file, constants.X_OK)
    return 'executable'
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'file' : 'none'
  }
}
