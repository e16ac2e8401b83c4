import { readFileSync } from 'node:fs'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { currentContext, type EngineContext } from '../../src/main/core/context'

export const FIXTURES = path.resolve(__dirname, '../fixtures')

/** Absolute path of a fixture server script. */
export function fixtureServer(name: string): string {
  return path.join(FIXTURES, 'servers', name)
}

export interface TempHome {
  home: string
  /** writes a file under the home (folders created), returns its absolute path */
  write(relative: string, content: string | object): Promise<string>
  context(overrides?: Partial<EngineContext>): EngineContext
  cleanup(): Promise<void>
}

/**
 * A throwaway home folder: tests write real config files into it and run the engine with a
 * context that points there. The real home is never read or written.
 */
export async function makeHome(): Promise<TempHome> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-home-'))
  return {
    home,
    async write(relative, content) {
      const file = path.join(home, relative)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
      return file
    },
    context(overrides = {}) {
      return currentContext({
        home,
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, USER: 'tester', SHELL: '/bin/sh' },
        ...overrides
      })
    },
    cleanup: () => rm(home, { recursive: true, force: true })
  }
}

/** A Claude Code `mcpServers` entry that runs a fixture server with this machine's node. */
export function nodeServer(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { command: process.execPath, args: [fixtureServer(name)], ...extra }
}

/** Whether a process is running (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return process.platform !== 'linux'
  }
}
