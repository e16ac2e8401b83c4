import { mergeFindings, type Finding, type FindingCode } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { isActive } from '../clients/effective'
import { planLaunch } from '../clients/launch'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import type { KnownDir } from '../env/known-dirs'
import type { LoginShellResult } from '../env/login-shell'
import type { VersionCache } from '../env/versions'
import { withClientLogs } from '../logs/facts'
import { probeDeadline, probeTimeout } from '../probe/limits'
import { preflightStdio } from '../probe/preflight'
import { planTerminal, probeBothWays } from '../probe/terminal'
import { stdioProbeExtras } from '../probe/to-report'
import { entrySecrets, probeFromEvidence, redactEvidence, toServerReport } from '../report/build'
import { examineRemote } from './remote-exam'
import { resolutionFacts } from './resolution'
import { runtimeFindings } from './rules/runtime'
import { stdioFindings } from './rules/stdio'
import { terminalFindings } from './rules/terminal'

/** Facts read once per run and shared by every server's examination. */
export interface RunFacts {
  loginShell?: LoginShellResult
  /** addition: the known install folders that exist, and versions asked once per run */
  knownDirs?: KnownDir[]
  versions?: VersionCache
}

/**
 * Config errors that make a start pointless: the client could not start the entry either (or
 * would fail only because of this), so the probe would just say the same thing again. Other config
 * errors (a relative path, a missing script, a placeholder) still get probed: the server's own
 * reaction is evidence.
 */
const BLOCKING: ReadonlySet<FindingCode> = new Set(['config-invalid-entry', 'command-contains-args', 'invalid-url', 'cwd-not-found'])

export interface ExamineOptions {
  timeoutMs?: number
  probe?: boolean
}

/**
 * One server, start to verdict: the entry's own findings, then (unless told not to probe) the
 * launch plan, the preflight facts and the probe, each read by its rules.
 */
export async function examine(ctx: EngineContext, entry: ServerEntry, facts: RunFacts, options: ExamineOptions): Promise<ServerReport> {
  // step 6: the client's own log is read while the server is examined (logs/facts.ts)
  return withClientLogs(ctx, entry, facts, examineEntry(ctx, entry, facts, options))
}

async function examineEntry(ctx: EngineContext, entry: ServerEntry, facts: RunFacts, options: ExamineOptions): Promise<ServerReport> {
  const findings: Finding[] = [...entry.findings]
  const blocked = findings.some((f) => f.severity === 'error' && BLOCKING.has(f.code))
  // A definition the client does not use (shadowed, disabled, unapproved, ignored) is not started.
  const skip = blocked || options.probe === false || !isActive(entry)
  if (entry.transport !== 'stdio' && entry.url && !skip) return examineRemote(ctx, entry, findings, options)
  if (entry.transport !== 'stdio' || !entry.command || skip) {
    return toServerReport(entry, findings, undefined, true)
  }
  const plan = planLaunch(entry, ctx, facts.loginShell, probeTimeout(entry.launch.timeoutMs, options.timeoutMs))
  const deadline = probeDeadline(plan.timeoutMs)
  const terminal = planTerminal(plan, facts.loginShell, { entryEnv: entry.env, entryCwd: entry.cwd, project: entry.project, home: ctx.home, platform: ctx.platform })
  // The preflight facts (file, versions, docker daemon) are gathered while the server starts.
  const [preflight, both] = await Promise.all([
    preflightStdio(plan.command, plan.cwd, plan.pathDirs, ctx, {
      plan,
      loginShell: facts.loginShell,
      knownDirs: facts.knownDirs,
      versions: facts.versions
    }),
    probeBothWays({ ...plan, deadline }, terminal && { ...terminal, deadline: deadline - Math.min(plan.timeoutMs, 5_000) }, ctx.platform)
  ])
  const evidence = redactEvidence(both.client, entrySecrets(entry))
  const direct = [...runtimeFindings(entry, preflight, evidence), ...stdioFindings(entry, preflight, evidence)]
  const all = mergeFindings(findings, terminalFindings(entry, evidence, both.terminal, direct))
  const probe = { ...probeFromEvidence(evidence, plan.cwd), ...stdioProbeExtras(evidence, both.terminal, entry.launch.timeoutMs) }
  return { ...toServerReport(entry, all, probe), resolution: resolutionFacts(preflight) }
}
