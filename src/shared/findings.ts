import { z } from 'zod'
import { FixActionSchema } from './fix-action'

/**
 * The stable finding codes (DESIGN.md, "Finding codes"), each with the troubleshooter step it
 * belongs to. Codes never change meaning; new ones may be added.
 */
export const FINDING_STEPS = {
  'no-servers-configured': 1,
  'server-disabled': 1,
  'server-shadowed': 1,
  'project-server-unapproved': 1,
  'client-ignores-entry': 1,
  'status-incident': 1,
  'client-untrusted-folder': 1,
  'config-invalid-json': 2,
  'config-wrong-key': 2,
  'config-invalid-entry': 2,
  'command-contains-args': 2,
  'relative-path': 2,
  'file-not-found': 2,
  'cwd-not-found': 2,
  'invalid-url': 2,
  'transport-mismatch': 2,
  'windows-cmd-wrapper-needed': 2,
  'config-unread-file': 2,
  /** addition: the file exists but cannot be read (permissions, a folder, absurdly large) */
  'config-unreadable': 2,
  'command-not-found': 3,
  'runtime-not-installed': 3,
  'command-only-in-login-shell': 3,
  'runtime-too-old': 3,
  'docker-daemon-down': 3,
  'login-shell-failed': 3,
  'not-executable': 4,
  'process-exited': 4,
  'stdout-pollution': 4,
  'handshake-timeout': 4,
  'slow-startup': 4,
  'protocol-version-mismatch': 4,
  'module-not-found': 4,
  'package-not-found': 4,
  'crash-after-start': 4,
  /** addition: the server answered `initialize` with an error or an invalid result */
  'handshake-failed': 4,
  'env-missing': 5,
  'env-placeholder': 5,
  'env-unexpanded': 5,
  'connection-refused': 6,
  'dns-failure': 6,
  'tls-error': 6,
  'auth-required': 6,
  'http-error': 6,
  'client-log-errors': 6
} as const satisfies Record<string, Step>

export type Step = 1 | 2 | 3 | 4 | 5 | 6 | 7
export type FindingCode = keyof typeof FINDING_STEPS
export const FINDING_CODES = Object.keys(FINDING_STEPS) as [FindingCode, ...FindingCode[]]

/** Titles of the seven troubleshooter steps, in order. */
export const STEP_TITLES: Record<Step, string> = {
  1: 'List the servers and their state',
  2: 'Review command, args, env and type',
  3: 'Install the runtime and put it on PATH',
  4: 'Run the command standalone',
  5: 'Set the required env vars',
  6: 'Inspect logs',
  7: 'Fix the config and restart the client'
}

export const SeveritySchema = z.enum(['error', 'warning', 'info'])
export type Severity = z.infer<typeof SeveritySchema>

/**
 * A suggested fix: words for the user, optionally a command they can copy, and the action the
 * engine can carry out for them (DESIGN.md, "Fix actions"), with other ways to fix it.
 */
export const FixSchema = z.object({
  summary: z.string(),
  command: z.string().optional(),
  url: z.string().optional(),
  action: FixActionSchema.optional(),
  /** addition: other actions that fix the same thing (copy the value from the login shell, type it, …) */
  alternatives: z.array(FixActionSchema).optional()
})
export type Fix = z.infer<typeof FixSchema>

export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  step: z.number().int().min(1).max(7),
  severity: SeveritySchema,
  title: z.string(),
  detail: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  fix: FixSchema.optional()
})
export type Finding = z.infer<typeof FindingSchema>

/** Builds a finding with its step taken from the code table, so the two never disagree. */
export function finding(
  code: FindingCode,
  severity: Severity,
  title: string,
  detail: string,
  extra: { evidence?: Record<string, unknown>; fix?: Fix } = {}
): Finding {
  return { code, step: FINDING_STEPS[code], severity, title, detail, ...extra }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** Orders findings most severe first, then by step. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.step - b.step
  )
}

/**
 * Adds what a probe found to what the config check found, one finding per code: when both name
 * the same code, the more severe one stays (a probe that confirms a config hint outranks it), and
 * on a tie the config's, which was there first.
 */
export function mergeFindings(first: readonly Finding[], later: readonly Finding[]): Finding[] {
  const out = [...first]
  for (const f of later) {
    const index = out.findIndex((x) => x.code === f.code)
    if (index === -1) out.push(f)
    else if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[out[index]!.severity]) out[index] = f
  }
  return out
}
