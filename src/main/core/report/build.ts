import { sortFindings, type Finding } from '../../../shared/findings'
import type { Probe, ServerReport, ServerStatus } from '../../../shared/report'
import { statusFromFindings } from '../../../shared/report'
import type { ServerEntry } from '../clients/types'
import { sessionFields } from '../probe/session'
import type { StdioEvidence } from '../probe/stdio'
import { REDACTED, redactArgs, redactCommand, redactEnv, redactText, redactUrlLoose, replaceSecrets } from './redact'

/** The values of an entry that must never appear in a report: env and header values, arg secrets. */
export function entrySecrets(entry: ServerEntry): string[] {
  const values = [...Object.values(entry.env ?? {}), ...Object.values(entry.headers ?? {})]
  const args = entry.args ?? []
  const redacted = redactArgs(args)
  args.forEach((arg, i) => {
    if (redacted[i] !== arg) {
      const eq = arg.indexOf('=')
      values.push(eq > 0 && redacted[i]?.endsWith(REDACTED) ? arg.slice(eq + 1) : arg)
    }
  })
  // A value that is nothing but variable references (`${GITHUB_TOKEN}`, `${env:API_KEY}`) names a
  // secret without holding one; its expansion is added to the secrets where it is made.
  return values.filter((v) => v.trim().length >= 4 && !ONLY_REFERENCES.test(v))
}

const ONLY_REFERENCES = /^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\s)+$/

/** Fields that hold names the engine chose (codes, ids, states), never text a secret can be in. */
const STRUCTURAL = new Set(['code', 'step', 'severity', 'id', 'serverId', 'client', 'scope', 'transport', 'status', 'outcome', 'state', 'kind', 'op', 'phase'])

/** Evidence as it may be shown: stderr, stdout and error messages with secrets replaced. */
export function redactEvidence(evidence: StdioEvidence, secrets: readonly string[]): StdioEvidence {
  return {
    ...evidence,
    stderrTail: redactText(evidence.stderrTail, secrets),
    stdout: {
      ...evidence.stdout,
      firstNoise: evidence.stdout.firstNoise === undefined ? undefined : redactText(evidence.stdout.firstNoise, secrets),
      oversizedLine: evidence.stdout.oversizedLine && {
        ...evidence.stdout.oversizedLine,
        head: redactText(evidence.stdout.oversizedLine.head, secrets)
      }
    },
    error: evidence.error && { ...evidence.error, message: redactText(evidence.error.message, secrets) },
    spawnError: evidence.spawnError && { ...evidence.spawnError, message: redactText(evidence.spawnError.message, secrets) }
  }
}

export function probeFromEvidence(evidence: StdioEvidence, cwd: string): Probe {
  return {
    outcome: evidence.outcome,
    ms: evidence.ms,
    exitCode: evidence.exit?.code,
    signal: evidence.exit?.signal,
    stderrTail: evidence.stderrTail === '' ? undefined : evidence.stderrTail.slice(-8192),
    ...sessionFields(evidence),
    spawnError: evidence.spawnError,
    stdoutNoise:
      evidence.stdout.firstNoise === undefined
        ? undefined
        : { firstLine: evidence.stdout.firstNoise, lines: evidence.stdout.noiseLines },
    error: evidence.error?.message,
    cwd,
    timeoutMs: evidence.timeoutMs
  }
}

/** A server as the report shows it: redacted, with its findings sorted and its status derived. */
export function toServerReport(
  entry: ServerEntry,
  findings: readonly Finding[],
  probe: Probe | undefined,
  skipped = false
): ServerReport {
  const quiet = findings.every((f) => f.severity === 'info')
  const inactive = entry.effective !== undefined && entry.effective.state !== 'active'
  const status: ServerStatus = (skipped || inactive) && quiet ? 'skipped' : statusFromFindings(findings)
  const report: ServerReport = {
    id: entry.id,
    name: entry.name,
    client: entry.client,
    scope: entry.scope,
    configPath: entry.configPath,
    project: entry.project,
    transport: entry.transport,
    command: entry.command && redactCommand(entry.command),
    args: entry.args && redactArgs(entry.args),
    url: entry.url && redactUrlLoose(entry.url),
    env: entry.env && redactEnv(entry.env),
    headers: entry.headers && redactEnv(entry.headers),
    cwd: entry.cwd,
    effective: entry.effective,
    status,
    probe,
    findings: sortFindings(findings)
  }
  return scrubDeep(report, entrySecrets(entry))
}

/**
 * The last line of defence: every string anywhere in `value` has every secret replaced. Whatever
 * a rule or a probe wrote, a secret value cannot leave through the report.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replaceSecrets(v, secrets)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, STRUCTURAL.has(k) && typeof x !== 'object' ? x : walk(x)]))
    return v
  }
  return walk(value) as T
}
