import os from 'node:os'
import { STEP_TITLES, type Finding, type Severity, type Step } from '../shared/findings'
import { CLIENT_NAMES, type Report, type ServerReport, type ServerStatus } from '../shared/report'
import { serverResult, tildify } from '../shared/present'
import { reloadInstructions } from '../shared/reload'
import { neutralize, neutralizeDeep } from '../shared/safe-text'

export interface Style {
  color: boolean
  /** terminal width, when known */
  columns?: number
  /** the outage line (the vendors' status pages), when they answered in time */
  outage?: string
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, gray: 90, bold: 1, dim: 2 } as const
type Tone = keyof typeof CODES

function paint(style: Style, tone: Tone, text: string): string {
  return style.color ? `\u001b[${CODES[tone]}m${text}\u001b[0m` : text
}

const STATUS: Record<ServerStatus, { mark: string; tone: Tone }> = {
  ok: { mark: '✔ ok', tone: 'green' },
  warning: { mark: '! warning', tone: 'yellow' },
  error: { mark: '✖ error', tone: 'red' },
  skipped: { mark: '– skipped', tone: 'gray' }
}

const SEVERITY: Record<Severity, { mark: string; tone: Tone }> = {
  error: { mark: '✖', tone: 'red' },
  warning: { mark: '!', tone: 'yellow' },
  info: { mark: 'i', tone: 'blue' }
}

/**
 * The human-readable output of `mcp-medic diagnose`. Every text in the report is neutralized
 * first (escape sequences a server or a file slipped in are shown, not obeyed), so the only
 * escapes that reach the terminal are this function's own colours.
 */
export function formatHuman(unsafe: Report, style: Style, home = os.homedir()): string {
  const report = neutralizeDeep(unsafe)
  const lines: string[] = []
  const seconds = ((report.durationMs ?? 0) / 1000).toFixed(1)
  const n = report.servers.length
  lines.push(
    `${paint(style, 'bold', `MCP Medic ${report.tool.version}`)} ${paint(style, 'gray', `· ${n} server${n === 1 ? '' : 's'} checked in ${seconds} s`)}`,
    ...(style.outage ? [paint(style, 'gray', neutralize(style.outage))] : []),
    ''
  )

  if (n > 0) lines.push(...serverTable(report.servers, style), '')

  const configLines = report.configs.filter((c) => c.exists)
  if (configLines.length > 0) {
    lines.push(paint(style, 'bold', 'Config files'))
    for (const c of configLines) {
      const where = tildify(c.path, home)
      if (c.error) lines.push(`  ${paint(style, 'red', '✖')} ${where} ${paint(style, 'red', `— ${c.error.message}`)}`)
      else lines.push(`  ${paint(style, 'green', '✔')} ${where} ${paint(style, 'gray', `(${CLIENT_NAMES[c.client]}, ${c.scope}, ${c.servers ?? 0} server${c.servers === 1 ? '' : 's'})`)}`)
    }
    lines.push('')
  }

  const problems = report.servers.filter((s) => s.findings.length > 0)
  if (problems.length > 0 || report.findings.length > 0) {
    lines.push(paint(style, 'bold', 'What is wrong'))
    for (const f of report.findings) lines.push(...findingBlock(f, undefined, style))
    for (const s of problems) {
      const scope = s.project ? `${s.scope}, ${tildify(s.project, home)}` : s.scope
      for (const f of s.findings) lines.push(...findingBlock(f, `${s.name} · ${CLIENT_NAMES[s.client]} (${scope})`, style))
    }
    // step 7: after a fix, each client with a problem has its own way to pick the change up
    const clients = [...new Set(problems.filter((s) => s.status === 'error' || s.status === 'warning').map((s) => s.client))]
    if (clients.length > 0) {
      lines.push(paint(style, 'bold', 'After a fix'))
      for (const c of clients) lines.push(`  ${CLIENT_NAMES[c]}: ${reloadInstructions(c, report.system.platform).summary}`)
      lines.push('')
    }
  }

  const { ok, warning, error } = report.summary
  const errorsOutside = report.findings.filter((f) => f.severity === 'error').length
  lines.push(
    [
      paint(style, ok > 0 ? 'green' : 'gray', `${ok} ok`),
      paint(style, warning > 0 ? 'yellow' : 'gray', `${warning} warning${warning === 1 ? '' : 's'}`),
      paint(style, error > 0 ? 'red' : 'gray', `${error} error${error === 1 ? '' : 's'}`),
      ...(errorsOutside > 0 ? [paint(style, 'red', `${errorsOutside} config problem${errorsOutside === 1 ? '' : 's'}`)] : [])
    ].join(paint(style, 'gray', ' · '))
  )
  return `${lines.join('\n')}\n`
}

function serverTable(servers: readonly ServerReport[], style: Style): string[] {
  const rows = servers.map((s) => [STATUS[s.status].mark, s.name, CLIENT_NAMES[s.client], s.scope, serverResult(s)])
  const header = ['STATUS', 'SERVER', 'CLIENT', 'SCOPE', 'RESULT']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)))
  const pad = (text: string, i: number): string => text + ' '.repeat(Math.max(0, widths[i]! - [...text].length))
  const fit = (line: string): string =>
    style.columns && [...line].length > style.columns ? `${[...line].slice(0, style.columns - 1).join('')}…` : line
  const out = [paint(style, 'gray', fit(`  ${header.map(pad).join('  ')}`.trimEnd()))]
  servers.forEach((s, r) => {
    const cells = rows[r]!.map(pad)
    const text = fit(`  ${cells.join('  ')}`.trimEnd())
    const statusWidth = cells[0]!.length + 2
    out.push(paint(style, STATUS[s.status].tone, text.slice(0, statusWidth)) + text.slice(statusWidth))
  })
  return out
}

function findingBlock(f: Finding, subject: string | undefined, style: Style): string[] {
  const { mark, tone } = SEVERITY[f.severity]
  const out = [`  ${paint(style, tone, mark)} ${paint(style, 'bold', f.title)}`]
  const meta = [subject, `step ${f.step}: ${STEP_TITLES[f.step as Step]}`, f.code].filter(Boolean).join(' · ')
  out.push(`    ${paint(style, 'gray', meta)}`)
  for (const line of f.detail.split('\n')) out.push(line.trim() === '' ? '' : `    ${line}`)
  const excerpt = typeof f.evidence?.excerpt === 'string' ? f.evidence.excerpt : undefined
  if (excerpt) for (const line of excerpt.split('\n')) out.push(`    ${paint(style, 'gray', '│')} ${line}`)
  const stderr = typeof f.evidence?.stderrTail === 'string' ? f.evidence.stderrTail : ''
  if (stderr) {
    out.push(`    ${paint(style, 'gray', 'stderr:')}`)
    for (const line of stderr.split('\n').slice(-12)) out.push(`    ${paint(style, 'gray', '│')} ${line}`)
  }
  if (f.fix) {
    out.push(`    ${paint(style, 'green', '→')} ${f.fix.summary}`)
    if (f.fix.command) out.push(`      ${paint(style, 'gray', '$')} ${f.fix.command}`)
    if (f.fix.url) out.push(`      ${paint(style, 'blue', f.fix.url)}`)
  }
  out.push('')
  return out
}
