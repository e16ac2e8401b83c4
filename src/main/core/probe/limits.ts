/** How long a probe waits for an answer when neither `--timeout` nor a client says otherwise. */
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000

/** Extra time a probe may take beyond its timeout: listings, a terminal re-run, version fallbacks. */
const DEADLINE_SLACK_MS = 5_000

/**
 * How long to wait for a server: `--timeout` when given, else the longer of the default and the
 * client's own startup limit (so a server slower than its client can be seen answering, which is
 * what tells `slow-startup` from `handshake-timeout`).
 */
export function probeTimeout(clientLimitMs: number, override?: number): number {
  return override ?? Math.max(DEFAULT_PROBE_TIMEOUT_MS, clientLimitMs)
}

/** The overall deadline (Date.now() based) for everything one server's examination starts. */
export function probeDeadline(timeoutMs: number, now = Date.now()): number {
  return now + timeoutMs + Math.min(timeoutMs, DEADLINE_SLACK_MS)
}
