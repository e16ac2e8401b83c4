import path from 'node:path'
import { pathEntries } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import { which } from '../env/which'
import { probeStdio, type StdioEvidence, type StdioSpec } from './stdio'

/** How the user's terminal would start the same command: login-shell environment, project folder. */
export interface TerminalPlan extends StdioSpec {
  pathDirs: string[]
}

/** What differs between the client's way of starting the server and the terminal's. */
export interface TerminalDiff {
  /** PATH folders the client gives the server that the terminal does not have, and the reverse */
  pathOnlyInClient: string[]
  pathOnlyInTerminal: string[]
  /** variable names set in one environment and not the other (names only, never values) */
  envOnlyInClient: string[]
  envOnlyInTerminal: string[]
  /** variable names set in both, to different values (PATH excluded) */
  envDiffering: string[]
  /** the file the command resolves to on each side's PATH (null: nothing) */
  resolvedClient: string | null
  resolvedTerminal: string | null
  cwdClient: string
  cwdTerminal: string
}

/** The terminal re-run: its own evidence and the difference from the client's run. */
export interface TerminalRun {
  evidence: StdioEvidence
  diff: TerminalDiff
}

/**
 * Plans the terminal-style start of a server: the login shell's whole environment with the entry's
 * `env` on top, and the project folder (the home folder for a user-scoped entry) as the working
 * directory. Undefined when the login shell could not be read.
 */
export function planTerminal(
  client: Pick<StdioSpec, 'command' | 'args' | 'timeoutMs'>,
  loginShell: LoginShellResult | undefined,
  where: { entryEnv?: Record<string, string>; entryCwd?: string; project?: string; home: string; platform: NodeJS.Platform }
): TerminalPlan | undefined {
  if (!loginShell?.env) return undefined
  const env = { ...loginShell.env, ...(where.entryEnv ?? {}) }
  const base = where.project ?? where.home
  const cwd = where.entryCwd ? path.resolve(base, where.entryCwd) : base
  return { command: client.command, args: client.args, env, cwd, timeoutMs: client.timeoutMs, pathDirs: pathEntries(env, where.platform) }
}

/** Compares the two ways of starting the server. Never throws. */
export async function diffLaunches(
  client: { command: string; env: Record<string, string>; cwd: string; pathDirs: string[] },
  terminal: TerminalPlan,
  platform: NodeJS.Platform
): Promise<TerminalDiff> {
  const [resolvedClient, resolvedTerminal] = await Promise.all([
    which(client.command, client.pathDirs, { cwd: client.cwd, platform, pathext: client.env.PATHEXT }),
    which(terminal.command, terminal.pathDirs, { cwd: terminal.cwd, platform, pathext: terminal.env.PATHEXT })
  ])
  const isPath = (key: string): boolean => (platform === 'win32' ? key.toUpperCase() === 'PATH' : key === 'PATH')
  const clientKeys = Object.keys(client.env)
  const terminalKeys = Object.keys(terminal.env)
  return {
    pathOnlyInClient: client.pathDirs.filter((d) => !terminal.pathDirs.includes(d)),
    pathOnlyInTerminal: terminal.pathDirs.filter((d) => !client.pathDirs.includes(d)),
    envOnlyInClient: clientKeys.filter((k) => !(k in terminal.env)).sort(),
    envOnlyInTerminal: terminalKeys.filter((k) => !(k in client.env)).sort(),
    envDiffering: clientKeys.filter((k) => !isPath(k) && k in terminal.env && terminal.env[k] !== client.env[k]).sort(),
    resolvedClient: resolvedClient.path,
    resolvedTerminal: resolvedTerminal.path,
    cwdClient: client.cwd,
    cwdTerminal: terminal.cwd
  }
}

/** A failure that a second, terminal-style run can shed light on. */
export function failed(evidence: StdioEvidence): boolean {
  return evidence.outcome !== 'ok' && evidence.outcome !== 'not-probed'
}

/** Commands that download or build on first run: two of them at once race on the same cache. */
const INSTALLERS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx', 'bun', 'uvx', 'uv', 'pipx', 'docker', 'podman', 'deno'])

/** Whether a terminal run may start alongside a client run of the same command. */
export function mayRunTwice(command: string): boolean {
  const name = (command.split(/[\\/]/).pop() ?? command).toLowerCase().replace(/\.(cmd|exe|bat|ps1)$/, '')
  return !INSTALLERS.has(name)
}

/**
 * Probes the server the client's way, and when that fails, again the terminal's way. A client run
 * still waiting after `speculateAfterMs` gets its terminal run started alongside (and cancelled if
 * the client run then succeeds), so a server that never answers costs one timeout, not two. For a
 * package runner (npx, uvx, docker, …) two runs at once would race on its download cache, so a
 * client run that timed out gets no terminal run. Without a terminal plan it is just the client
 * probe. Never throws.
 */
export async function probeBothWays(
  client: StdioSpec & { pathDirs: string[] },
  terminal: TerminalPlan | undefined,
  platform: NodeJS.Platform,
  speculateAfterMs = Math.min(4000, client.timeoutMs / 2)
): Promise<{ client: StdioEvidence; terminal?: TerminalRun }> {
  if (!terminal) return { client: await probeStdio(client) }
  const cancel = new AbortController()
  const speculate = mayRunTwice(client.command)
  let early: Promise<StdioEvidence> | undefined
  const timer = setTimeout(() => {
    if (speculate) early = probeStdio({ ...terminal, signal: cancel.signal })
  }, speculateAfterMs)
  const [clientEvidence, diff] = await Promise.all([probeStdio(client), diffLaunches(client, terminal, platform)])
  clearTimeout(timer)
  if (!failed(clientEvidence)) {
    cancel.abort()
    await early
    return { client: clientEvidence }
  }
  if (!early && !speculate && clientEvidence.outcome === 'timeout') return { client: clientEvidence }
  const evidence = await (early ?? probeStdio(terminal))
  return { client: clientEvidence, terminal: { evidence, diff } }
}
