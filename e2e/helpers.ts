import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

export const ROOT = path.resolve(__dirname, '..')
export const CLI = path.join(ROOT, 'out/main/cli.js')
const SERVERS = path.join(ROOT, 'tests/fixtures/servers')

/** A temp home with one working and one broken Claude Code server. */
export async function brokenAndHealthyHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-'))
  await mkdir(path.join(home, 'project'), { recursive: true })
  const config = {
    mcpServers: {
      'weather-api': { command: process.execPath, args: [path.join(SERVERS, 'exit-error.mjs')], env: { WEATHER_API_KEY: 'sk-live-abcdefghijklmnop' } },
      'notes': { command: process.execPath, args: [path.join(SERVERS, 'healthy.mjs')] }
    }
  }
  await writeFile(path.join(home, '.claude.json'), JSON.stringify(config, null, 2))
  return { home, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) }
}

/** The environment of a user whose home is `home`. */
export function userEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, USER: 'e2e', SHELL: '/bin/sh', LANG: 'C.UTF-8' }
}

/** Starts `mcp-medic serve` and resolves with the URL it prints first. */
export async function startServe(home: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: path.join(home, 'project'), env: userEnv(home), stdio: ['ignore', 'pipe', 'pipe'] })
  const lines = createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { url, child, stop }
}

/**
 * A broken-and-healthy home served for every test of the calling spec file: started before the
 * first, stopped after the last. Read `.home` and `.serve` inside a test.
 */
export function servedHome(hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }) {
  const state = {} as { home: Awaited<ReturnType<typeof brokenAndHealthyHome>>; serve: Awaited<ReturnType<typeof startServe>> }
  hooks.beforeAll(async () => {
    state.home = await brokenAndHealthyHome()
    state.serve = await startServe(state.home.home)
  })
  hooks.afterAll(async () => {
    await state.serve?.stop()
    await state.home?.cleanup()
  })
  return state
}
