import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { EngineContext } from '../context'
import { TailBuffer } from '../probe/bounded'
import { shellStartupFiles } from './shell-files'

/**
 * The user's login-shell environment, read once per run: the environment a terminal client
 * (Claude Code, Codex, Gemini CLI) gives its servers, and the "works in my terminal" side of
 * every comparison. Evidence, not a verdict: `login-shell-failed` is decided by a rule.
 */
export interface LoginShellResult {
  shell: string
  args: string[]
  ms: number
  /** the environment the shell printed; undefined when it could not be read */
  env?: Record<string, string>
  exitCode?: number | null
  signal?: string | null
  timedOut?: boolean
  stderrTail?: string
  /** why there is no environment: not attempted on this OS, timed out, … */
  error?: string
  /** addition: set when the shell was deliberately not read (Windows); `env` is then the process's */
  skipped?: string
  /** addition: the limit the read had */
  timeoutMs?: number
  /** addition: the user's startup files this shell reads that exist (`~/.zshrc`, …), for messages */
  startupFiles?: string[]
}

export interface LoginShellOptions {
  /** default: `MCP_MEDIC_SHELL_TIMEOUT` (ms) from the environment, else 10 s */
  timeoutMs?: number
  /** the Node binary that prints the environment; default `process.execPath` */
  execPath?: string
}

export const DEFAULT_SHELL_TIMEOUT_MS = 10_000
const MAX_STDOUT = 16 * 1024 * 1024
const STDERR_KEEP = 8 * 1024

/**
 * Variables MCP Medic sets for the shell it starts: rc files can test the first to skip slow
 * work; the others stop oh-my-zsh's updater and tmux plugin from blocking. They are removed from
 * the result (or restored to the value the process had), so they never look like the user's.
 */
export const HELPER_VARIABLES: Readonly<Record<string, string>> = {
  MCP_MEDIC_RESOLVING_ENVIRONMENT: '1',
  ELECTRON_RUN_AS_NODE: '1',
  DISABLE_AUTO_UPDATE: 'true',
  ZSH_TMUX_AUTOSTART: 'false',
  ZSH_TMUX_AUTOSTARTED: 'true'
}

/** The user's shell: `$SHELL`, else the passwd entry, else `/bin/sh` (a `nologin`/`false` shell counts as none). */
export function userShell(ctx: Pick<EngineContext, 'env'>, passwdShell: () => string | undefined = defaultPasswdShell): string {
  for (const candidate of [ctx.env.SHELL, passwdShell()]) {
    if (candidate && candidate.trim() !== '' && !/(?:^|\/)(?:false|nologin)$/.test(candidate.trim())) return candidate.trim()
  }
  return '/bin/sh'
}

function defaultPasswdShell(): string | undefined {
  try {
    return os.userInfo().shell ?? undefined
  } catch {
    return undefined
  }
}

/** A shell's name without folder or `.exe`: `/usr/local/bin/zsh` → `zsh`. */
export function shellName(shell: string): string {
  return path.basename(shell.replace(/\\/g, '/')).replace(/\.exe$/i, '').toLowerCase()
}

/**
 * The arguments that start `shell` as a login, interactive shell running `command`, per shell:
 * POSIX shells and fish take `-i -l -c`; tcsh/csh only `-ic` (they allow `-l` only alone); nu
 * needs `^` to run an external program; PowerShell takes `-Login -Command`.
 */
export function loginShellArgs(shell: string, program: string, programArgs: readonly string[]): string[] {
  const name = shellName(shell)
  if (name === 'pwsh' || name === 'pwsh-preview' || name === 'powershell') {
    const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`
    return ['-Login', '-Command', `& ${[program, ...programArgs].map(quote).join(' ')}`]
  }
  if (name === 'nu') {
    // nu's single quotes are raw strings; a word containing one goes in backticks instead.
    const quote = (s: string): string => (s.includes("'") ? `\`${s}\`` : `'${s}'`)
    return ['-i', '-l', '-c', `^${[program, ...programArgs].map(quote).join(' ')}`]
  }
  if (name === 'fish') {
    const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    return ['-i', '-l', '-c', [program, ...programArgs].map(quote).join(' ')]
  }
  const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`
  const line = [program, ...programArgs].map(quote).join(' ')
  if (name === 'tcsh' || name === 'csh') return ['-ic', line]
  return ['-i', '-l', '-c', line]
}

/** The script the shell's Node runs: the environment as JSON between two copies of `marker`. */
export function printEnvScript(marker: string): string {
  // Double quotes only: the script travels inside single quotes in every shell above.
  return `process.stdout.write("${marker}"+JSON.stringify(process.env)+"${marker}")`
}

/**
 * Finds the environment between the markers in a shell's output. Banners, colour codes and
 * anything else the startup files print around it are ignored; values with newlines survive
 * because they travel as JSON. Returns undefined when no well-formed environment is there.
 */
export function parseMarkedEnv(stdout: string, marker: string): Record<string, string> | undefined {
  let from = stdout.indexOf(`${marker}{`)
  while (from !== -1) {
    const start = from + marker.length
    let end = stdout.indexOf(`}${marker}`, start)
    while (end !== -1) {
      try {
        const value: unknown = JSON.parse(stdout.slice(start, end + 1))
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const env: Record<string, string> = {}
          for (const [key, v] of Object.entries(value)) if (typeof v === 'string') env[key] = v
          return env
        }
      } catch {
        // a `}marker` inside the text: try the next one
      }
      end = stdout.indexOf(`}${marker}`, end + 1)
    }
    from = stdout.indexOf(`${marker}{`, from + 1)
  }
  return undefined
}

/**
 * Reads the login-shell environment: starts the user's shell as a login, interactive shell (in
 * its own process group, stdin closed, in the home folder) and has it run this very Node binary
 * (`ELECTRON_RUN_AS_NODE=1` inside Electron) to print `process.env` as JSON between random
 * markers. Ends the whole group after `timeoutMs`. Not on Windows, where the process environment
 * already is the user's: `env` is then a copy of it and `skipped` says why.
 *
 * Never throws: a missing shell, a timeout, a non-zero exit or output without the markers give a
 * result without `env`, with `error` saying what happened and the facts (exit code, signal,
 * stderr tail, time) to show.
 */
export async function readLoginShell(ctx: EngineContext, options: LoginShellOptions = {}): Promise<LoginShellResult> {
  if (ctx.platform === 'win32') {
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v
    return {
      shell: ctx.env.ComSpec ?? ctx.env.COMSPEC ?? 'cmd.exe',
      args: [],
      ms: 0,
      env,
      skipped: 'not read on Windows, where every program already gets the user environment'
    }
  }
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv(ctx.env) ?? DEFAULT_SHELL_TIMEOUT_MS
  const shell = userShell(ctx)
  const marker = randomBytes(8).toString('hex')
  const args = loginShellArgs(shell, options.execPath ?? process.execPath, ['-e', printEnvScript(marker)])
  const startupFiles = await shellStartupFiles(shell, ctx)
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) childEnv[k] = v
  Object.assign(childEnv, HELPER_VARIABLES)

  // A terminal starts in the home folder; a missing home must not look like a missing shell.
  const cwd = (await isDirectory(ctx.home)) ? ctx.home : os.tmpdir()
  const started = performance.now()
  const run = await runShell(shell, args, childEnv, cwd, timeoutMs)
  const ms = Math.round(performance.now() - started)
  const base: LoginShellResult = {
    shell,
    args,
    ms,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    stderrTail: quietStderr(run.stderr),
    timeoutMs,
    startupFiles
  }
  if (run.spawnError) {
    const why = run.spawnError === 'ENOENT' ? 'does not exist' : `could not be started (${run.spawnError})`
    return { ...base, error: `${shell} ${why}` }
  }
  const env = run.timedOut ? undefined : parseMarkedEnv(run.stdout, marker)
  if (env) return { ...base, env: withoutHelpers(env, ctx.env) }
  return { ...base, error: describeFailure(run, timeoutMs) }
}

/**
 * The shell's stderr without what every interactive shell without a terminal prints (bash:
 * "cannot set terminal process group", "no job control in this shell"): noise, not the user's.
 */
function quietStderr(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((line) => !/^(?:ba|z|k)?sh: (?:cannot set terminal process group|no job control in this shell|can't set tty pgrp)/.test(line))
  const out = lines.join('\n').trim()
  return out === '' ? undefined : out
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory()
  } catch {
    return false
  }
}

function timeoutFromEnv(env: EngineContext['env']): number | undefined {
  const value = Number(env.MCP_MEDIC_SHELL_TIMEOUT)
  return Number.isFinite(value) && value >= 100 ? Math.min(value, 600_000) : undefined
}

function withoutHelpers(env: Record<string, string>, original: EngineContext['env']): Record<string, string> {
  const out = { ...env }
  for (const key of Object.keys(HELPER_VARIABLES)) {
    const before = original[key]
    if (before === undefined) delete out[key]
    else out[key] = before
  }
  return out
}

function describeFailure(run: ShellRun, timeoutMs: number): string {
  if (run.timedOut) return `did not finish within ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`
  if (run.signal) return `was killed by ${run.signal} before printing its environment`
  if (run.exitCode !== 0 && run.exitCode !== null) return `exited with code ${run.exitCode} before printing its environment`
  if (run.stdoutOverflow) return 'printed more than 16 MB without the environment'
  return 'finished without printing its environment (a startup file may exit early or replace the shell with exec)'
}

interface ShellRun {
  stdout: string
  stdoutOverflow: boolean
  stderr: string
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  spawnError?: string
}

/** Runs the shell in its own process group; on timeout the whole group is killed. Never rejects. */
function runShell(shell: string, args: string[], env: Record<string, string>, cwd: string, timeoutMs: number): Promise<ShellRun> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = []
    let stdoutSize = 0
    let stdoutOverflow = false
    const stderr = new TailBuffer(STDERR_KEEP)
    let timedOut = false
    let settled = false
    let exit: { code: number | null; signal: string | null } | undefined

    const child = spawn(shell, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, windowsHide: true })
    const killGroup = (): void => {
      if (child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group is gone already
      }
    }
    const finish = (extra: Partial<ShellRun> = {}): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // A background job started by a startup file may hold the pipes open: stop listening.
      child.stdout?.destroy()
      child.stderr?.destroy()
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stdoutOverflow,
        stderr: stderr.text(),
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        ...extra
      })
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
      // Give the kill a moment to be reported, but never wait on it.
      setTimeout(() => finish(), 200).unref()
    }, timeoutMs)

    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdoutSize + chunk.length > MAX_STDOUT) {
        stdoutOverflow = true
        return
      }
      stdout.push(chunk)
      stdoutSize += chunk.length
    })
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) finish({ spawnError: error.code ?? 'error' })
    })
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      if (!timedOut) setTimeout(() => finish(), 300).unref()
    })
    child.once('close', () => {
      // A failed spawn reports through 'error'; wait for it rather than guess.
      if (child.pid === undefined && !exit) return
      finish()
    })
  })
}

/**
 * Reads the login shell once and hands the same result to every caller until asked to refresh.
 * The app and the browser face keep one: a re-test of one server reuses the environment read by
 * the last run; an explicit re-run refreshes it. A refresh while a read is still under way joins
 * that read instead of starting another shell.
 */
export class LoginShellCache {
  private current?: { key: string; promise: Promise<LoginShellResult>; done: boolean }

  constructor(private readonly read: (ctx: EngineContext, options?: LoginShellOptions) => Promise<LoginShellResult> = readLoginShell) {}

  /** The cached result for this machine description, read now when there is none or `refresh` is set. */
  get(ctx: EngineContext, options: LoginShellOptions & { refresh?: boolean } = {}): Promise<LoginShellResult> {
    const key = JSON.stringify([ctx.platform, ctx.home, ctx.env.SHELL ?? '', ctx.env.PATH ?? '', options.timeoutMs ?? null])
    const current = this.current
    if (current && current.key === key && (!options.refresh || !current.done)) return current.promise
    const entry = { key, done: false, promise: this.read(ctx, options) }
    entry.promise = entry.promise.finally(() => {
      entry.done = true
    })
    this.current = entry
    return entry.promise
  }
}
