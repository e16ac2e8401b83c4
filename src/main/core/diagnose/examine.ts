import type { Finding } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { planLaunch } from '../clients/launch'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import type { KnownDir } from '../env/known-dirs'
import type { LoginShellResult } from '../env/login-shell'
import type { VersionCache } from '../env/versions'
import { preflightStdio } from '../probe/preflight'
import { probeStdio } from '../probe/stdio'
import { entrySecrets, probeFromEvidence, redactEvidence, toServerReport } from '../report/build'
import { resolutionFacts } from './resolution'
import { runtimeFindings } from './rules/runtime'
import { stdioFindings } from './rules/stdio'

/** Facts read once per run and shared by every server's examination. */
export interface RunFacts {
  loginShell?: LoginShellResult
  /** addition: the known install folders that exist, and versions asked once per run */
  knownDirs?: KnownDir[]
  versions?: VersionCache
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
  if (entry.transport !== 'stdio' || !entry.command || blocked || options.probe === false) {
    return toServerReport(entry, findings, undefined, true)
  }
  const plan = planLaunch(entry, ctx, facts.loginShell, options.timeoutMs)
  // The preflight facts (file, versions, docker daemon) are gathered while the server starts.
  const [preflight, raw] = await Promise.all([
    preflightStdio(plan.command, plan.cwd, plan.pathDirs, ctx, {
      plan,
      loginShell: facts.loginShell,
      knownDirs: facts.knownDirs,
      versions: facts.versions
    }),
    probeStdio(plan)
  ])
  const evidence = redactEvidence(raw, entrySecrets(entry))
  findings.push(...runtimeFindings(entry, preflight, evidence), ...stdioFindings(entry, preflight, evidence))
  return { ...toServerReport(entry, findings, probeFromEvidence(evidence, plan.cwd)), resolution: resolutionFacts(preflight) }
}
