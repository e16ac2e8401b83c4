import type { EngineContext } from '../context'

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
}

export interface LoginShellOptions {
  timeoutMs?: number
}

/**
 * Reads the login-shell environment. Not implemented yet: reports that it was not read, so every
 * caller already handles the "no login shell" case.
 */
export async function readLoginShell(ctx: EngineContext, _options: LoginShellOptions = {}): Promise<LoginShellResult> {
  return { shell: ctx.env.SHELL ?? '', args: [], ms: 0, error: 'not read' }
}
