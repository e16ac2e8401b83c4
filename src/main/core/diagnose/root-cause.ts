import { mergeFindings, type Finding, type FindingCode } from '../../../shared/findings'
import type { StdioEvidence } from '../probe/stdio'
import { tailLines } from './text'

/** What a probe reports when it knows only how the server failed, not why. */
const GENERIC: ReadonlySet<FindingCode> = new Set(['process-exited', 'handshake-timeout', 'crash-after-start', 'handshake-failed'])
/** Outcomes where the process is known to have died or refused: a config error can explain those. */
const DIED: ReadonlySet<string> = new Set(['exited', 'crash-after-start', 'protocol-error'])

/**
 * One root cause, one error. `staticFindings` are the entry's own (the config check's),
 * `probeFound` what the stdio and runtime rules read from the probe, `found` what the server's
 * own output says. When something names the cause (the output, a runtime rule, or, for a server
 * that died, an error the config check found), the probe's generic finding (`process-exited`,
 * `handshake-timeout`, …) goes, and its facts (exit code, signal, stderr tail) move into the
 * finding that names the cause. A server that connected keeps no `env-unexpanded` error: it
 * started with the text as written, so that is a warning.
 */
export function oneRootCause(staticFindings: readonly Finding[], probeFound: readonly Finding[], found: Finding | undefined, evidence: StdioEvidence): Finding[] {
  const healthy = evidence.outcome === 'ok'
  // A cause the config check already suspected confirms it: one finding, the probe's words, both's facts.
  const suspected = found && staticFindings.find((f) => f.code === found.code)
  const cause = found && suspected ? { ...found, evidence: { ...(suspected.evidence ?? {}), ...(found.evidence ?? {}) } } : found
  const own = (healthy ? staticFindings.map(softenUnexpanded) : [...staticFindings]).filter((f) => f !== suspected)
  // A server that printed its own error on stdout: the stray line is the message, not a second cause.
  const quoted = typeof cause?.evidence?.said === 'string' ? cause.evidence.said : undefined
  const probeFindings = probeFound.map((f) =>
    f.code === 'stdout-pollution' && f.severity === 'error' && quoted && typeof f.evidence?.firstLine === 'string' && f.evidence.firstLine.trim().includes(quoted.replace(/…$/, ''))
      ? { ...f, severity: 'warning' as const }
      : f
  )
  const generic = probeFindings.filter((f) => GENERIC.has(f.code) && f.severity === 'error')
  const specificProbe = probeFindings.filter((f) => !generic.includes(f))
  const named =
    cause ??
    specificProbe.find((f) => f.severity === 'error') ??
    (DIED.has(evidence.outcome) ? own.find((f) => f.severity === 'error') : undefined)
  if (!named || generic.length === 0) return mergeFindings(own, [...(cause ? [cause] : []), ...probeFindings])
  const folded = withExitFacts(named, generic, evidence)
  const replace = (f: Finding): Finding => (f === named ? folded : f)
  const probe = [...(cause ? [replace(cause)] : []), ...specificProbe.map(replace)]
  return mergeFindings(own.map(replace), probe)
}

function withExitFacts(named: Finding, generic: readonly Finding[], evidence: StdioEvidence): Finding {
  const exit = evidence.exit
  const facts: Record<string, unknown> = {
    exitCode: exit?.code ?? null,
    signal: exit?.signal ?? null,
    stderrTail: tailLines(evidence.stderrTail, 20),
    replaces: generic.map((g) => g.code)
  }
  const have = named.evidence ?? {}
  for (const key of Object.keys(facts)) if (key in have) delete facts[key]
  return { ...named, evidence: { ...have, ...facts } }
}

function softenUnexpanded(f: Finding): Finding {
  if (f.code !== 'env-unexpanded' || f.severity !== 'error') return f
  return { ...f, severity: 'warning', detail: `${f.detail} The server started anyway, so it may not need the value.` }
}
