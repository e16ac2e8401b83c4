import { STEP_TITLES, type Finding, type Step } from '../../../shared/findings'
import { serverResult, shortenHome, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type Report, type ServerReport, type ServerStatus } from '../../../shared/report'
import { quoteCommandLine } from '../diagnose/text'

const STATUS_MARK: Record<ServerStatus, string> = { ok: '✅ ok', warning: '⚠️ warning', error: '❌ error', skipped: '⏭️ skipped' }
const SEVERITY_MARK = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const

/** A fenced code block whose fence is longer than any backtick run inside. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const f = '`'.repeat(longest + 1)
  return `${f}${lang}\n${text}\n${f}`
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`'
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${text}${ticks.length > 1 ? ' ' : ''}${ticks}`
}

/**
 * Text from the engine as Markdown: backticked spans stay code, everything else has the
 * characters GitHub would read as HTML or emphasis escaped (a `<module>` in a message must show).
 */
function prose(text: string): string {
  return text
    .split(/(`[^`\n]+`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\<>*_[\]]/g, (c) => `\\${c}`)))
    .join('')
}

function cell(text: string): string {
  return prose(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/**
 * The report as Markdown, written to read well pasted into a GitHub issue: a summary table, one
 * section per server with a problem, then configs, runtimes and the system in collapsed blocks.
 * Input is the (already redacted) report model; `home` is shortened to `~`.
 */
export function reportToMarkdown(report: Report, home?: string): string {
  const p = (file: string): string => tildify(file, home)
  const { servers, ok, warning, error } = report.summary
  const out: string[] = []
  out.push('## MCP Medic report', '')
  out.push(
    `**${servers} server${servers === 1 ? '' : 's'}: ${ok} ok · ${warning} warning${warning === 1 ? '' : 's'} · ${error} error${error === 1 ? '' : 's'}**  `,
    `MCP Medic ${report.tool.version} · ${report.system.platform} ${report.system.arch} ${report.system.release} · ${report.generatedAt}`,
    ''
  )
  if (report.servers.length > 0) {
    out.push('| Status | Server | Client | Scope | Result |', '|---|---|---|---|---|')
    for (const s of report.servers) {
      out.push(`| ${STATUS_MARK[s.status]} | ${cell(s.name)} | ${CLIENT_NAMES[s.client]} | ${s.scope} | ${cell(serverResult(s))} |`)
    }
    out.push('')
  }
  if (report.findings.length > 0) {
    out.push('### Configuration problems', '')
    for (const f of report.findings) out.push(...findingMarkdown(f))
  }
  for (const s of report.servers.filter((x) => x.findings.length > 0)) out.push(...serverMarkdown(s, p))

  const existing = report.configs.filter((c) => c.exists)
  if (existing.length > 0) {
    out.push('<details><summary>Config files read</summary>', '')
    out.push('| File | Client | Scope | State |', '|---|---|---|---|')
    for (const c of existing) {
      const state = c.error ? `❌ ${c.error.message}` : `${c.servers ?? 0} server${c.servers === 1 ? '' : 's'}`
      out.push(`| ${code(p(c.path))} | ${CLIENT_NAMES[c.client]} | ${c.scope} | ${cell(state)} |`)
    }
    out.push('', '</details>', '')
  }
  if (report.runtimes.length > 0) {
    out.push('<details><summary>Runtimes</summary>', '')
    out.push('| Runtime | Found | Where | Path | Version |', '|---|---|---|---|---|')
    for (const r of report.runtimes) {
      out.push(`| ${r.name} | ${r.found ? 'yes' : 'no'} | ${r.where} | ${r.path ? code(p(r.path)) : ''} | ${r.version ?? ''} |`)
    }
    out.push('', '</details>', '')
  }
  out.push('<details><summary>System</summary>', '')
  out.push(`- Platform: ${report.system.platform} ${report.system.arch} ${report.system.release}`)
  const shell = report.system.loginShell
  out.push(`- Login shell: ${shell.shell || 'unknown'} (${shell.ok ? `read in ${shell.ms} ms` : `not read: ${shell.error ?? 'unknown'}`})`)
  out.push('- PATH given to MCP Medic:', '', fence(report.system.appPath.map(p).join('\n')), '')
  out.push('</details>', '')
  out.push('_Secrets (env values, headers, tokens in args and URLs) were replaced before this report was written._', '')
  const text = out.join('\n')
  // Paths inside finding texts and commands name the user too.
  return shortenHome(text, home)
}

function serverMarkdown(s: ServerReport, p: (file: string) => string): string[] {
  const out: string[] = []
  const where = s.project ? `${s.scope}, project ${code(p(s.project))}` : s.scope
  out.push(`### ${STATUS_MARK[s.status].split(' ')[0]} ${prose(s.name)} — ${CLIENT_NAMES[s.client]} (${where})`, '')
  out.push(`- Config: ${code(p(s.configPath))}`)
  if (s.command) out.push(`- Command: ${code(quoteCommandLine(s.command, s.args ?? []))}`)
  if (s.url) out.push(`- URL (${s.transport}): ${code(s.url)}`)
  const env = Object.entries(s.env ?? {})
  if (env.length > 0) out.push(`- Env: ${env.map(([k, v]) => code(`${k}=${v}`)).join(', ')}`)
  if (s.probe && s.probe.outcome !== 'not-probed') {
    const facts = [`outcome ${code(s.probe.outcome)}`, `${s.probe.ms} ms`]
    if (s.probe.exitCode !== undefined && s.probe.exitCode !== null) facts.push(`exit code ${s.probe.exitCode}`)
    if (s.probe.signal) facts.push(`signal ${s.probe.signal}`)
    if (s.probe.tools !== undefined) facts.push(`${s.probe.tools} tool${s.probe.tools === 1 ? '' : 's'}`)
    out.push(`- Probe: ${facts.join(', ')}`)
  }
  out.push('')
  for (const f of s.findings) out.push(...findingMarkdown(f))
  return out
}

function findingMarkdown(f: Finding): string[] {
  const out = [`**${SEVERITY_MARK[f.severity]} ${prose(f.title)}**  `, `Step ${f.step}, ${STEP_TITLES[f.step as Step]} · ${code(f.code)}`, '']
  out.push(prose(f.detail), '')
  const excerpt = typeof f.evidence?.excerpt === 'string' ? f.evidence.excerpt : undefined
  if (excerpt) out.push(fence(excerpt), '')
  const stderr = typeof f.evidence?.stderrTail === 'string' ? f.evidence.stderrTail : undefined
  if (stderr) out.push('<details><summary>stderr (last lines)</summary>', '', fence(stderr, 'text'), '', '</details>', '')
  if (f.fix) {
    out.push(`**Fix:** ${prose(f.fix.summary)}`, '')
    if (f.fix.command) out.push(fence(f.fix.command, 'sh'), '')
    if (f.fix.url) out.push(`<${f.fix.url}>`, '')
  }
  return out
}
