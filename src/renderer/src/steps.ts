import { STEP_TITLES, type Finding, type FindingCode, type Step } from '../../shared/findings'
import { CLIENT_NAMES, type ConfigReport, type Probe, type ServerReport } from '../../shared/report'

/**
 * The guided troubleshooter's step logic, without React: for one server, each of the seven steps
 * with its state, what was checked and the findings that belong to it. Pure functions over the
 * report, so every rule here is unit-tested on its own.
 */

/** pass, warning, fail, not applicable, or not known (not checked yet, or blocked by an earlier step) */
export type StepState = 'pass' | 'warning' | 'fail' | 'na' | 'unknown'

export interface Check {
  label: string
  state: StepState
  /** what was found, in a few words */
  detail?: string
  /** shown for information; does not make the step pass or fail (the live state in step 1) */
  info?: boolean
}

export interface StepView {
  step: Step
  title: string
  /** a short name for the stepper */
  short: string
  state: StepState
  /** one line saying how the step came out */
  summary: string
  checks: Check[]
  /** the findings of this step, the server's and those of its config file, most severe first */
  findings: Finding[]
}

/** What besides the server a step looks at: the config files read and findings of no single server. */
export interface StepContext {
  configs?: readonly ConfigReport[]
  globalFindings?: readonly Finding[]
  /** the user changed this server's entry in this session: the client must pick the change up */
  edited?: boolean
}

export const STEPS: readonly Step[] = [1, 2, 3, 4, 5, 6, 7]

export const STEP_SHORT: Record<Step, string> = {
  1: 'Where',
  2: 'Entry',
  3: 'Runtime',
  4: 'Run',
  5: 'Env vars',
  6: 'Logs',
  7: 'Restart'
}

export const STATE_LABELS: Record<StepState, string> = {
  pass: 'Passed',
  warning: 'Warning',
  fail: 'Failed',
  na: 'Not applicable',
  unknown: 'Not checked'
}

/** A check that is decided by finding codes: failing when one of them is reported. */
interface CheckRule {
  label: (s: ServerReport) => string
  codes: readonly FindingCode[]
  /** whether the check applies to this server at all */
  applies?: (s: ServerReport) => boolean
  info?: boolean
  /** the state when none of the codes is reported: pass when the evidence shows it, unknown when the evidence is missing */
  clean: (s: ServerReport) => { state: StepState; detail?: string }
}

const isStdio = (s: ServerReport): boolean => s.transport === 'stdio'
const isRemote = (s: ServerReport): boolean => s.transport !== 'stdio'
const isAbsolute = (command: string | undefined): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(command ?? '')
const probed = (s: ServerReport): Probe | undefined => (s.probe && s.probe.outcome !== 'not-probed' ? s.probe : undefined)
const connected = (s: ServerReport): boolean => probed(s)?.outcome === 'ok'
/** passes once the server connected (so the thing checked cannot have been wrong), else not known */
const passIfConnected =
  (detail?: (s: ServerReport) => string) =>
  (s: ServerReport): { state: StepState; detail?: string } =>
    connected(s) ? { state: 'pass', detail: detail?.(s) } : { state: 'unknown', detail: probed(s) ? notReached(s) : 'not started' }

/** Why a check could not pass: the probe failed, and the step with the cause. */
function notReached(s: ServerReport): string {
  const cause = s.findings.find((f) => f.severity === 'error')
  const ended = s.probe?.outcome === 'exited' && typeof s.probe.exitCode === 'number' ? `it exited with code ${s.probe.exitCode}` : 'not reached'
  return cause ? `${ended}: the cause is in step ${cause.step}` : `${ended}: an earlier check failed`
}
const always = (detail?: (s: ServerReport) => string | undefined) => (s: ServerReport) => ({ state: 'pass' as const, detail: detail?.(s) })
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

const RULES: Record<Step, CheckRule[]> = {
  1: [
    {
      label: (s) => `${CLIENT_NAMES[s.client]} uses this definition`,
      codes: ['server-disabled', 'server-shadowed', 'project-server-unapproved', 'client-ignores-entry', 'client-untrusted-folder'],
      clean: (s) => (!s.effective || s.effective.state === 'active' ? { state: 'pass', detail: s.effective?.reason } : { state: 'warning', detail: s.effective.reason })
    },
    {
      label: () => 'The server connects',
      codes: [],
      info: true,
      clean: (s) => {
        const p = probed(s)
        if (!p) return { state: 'unknown', detail: 'not started' }
        return p.outcome === 'ok' ? { state: 'pass', detail: `connected, ${plural(p.tools ?? 0, 'tool')}` } : { state: 'fail', detail: s.findings[0]?.title ?? p.outcome }
      }
    }
  ],
  2: [
    { label: () => 'The config file parses', codes: ['config-invalid-json', 'config-unreadable'], clean: always() },
    { label: (s) => `The entry follows ${CLIENT_NAMES[s.client]}'s format`, codes: ['config-wrong-key', 'config-invalid-entry', 'config-unread-file'], clean: always() },
    { label: () => 'Command and arguments are separate', codes: ['command-contains-args', 'windows-cmd-wrapper-needed'], applies: isStdio, clean: always() },
    { label: () => 'Files and folders it names exist', codes: ['file-not-found', 'cwd-not-found', 'relative-path'], applies: isStdio, clean: always() },
    { label: () => 'The URL is valid', codes: ['invalid-url'], applies: isRemote, clean: always((s) => s.url) },
    { label: () => 'The transport type matches the server', codes: ['transport-mismatch'], applies: isRemote, clean: passIfConnected() }
  ],
  3: [
    {
      label: (s) => (isAbsolute(s.command) ? `\`${s.command}\` exists` : `\`${s.command ?? ''}\` is on the PATH ${CLIENT_NAMES[s.client]} gives servers`),
      codes: ['command-not-found', 'runtime-not-installed', 'command-only-in-login-shell'],
      applies: isStdio,
      clean: (s) =>
        s.resolution?.client ? { state: 'pass', detail: s.resolution.client === s.command ? undefined : s.resolution.client } : connected(s) ? { state: 'pass' } : { state: 'unknown' }
    },
    {
      label: () => 'The runtime is new enough',
      codes: ['runtime-too-old'],
      applies: isStdio,
      clean: (s) => (s.resolution?.runtime ? { state: 'pass', detail: `${s.resolution.runtime.name} ${s.resolution.runtime.version ?? ''}`.trim() } : passIfConnected()(s))
    },
    { label: () => 'The Docker daemon answers', codes: ['docker-daemon-down'], applies: (s) => isStdio(s) && /(^|[\\/])docker(\.exe)?$/.test(s.command ?? ''), clean: passIfConnected() }
  ],
  4: [
    { label: () => 'The process starts', codes: ['not-executable'], applies: isStdio, clean: (s) => (probed(s) ? (probed(s)!.outcome === 'spawn-error' ? { state: 'unknown', detail: 'did not start: see step 3' } : { state: 'pass' }) : { state: 'unknown', detail: 'not started' }) },
    {
      label: () => 'It answers the MCP handshake',
      codes: ['process-exited', 'handshake-timeout', 'handshake-failed', 'protocol-version-mismatch', 'module-not-found', 'package-not-found'],
      clean: passIfConnected((s) => (s.probe?.protocolVersion ? `protocol ${s.probe.protocolVersion}` : ''))
    },
    { label: () => 'Its stdout carries only JSON-RPC', codes: ['stdout-pollution'], applies: isStdio, clean: passIfConnected() },
    { label: () => 'It lists its tools', codes: ['crash-after-start'], clean: passIfConnected((s) => plural(s.probe?.tools ?? 0, 'tool')) },
    { label: (s) => `It starts within ${CLIENT_NAMES[s.client]}'s time limit`, codes: ['slow-startup'], clean: passIfConnected() }
  ],
  5: [
    {
      label: () => 'Variables the server needs are passed to it',
      codes: ['env-missing'],
      clean: (s) =>
        connected(s) ? { state: 'pass' } : { state: 'unknown', detail: probed(s) ? 'the server stopped before it said; what it printed is in step 6' : 'known once the server starts' }
    },
    { label: () => 'No value is a placeholder or empty', codes: ['env-placeholder'], clean: always() },
    { label: () => '`${VAR}` references expand', codes: ['env-unexpanded'], clean: always() }
  ],
  6: [
    { label: () => 'The URL\u2019s host resolves', codes: ['dns-failure'], applies: isRemote, clean: passIfConnected() },
    { label: () => 'Something accepts connections there', codes: ['connection-refused'], applies: isRemote, clean: passIfConnected() },
    { label: () => 'The TLS certificate is trusted', codes: ['tls-error'], applies: (s) => isRemote(s) && (s.url ?? '').startsWith('https:'), clean: passIfConnected() },
    { label: () => 'The server accepts the credentials', codes: ['auth-required'], applies: isRemote, clean: passIfConnected() },
    { label: () => 'HTTP answers without errors', codes: ['http-error'], applies: isRemote, clean: passIfConnected() },
    // the report does not say whether the client's logs could be read: without a finding, the lines below are the evidence
    {
      label: (s) => `${CLIENT_NAMES[s.client]}'s own logs show no recent errors for it`,
      codes: ['client-log-errors'],
      info: true,
      clean: () => ({ state: 'unknown', detail: 'no error found in them; read them below' })
    }
  ],
  7: []
}

const SEVERITY_STATE = { error: 'fail', warning: 'warning', info: 'pass' } as const
const RANK: Record<StepState, number> = { fail: 0, warning: 1, unknown: 2, pass: 3, na: 4 }

/** The worse of two states (fail before warning before unknown before pass before not applicable). */
export function worse(a: StepState, b: StepState): StepState {
  return RANK[a] <= RANK[b] ? a : b
}

/** The findings of one step: the server's own, plus its config file's and global ones of that step. */
export function stepFindings(server: ServerReport, step: Step, ctx: StepContext = {}): Finding[] {
  const own = server.findings.filter((f) => f.step === step)
  const fileLevel = (ctx.globalFindings ?? []).filter(
    (f) => f.step === step && (f.evidence?.path === server.configPath || f.evidence?.configPath === server.configPath || (step === 3 && f.code === 'login-shell-failed'))
  )
  return [...own, ...fileLevel.filter((f) => !own.some((o) => o.code === f.code))]
}

/** Builds the seven steps of one server. */
export function buildSteps(server: ServerReport, ctx: StepContext = {}): StepView[] {
  return STEPS.map((step) => buildStep(server, step, ctx))
}

function buildStep(server: ServerReport, step: Step, ctx: StepContext): StepView {
  const findings = stepFindings(server, step, ctx)
  const config = ctx.configs?.find((c) => c.path === server.configPath)
  const checks: Check[] = []
  for (const rule of RULES[step]) {
    if (rule.applies && !rule.applies(server)) continue
    const hits = findings.filter((f) => (rule.codes as readonly string[]).includes(f.code))
    if (hits.length > 0) {
      const worst = hits.reduce<StepState>((acc, f) => worse(acc, SEVERITY_STATE[f.severity]), 'pass')
      checks.push({ label: rule.label(server), state: worst, detail: hits[0]!.title })
    } else {
      checks.push({ label: rule.label(server), ...rule.clean(server), ...(rule.info ? { info: true } : {}) })
    }
  }
  if (step === 2 && config?.error) checks[0] = { label: checks[0]!.label, state: 'fail', detail: `line ${config.error.line}, column ${config.error.column}: ${config.error.message}` }
  if (step === 7) checks.push(restartCheck(server, ctx))
  const na = step === 3 && isRemote(server)
  let state: StepState = na ? 'na' : checks.reduce<StepState>((acc, c) => (c.info ? acc : worse(acc, c.state)), 'na')
  for (const f of findings) state = worse(state, SEVERITY_STATE[f.severity])
  if (state === 'na' && !na) state = 'pass'
  return { step, title: STEP_TITLES[step], short: STEP_SHORT[step], state, summary: summarize(server, step, state, findings, checks), checks, findings }
}

function restartCheck(server: ServerReport, ctx: StepContext): Check {
  const client = CLIENT_NAMES[server.client]
  if (ctx.edited) return { label: `${client} has picked up the change`, state: 'warning', detail: `restart or reconnect ${client}: it reads its config only then` }
  if (server.status === 'error') return { label: `${client} runs the fixed entry`, state: 'unknown', detail: 'fix the failing steps first, then make the client pick up the change' }
  return { label: `${client} runs this entry as it is`, state: 'pass', detail: 'nothing was changed here' }
}

function summarize(server: ServerReport, step: Step, state: StepState, findings: Finding[], checks: Check[]): string {
  if (state === 'na') return step === 3 ? 'A remote server needs no local runtime.' : 'Nothing to check here.'
  const worst = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warning')
  if (worst) return worst.title
  const counted = checks.filter((c) => !c.info)
  const failed = counted.find((c) => c.state === 'fail' || c.state === 'warning')
  if (failed) return capitalize(failed.detail ?? failed.label)
  if (state === 'unknown') {
    const open = counted.find((c) => c.state === 'unknown')
    if (!server.probe) return 'Not checked yet: this server was not started.'
    return open?.detail ? `Not known yet: ${open.label.charAt(0).toLowerCase()}${open.label.slice(1)} (${open.detail}).` : 'Not reached: fix the steps before this one first.'
  }
  const passed = counted.filter((c) => c.state === 'pass').length
  return passed > 0 ? `${plural(passed, 'check')} passed.` : 'Nothing wrong found.'
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The first step that fails, else the first with a warning, else undefined. */
export function firstProblemStep(steps: readonly StepView[]): Step | undefined {
  return (steps.find((s) => s.state === 'fail') ?? steps.find((s) => s.state === 'warning'))?.step
}

/** The step a server's page opens at: its first problem, else step 1. */
export function openingStep(steps: readonly StepView[]): Step {
  return firstProblemStep(steps) ?? 1
}

/** The neighbouring step, or undefined at either end. */
export function neighbour(step: Step, delta: -1 | 1): Step | undefined {
  const next = step + delta
  return next >= 1 && next <= 7 ? (next as Step) : undefined
}
