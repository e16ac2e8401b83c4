import { type Finding, type FindingCode } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { isActive } from '../clients/effective'
import { planLaunch, type LaunchPlan } from '../clients/launch'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import type { KnownDir } from '../env/known-dirs'
import type { LoginShellResult } from '../env/login-shell'
import type { VersionCache } from '../env/versions'
import { planFixes } from '../fix/planner'
import { withClientLogs } from '../logs/facts'
import { probeDeadline, probeTimeout } from '../probe/limits'
import { portFacts } from '../probe/port-holder'
import { preflightStdio } from '../probe/preflight'
import type { StdioEvidence } from '../probe/stdio'
import { planTerminal, probeBothWays } from '../probe/terminal'
import { stdioProbeExtras } from '../probe/to-report'
import { entrySecrets, probeFromEvidence, redactEvidence, scrubDeep, toServerReport } from '../report/build'
import { examineRemote } from './remote-exam'
import { resolutionFacts } from './resolution'
import { oneRootCause } from './root-cause'
import { launchAssumptionFindings } from './rules/launch-assumptions'
import { outputCause } from './rules/output-causes'
import { runtimeFindings } from './rules/runtime'
import { stdioFindings } from './rules/stdio'
import { terminalCause, withTerminalComparison } from './rules/terminal'

/** Facts read once per run and shared by every server's examination. */
export interface RunFacts {
  loginShell?: LoginShellResult
  /** addition: the known install folders that exist, and versions asked once per run */
  knownDirs?: KnownDir[]
  versions?: VersionCache
  /** addition: every server discovered in this run, for what other entries of the same server set */
  peers?: readonly ServerEntry[]
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
 * launch plan, the preflight facts and the probe, each read by its rules; then the fix actions
 * the engine can carry out for each finding.
 */
export async function examine(ctx: EngineContext, entry: ServerEntry, facts: RunFacts, options: ExamineOptions): Promise<ServerReport> {
  // step 6: the client's own log is read while the server is examined (logs/facts.ts)
  const report = await withClientLogs(ctx, entry, facts, examineServer(ctx, entry, facts, options))
  return planFixes(report, { ctx, entry, loginShellEnv: facts.loginShell?.env, peers: facts.peers })
}

async function examineServer(ctx: EngineContext, entry: ServerEntry, facts: RunFacts, options: ExamineOptions): Promise<ServerReport> {
  const findings: Finding[] = [...entry.findings]
  const blocked = findings.some((f) => f.severity === 'error' && BLOCKING.has(f.code))
  // A definition the client does not use (shadowed, disabled, unapproved, ignored) is not started.
  const skip = blocked || options.probe === false || !isActive(entry)
  if (entry.transport !== 'stdio' && entry.url && !skip) return examineRemote(ctx, entry, findings, options, facts.loginShell)
  if (entry.transport !== 'stdio' || !entry.command || skip) {
    return toServerReport(entry, findings, undefined, true)
  }
  const plan = planLaunch(entry, ctx, facts.loginShell, probeTimeout(entry.launch.timeoutMs, options.timeoutMs))
  const ran = asRan(entry, plan)
  const deadline = probeDeadline(plan.timeoutMs)
  const terminal = planTerminal(plan, facts.loginShell, { entryEnv: ran.env, entryCwd: ran.cwd, project: entry.project, home: ctx.home, platform: ctx.platform })
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
  const secrets = [...entrySecrets(entry), ...(plan.expansion?.secrets ?? [])]
  const evidence = redactEvidence(both.client, secrets)
  const sources = { loginShell: facts.loginShell?.skipped ? undefined : facts.loginShell?.env, peers: facts.peers }
  // Who holds a port the server says is taken is a fact to gather now, while the holder still runs.
  const ports = failedEarly(evidence) ? await portFacts(both.client.stderrTail, ctx.platform) : []
  const cause =
    outputCause({
      entry: ran,
      outcome: evidence.outcome,
      stderr: evidence.stderrTail,
      error: evidence.error?.message,
      stdoutNoise: evidence.stdout.firstNoise,
      failedListing: evidence.failedListing,
      exit: evidence.exit,
      ports,
      unresolved: plan.expansion?.unresolved,
      staticFindings: findings,
      sources
    }) ?? terminalCause(ran, evidence, both.terminal)
  const direct = [...runtimeFindings(ran, preflight, evidence), ...stdioFindings(ran, preflight, evidence), ...launchAssumptionFindings(ran, preflight, plan, sources, ctx.platform)]
  const all = withTerminalComparison(oneRootCause(filledIn(findings, plan), direct, cause, evidence), evidence, both.terminal)
  const probe = { ...probeFromEvidence(evidence, plan.cwd), ...stdioProbeExtras(evidence, both.terminal, entry.launch.timeoutMs) }
  const report = { ...toServerReport(entry, all, probe), resolution: resolutionFacts(preflight) }
  return scrubDeep(report, plan.expansion?.secrets ?? [])
}

/** The entry as the client hands it to the server: its references expanded (the report keeps them as written). */
function asRan(entry: ServerEntry, plan: LaunchPlan): ServerEntry {
  if (!plan.expansion || plan.expansion.expanded.length === 0) return entry
  return { ...entry, command: plan.command, args: plan.args, env: plan.entryEnv ?? entry.env, cwd: plan.entryCwd ?? entry.cwd }
}

/**
 * The config check judges references by MCP Medic's own environment; the client's (the login
 * shell's, for an editor) may have the variable. A reference the launch filled in is not unset.
 */
function filledIn(findings: Finding[], plan: LaunchPlan): Finding[] {
  const expanded = new Set((plan.expansion?.expanded ?? []).map((r) => r.text))
  return findings.filter((f) => !(f.code === 'env-unexpanded' && typeof f.evidence?.reference === 'string' && expanded.has(f.evidence.reference)))
}

function failedEarly(evidence: StdioEvidence): boolean {
  return evidence.outcome === 'exited' || evidence.outcome === 'crash-after-start' || evidence.outcome === 'protocol-error'
}
