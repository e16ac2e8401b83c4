import type { Finding } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { isActive } from '../clients/effective'
import { planLaunch } from '../clients/launch'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import { preflightStdio } from '../probe/preflight'
import { probeStdio } from '../probe/stdio'
import { entrySecrets, probeFromEvidence, redactEvidence, toServerReport } from '../report/build'
import { stdioFindings } from './rules/stdio'

/** Facts read once per run and shared by every server's examination. */
export interface RunFacts {
  loginShell?: LoginShellResult
}

export interface ExamineOptions {
  timeoutMs?: number
  probe?: boolean
}

/**
 * One server, start to verdict: the entry's own findings, then (unless told not to probe) the
 * launch plan, the preflight facts and the probe, each read by its rules.
 */
export async function examine(ctx: EngineContext, entry: ServerEntry, facts: RunFacts, options: ExamineOptions): Promise<ServerReport> {
  const findings: Finding[] = [...entry.findings]
  const blocked = findings.some((f) => f.severity === 'error')
  // A definition the client does not use (shadowed, disabled, unapproved, ignored) is not started.
  if (entry.transport !== 'stdio' || !entry.command || blocked || options.probe === false || !isActive(entry)) {
    return toServerReport(entry, findings, undefined, true)
  }
  const plan = planLaunch(entry, ctx, facts.loginShell, options.timeoutMs)
  const preflight = await preflightStdio(plan.command, plan.cwd, plan.pathDirs, ctx)
  const raw = await probeStdio(plan)
  const evidence = redactEvidence(raw, entrySecrets(entry))
  findings.push(...stdioFindings(entry, preflight, evidence))
  return toServerReport(entry, findings, probeFromEvidence(evidence, plan.cwd))
}
