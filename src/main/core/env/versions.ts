import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import os from 'node:os'
import { TailBuffer } from '../probe/bounded'

/** What asking a program for its version gave. */
export interface VersionResult {
  /** `20.11.1`, `3.12.4`, … when the output held one */
  version?: string
  /** the first line it printed, for display when there is no number */
  text?: string
  /** why there is no version: timed out, exited with 1, not started, skipped */
  error?: string
}

export const VERSION_TIMEOUT_MS = 5_000

/** The flag that prints the version, per program (Java alone still uses one dash). */
function versionArgs(name: string): string[] {
  return name === 'java' ? ['-version'] : ['--version']
}

/** The first version number in a program's output: `v20.1.0` → `20.1.0`, `Python 3.12.4` → `3.12.4`. */
export function parseVersion(output: string): string | undefined {
  return /(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?)/.exec(output)?.[1]
}

/** What a short, bounded run of a program gave. */
export interface BoundedRun {
  code: number | null
  signal: string | null
  /** stdout and stderr together, last 64 KB */
  output: string
  stderr: string
  timedOut: boolean
  /** the spawn error code, when it never started */
  spawnError?: string
}

/**
 * Runs a program briefly: no stdin, its own process group killed after `timeoutMs`, at most
 * 64 KB of output kept. For version questions and `docker version`. Never throws.
 */
export function runBounded(
  file: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string; timeoutMs: number }
): Promise<BoundedRun> {
  return new Promise((resolve) => {
    const out = new TailBuffer(64 * 1024)
    const err = new TailBuffer(16 * 1024)
    let done = false
    let timedOut = false
    const child = spawn(file, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true
    })
    // Background questions: the servers being probed get the CPU first, so their timings are theirs.
    lowerPriority(child.pid)
    const finish = (result: Omit<BoundedRun, 'output' | 'stderr' | 'timedOut'>): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      child.stdout?.destroy()
      child.stderr?.destroy()
      resolve({ ...result, output: out.text(), stderr: err.text(), timedOut })
    }
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
      finish({ code: null, signal: 'SIGKILL' })
    }, options.timeoutMs)
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => {
      out.push(chunk)
      err.push(chunk)
    })
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) finish({ code: null, signal: null, spawnError: error.code ?? error.message })
    })
    child.once('close', (code, signal) => {
      if (child.pid === undefined) return
      finish({ code, signal })
    })
  })
}

/**
 * Runs `file --version` (with `env`, so a script's `#!/usr/bin/env node` finds the same node the
 * client would) and reads the version from its output, within `timeoutMs`. Never throws.
 */
export async function probeVersion(
  file: string,
  name: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs = VERSION_TIMEOUT_MS
): Promise<VersionResult> {
  if (isMacStub(file, name)) return { error: 'not asked: this macOS stub opens an installer dialog' }
  const run = await runBounded(file, versionArgs(name), { env, cwd, timeoutMs })
  if (run.spawnError) return { error: `could not be started (${run.spawnError})` }
  if (run.timedOut) return { error: `no answer within ${timeoutMs / 1000} s` }
  const first = run.output.split(/\r?\n/).find((line) => line.trim() !== '')?.trim().slice(0, 200)
  const version = parseVersion(run.output)
  if (run.code === 0 || version) return { version, text: first }
  return { text: first, error: run.signal ? `killed by ${run.signal}` : `exited with code ${run.code}` }
}

/**
 * macOS ships `/usr/bin/python3` and `/usr/bin/java` as stubs that open an "install" dialog when
 * run without the developer tools or a JDK. Asking them for a version would pop that dialog up.
 */
function isMacStub(file: string, name: string): boolean {
  if (process.platform !== 'darwin') return false
  if (file === '/usr/bin/python3' || file === '/usr/bin/pip3') {
    return !existsSync('/Library/Developer/CommandLineTools/usr/bin/python3') && !existsSync('/Applications/Xcode.app')
  }
  if (file === '/usr/bin/java' || name === 'java') {
    try {
      return readdirSync('/Library/Java/JavaVirtualMachines').length === 0
    } catch {
      return true
    }
  }
  return false
}

/**
 * Remembers versions for one run, so the runtimes panel and every server's preflight ask each
 * program once. A script's version depends on the interpreter its PATH finds, so the PATH is part
 * of the key; a binary's is not.
 */
export class VersionCache {
  private readonly entries = new Map<string, Promise<VersionResult>>()

  get(file: string, name: string, env: Record<string, string>, cwd: string): Promise<VersionResult> {
    const key = JSON.stringify([file, name, env.PATH ?? env.Path ?? ''])
    let entry = this.entries.get(key)
    if (!entry) {
      entry = probeVersion(file, name, env, cwd)
      this.entries.set(key, entry)
    }
    return entry
  }
}

/** Best effort: a lower scheduling priority for a helper process (ignored where not allowed). */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    os.setPriority(pid, 10)
  } catch {
    // not permitted or already gone: it simply runs at normal priority
  }
}
