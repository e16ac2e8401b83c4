import { open, stat } from 'node:fs/promises'
import type { EngineContext } from '../context'
import { which, type Resolution } from '../env/which'

/** Facts gathered before a stdio server is started: where its command resolves, its folder. */
export interface Preflight {
  cwd: string
  cwdExists: boolean
  /** the PATH the client gives the server, split */
  pathDirs: string[]
  resolution: Resolution
  /** the `#!` line of the resolved file, when it has one */
  shebang?: string
}

export async function preflightStdio(
  command: string,
  cwd: string,
  pathDirs: string[],
  ctx: Pick<EngineContext, 'platform' | 'env'>
): Promise<Preflight> {
  const [cwdExists, resolution] = await Promise.all([
    isDirectory(cwd),
    which(command, pathDirs, { cwd, platform: ctx.platform, pathext: ctx.env.PATHEXT })
  ])
  const file = resolution.path ?? resolution.notExecutable
  const shebang = file ? await readShebang(file) : undefined
  return { cwd, cwdExists, pathDirs, resolution, shebang }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}

async function readShebang(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r')
    try {
      const buffer = Buffer.alloc(256)
      const { bytesRead } = await handle.read(buffer, 0, 256, 0)
      const head = buffer.subarray(0, bytesRead).toString('utf8')
      return head.startsWith('#!') ? head.split('\n')[0]!.trim() : undefined
    } finally {
      await handle.close()
    }
  } catch {
    return undefined
  }
}
