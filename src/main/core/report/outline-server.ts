import { STEP_TITLES, type Finding, type Step } from '../../../shared/findings'
import { effectiveLine } from '../../../shared/effective'
import { formatMs } from '../../../shared/present'
import { CLIENT_NAMES, type LogExcerptReport, type Probe, type RemoteProbe, type ServerReport, type TerminalProbe } from '../../../shared/report'
import { shellQuote } from '../diagnose/text'
import { plural, prose, type Block, type Inline } from './document'

/**
 * One server's section of a report: where it is configured, how it was started, each finding with
 * its fix, then the evidence (stderr, the remote checks layer by layer, the terminal re-run, the
 * client's own logs) in collapsible blocks.
 */

/**
 * A command line to paste into a terminal. Paths under the home folder were shown as `~/…` by the
 * export; quoting those would stop the shell from expanding `~`, so they stay bare when safe.
 */
function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (a.startsWith('~/') && shellQuote(a.slice(2)) === a.slice(2) ? a : shellQuote(a))).join(' ')
}

export const STATUS_WORD = { ok: 'ok', warning: 'warning', error: 'error', skipped: 'not checked' } as const

export function serverSection(s: ServerReport): Block[] {
  const where = s.project ? [`${s.scope}, project `, { code: s.project }] : [s.scope]
  const blocks: Block[] = [{ kind: 'heading', level: 3, tone: s.status, text: [s.name, ` — ${CLIENT_NAMES[s.client]} (`, ...where, ')'] }]
  blocks.push({ kind: 'list', items: entryFacts(s) })
  for (const f of s.findings) blocks.push(...findingBlocks(f))
  blocks.push(...probeEvidence(s))
  return blocks
}

function entryFacts(s: ServerReport): Inline[] {
  const items: Inline[] = [['Config: ', { code: s.configPath }]]
  if (s.command) items.push(['Command: ', { code: commandLine(s.command, s.args ?? []) }])
  if (s.url) items.push([`URL (${s.transport}): `, { code: s.url }])
  const pairs = (label: string, record: Record<string, string> | undefined): void => {
    const entries = Object.entries(record ?? {})
    if (entries.length > 0) items.push([`${label}: `, ...entries.flatMap(([k, v], i): Inline => [...(i > 0 ? [', '] : []), { code: `${k}=${v}` }])])
  }
  pairs('Env', s.env)
  pairs('Headers', s.headers)
  if (s.cwd) items.push(['Working folder: ', { code: s.cwd }])
  // A step-1 finding already says why an unused definition is not used.
  if (s.effective && s.effective.state !== 'active' && !s.findings.some((f) => f.step === 1)) items.push(['In use: ', ...prose(effectiveLine(s.effective))])
  if (s.resolution) {
    const r = s.resolution
    const found: Inline = r.client ? [{ code: r.client }] : ['nothing']
    const shell: Inline = r.loginShell ? ['; in the login shell ', { code: r.loginShell }] : r.loginShell === null ? ['; not in the login shell either'] : []
    items.push([{ code: r.command }, ` resolves on the client's PATH${r.pathFrom ? ` (${r.pathFrom})` : ''} to `, ...found, ...shell])
    if (r.runtime) items.push(['Runtime: ', { code: `${r.runtime.name} ${r.runtime.version ?? ''}`.trim() }, r.runtime.required ? `, needs ${r.runtime.required}` : ''])
  }
  if (s.probe && s.probe.outcome !== 'not-probed') items.push(['Probe: ', ...probeLine(s.probe)])
  if (s.probe?.terminal) items.push(['Run as your terminal would: ', ...terminalLine(s.probe.terminal)])
  return items
}

function probeLine(p: Probe): Inline {
  const facts = [`${formatMs(p.ms)}`]
  if (p.exitCode !== undefined && p.exitCode !== null) facts.push(`exit code ${p.exitCode}`)
  if (p.signal) facts.push(`signal ${p.signal}`)
  if (p.serverInfo) facts.push(`${p.serverInfo.name} ${p.serverInfo.version}`)
  if (p.protocolVersion) facts.push(`protocol ${p.protocolVersion}`)
  if (p.tools !== undefined) facts.push(plural(p.tools, 'tool'))
  if (p.timeoutMs !== undefined) facts.push(`waited up to ${formatMs(p.timeoutMs)}`)
  if (p.clientLimitMs !== undefined) facts.push(`the client allows ${formatMs(p.clientLimitMs)}`)
  return [{ code: p.outcome }, `, ${facts.join(', ')}`]
}

function terminalLine(t: TerminalProbe): Inline {
  const facts = [formatMs(t.ms)]
  if (t.exitCode !== undefined && t.exitCode !== null) facts.push(`exit code ${t.exitCode}`)
  if (t.tools !== undefined) facts.push(plural(t.tools, 'tool'))
  return [{ code: t.outcome }, `, ${facts.join(', ')}${t.outcome === 'ok' ? ' (works in the terminal: the difference below is the cause)' : ''}`]
}

/** A finding: title, step and code, the explanation, its excerpt and stderr, and the fix. */
export function findingBlocks(f: Finding): Block[] {
  const blocks: Block[] = [
    { kind: 'para', tone: f.severity, text: [{ strong: f.title }] },
    { kind: 'para', meta: true, text: [`Step ${f.step}, ${STEP_TITLES[f.step as Step]} · `, { code: f.code }] },
    { kind: 'para', text: prose(f.detail) }
  ]
  const excerpt = f.evidence?.excerpt
  if (typeof excerpt === 'string' && excerpt !== '') blocks.push({ kind: 'code', text: excerpt })
  const stderr = f.evidence?.stderrTail
  if (typeof stderr === 'string' && stderr.trim() !== '') {
    blocks.push({ kind: 'details', summary: 'stderr (last lines)', evidence: true, blocks: [{ kind: 'code', lang: 'text', text: stderr.replace(/\s+$/, ''), evidence: true }] })
  }
  if (f.fix) {
    blocks.push({ kind: 'para', text: [{ strong: 'Fix:' }, ' ', ...prose(f.fix.summary)] })
    if (f.fix.command) blocks.push({ kind: 'code', lang: 'sh', text: f.fix.command })
    if (f.fix.url) blocks.push({ kind: 'para', text: [{ link: f.fix.url }] })
    const actions = [f.fix.action, ...(f.fix.alternatives ?? [])].filter((a) => a !== undefined)
    if (actions.length > 0) blocks.push({ kind: 'para', meta: true, text: [`MCP Medic offers to do this: ${actions.map((a) => a.label).join('; ')}`] })
  }
  return blocks
}

/** What the probe recorded beyond the findings, each kind in its own collapsed block. */
function probeEvidence(s: ServerReport): Block[] {
  const p = s.probe
  const out: Block[] = []
  if (p) {
    const stderrShown = s.findings.some((f) => typeof f.evidence?.stderrTail === 'string')
    if (p.stderrTail && !stderrShown) out.push({ kind: 'details', summary: 'stderr (last lines)', evidence: true, blocks: [{ kind: 'code', lang: 'text', text: p.stderrTail.replace(/\s+$/, ''), evidence: true }] })
    const facts: Inline[] = []
    if (p.spawnError) facts.push(['Spawn error: ', { code: `${p.spawnError.code}: ${p.spawnError.message}` }])
    if (p.error) facts.push(['Client error: ', { code: p.error }])
    if (p.stdoutNoise) facts.push([`Not JSON-RPC on stdout (${plural(p.stdoutNoise.lines, 'line')}), first: `, { code: p.stdoutNoise.firstLine }])
    if (p.cwd) facts.push(['Started in: ', { code: p.cwd }])
    const t = p.timings ?? {}
    const marks = ([['spawned', t.spawnMs], ['first stdout', t.firstStdoutMs], ['initialize', t.initializeMs], ['tools/list', t.toolsListMs]] as const).filter(([, ms]) => ms !== undefined)
    if (marks.length > 0) facts.push([`Timings: ${marks.map(([w, ms]) => `${w} after ${formatMs(ms!)}`).join(', ')}`])
    for (const a of p.protocolAttempts ?? []) facts.push([`Offered protocol ${a.offered}: ${a.result}${a.answered ? ` (answered ${a.answered})` : ''}`, ...(a.error ? [' ', { code: a.error }] : [])])
    if (facts.length > 0) out.push({ kind: 'details', summary: 'Probe details', evidence: true, blocks: [{ kind: 'list', items: facts }] })
    if (p.remote) out.push(remoteBlock(p.remote))
    if (p.terminal) out.push(terminalBlock(p.terminal))
  }
  for (const log of s.logs ?? []) out.push(logBlock(log))
  return out
}

function remoteBlock(r: RemoteProbe): Block {
  const items: Inline[] = [['URL: ', { code: r.url }, `, configured as ${r.configured}${r.working ? `, works as ${r.working}` : ''}${r.status ? `, HTTP ${r.status}` : ''}`]]
  if (r.failedDuring) items.push([`Failed during: ${r.failedDuring}`])
  if (r.headersSent.length > 0) items.push(['Headers sent (values hidden): ', ...r.headersSent.flatMap((h, i): Inline => [...(i > 0 ? [', '] : []), { code: h }])])
  const net = r.net
  if (net) {
    items.push([`DNS: ${net.host}:${net.port} → `, ...(net.addresses.length > 0 ? [net.addresses.join(', ')] : ['no address']), ...(net.dnsError ? [' ', { code: net.dnsError }] : [])])
    for (const c of net.tcp) items.push([`TCP ${c.address}: ${c.ok ? 'connected' : `failed ${c.error ?? ''}`.trim()}`])
    const tls = net.tls
    if (tls) {
      const cert = [tls.subject && `subject ${tls.subject}`, tls.issuer && `issuer ${tls.issuer}`, tls.validTo && `valid to ${tls.validTo}`, tls.selfSigned ? 'self-signed' : undefined].filter(Boolean).join(', ')
      items.push([`TLS: ${tls.ok ? `ok${tls.protocol ? ` (${tls.protocol})` : ''}` : `failed${tls.code ? ` ${tls.code}` : ''}`}${cert ? `; ${cert}` : ''}`, ...(tls.error ? [' ', { code: tls.error }] : [])])
    }
  }
  const o = r.oauth
  if (o) {
    const facts = [o.challenge && `challenge ${o.challenge}`, o.resourceMetadataUrl && `resource metadata ${o.resourceMetadataUrl}`, o.authorizationServers?.length ? `authorization servers ${o.authorizationServers.join(', ')}` : undefined, o.registrationEndpoint ? 'dynamic client registration offered' : undefined]
    items.push([`OAuth: ${facts.filter(Boolean).join('; ') || 'no discovery data'}`])
  }
  const blocks: Block[] = [{ kind: 'list', items }]
  if (r.exchanges.length > 0) {
    blocks.push({
      kind: 'table',
      evidence: true,
      head: ['At', 'Request', 'Status', 'Answer'],
      rows: r.exchanges.map((x) => [
        [formatMs(x.atMs)],
        [`${x.transport} `, { code: `${x.method} ${x.url}` }, x.rpcMethod ? ` ${x.rpcMethod}` : ''],
        [x.status === undefined ? '–' : String(x.status)],
        x.error ? [{ code: x.error }] : x.bodyExcerpt ? [{ code: x.bodyExcerpt.replace(/\s+/g, ' ').slice(0, 300) }] : [x.contentType ?? '']
      ])
    })
  }
  return { kind: 'details', summary: 'Remote checks: DNS, TCP, TLS, HTTP', evidence: true, blocks }
}

function terminalBlock(t: TerminalProbe): Block {
  const names = (label: string, list: readonly string[], code = true): Inline[] =>
    list.length === 0 ? [] : [[`${label}: `, ...list.flatMap((n, i): Inline => [...(i > 0 ? [', '] : []), code ? { code: n } : n])]]
  const items: Inline[] = [['Outcome: ', ...terminalLine(t)]]
  if (t.cwdClient !== t.cwdTerminal) items.push(['Working folder: client ', { code: t.cwdClient }, ', terminal ', { code: t.cwdTerminal }])
  if (t.resolvedClient !== t.resolvedTerminal) {
    items.push(['Command resolves to: client ', t.resolvedClient ? { code: t.resolvedClient } : 'nothing', ', terminal ', t.resolvedTerminal ? { code: t.resolvedTerminal } : 'nothing'])
  }
  items.push(...names('PATH folders only in the terminal', t.pathOnlyInTerminal), ...names('PATH folders only in the client', t.pathOnlyInClient))
  items.push(...names('Variables only in the terminal', t.envOnlyInTerminal), ...names('Variables only in the client', t.envOnlyInClient), ...names('Variables with other values', t.envDiffering))
  return { kind: 'details', summary: 'Run again as your terminal would (differences)', evidence: true, blocks: [{ kind: 'list', items }] }
}

function logBlock(log: LogExcerptReport): Block {
  const text = log.lines.map((l) => `${String(l.n).padStart(5)}  ${l.text}`).join('\n')
  const about = [log.kind && `${log.kind} log`, log.modifiedAt && `changed ${log.modifiedAt}`, log.truncated ? 'earlier lines not shown' : undefined].filter(Boolean).join(', ')
  return {
    kind: 'details',
    summary: `${CLIENT_NAMES[log.client]} log: ${log.path}`,
    evidence: true,
    blocks: [...(about ? [{ kind: 'para' as const, meta: true, text: [about] }] : []), { kind: 'code', lang: 'text', text, evidence: true }]
  }
}
