import { STEP_TITLES, type Finding, type Step } from '../../../shared/findings'
import { serverResult } from '../../../shared/present'
import { CLIENT_NAMES, type Report } from '../../../shared/report'
import { isAllowedLink } from '../../../shared/runtimes'
import { quoteCommandLine } from '../diagnose/text'

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const CSS = `body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:8px;overflow:auto;border-radius:6px}code{font-family:ui-monospace,monospace}
.ok{color:#1a7f37}.warning{color:#9a6700}.error{color:#cf222e}.skipped{color:#656d76}.meta{color:#656d76}`

/** The report as one self-contained HTML page (no scripts, no external resources). */
export function reportToHtml(report: Report): string {
  const s = report.summary
  const rows = report.servers
    .map(
      (x) =>
        `<tr><td class="${x.status}">${x.status}</td><td>${esc(x.name)}</td><td>${CLIENT_NAMES[x.client]}</td><td>${x.scope}</td><td>${esc(serverResult(x))}</td></tr>`
    )
    .join('')
  const sections = report.servers
    .filter((x) => x.findings.length > 0)
    .map((x) => {
      const cmd = x.command ? `<p>Command: <code>${esc(quoteCommandLine(x.command, x.args ?? []))}</code></p>` : ''
      return `<section><h3 class="${x.status}">${esc(x.name)} — ${CLIENT_NAMES[x.client]} (${x.scope})</h3><p class="meta">${esc(x.configPath)}</p>${cmd}${x.findings.map(findingHtml).join('')}</section>`
    })
    .join('')
  const global = report.findings.length > 0 ? `<h2>Configuration problems</h2>${report.findings.map(findingHtml).join('')}` : ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>MCP Medic report</title><style>${CSS}</style></head><body>
<h1>MCP Medic report</h1><p><strong>${s.servers} servers: ${s.ok} ok · ${s.warning} warnings · ${s.error} errors</strong><br><span class="meta">MCP Medic ${esc(report.tool.version)} · ${esc(report.system.platform)} ${esc(report.system.arch)} · ${esc(report.generatedAt)}</span></p>
<table><thead><tr><th>Status</th><th>Server</th><th>Client</th><th>Scope</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>
${global}${sections}<p class="meta">Secrets were replaced before this report was written.</p></body></html>
`
}

function findingHtml(f: Finding): string {
  const stderr = typeof f.evidence?.stderrTail === 'string' ? `<details><summary>stderr</summary><pre>${esc(f.evidence.stderrTail)}</pre></details>` : ''
  const excerpt = typeof f.evidence?.excerpt === 'string' ? `<pre>${esc(f.evidence.excerpt)}</pre>` : ''
  const link = f.fix?.url && isAllowedLink(f.fix.url) ? `<p><a href="${esc(f.fix.url)}" rel="noopener noreferrer">${esc(f.fix.url)}</a></p>` : ''
  const fix = f.fix ? `<p><strong>Fix:</strong> ${esc(f.fix.summary)}</p>${f.fix.command ? `<pre>${esc(f.fix.command)}</pre>` : ''}${link}` : ''
  return `<div><p class="${f.severity}"><strong>${esc(f.title)}</strong><br><span class="meta">Step ${f.step}, ${STEP_TITLES[f.step as Step]} · ${f.code}</span></p><p>${esc(f.detail).replace(/\n/g, '<br>')}</p>${excerpt}${stderr}${fix}</div>`
}
