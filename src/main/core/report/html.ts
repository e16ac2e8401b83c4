import type { Report } from '../../../shared/report'
import { isAllowedLink } from '../../../shared/runtimes'
import type { Block, Inline } from './document'
import { reportOutline } from './outline'

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * Light by default, dark when the reader's system is, and on paper: black on white, every
 * collapsed block printed open, no link targets spelled out twice.
 */
const CSS = `:root{--text:#1f2328;--muted:#656d76;--bg:#fff;--code:#f6f8fa;--line:#d0d7de;--ok:#1a7f37;--warning:#9a6700;--error:#cf222e;--skipped:#656d76;--info:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--text:#e6edf3;--muted:#9198a1;--bg:#0d1117;--code:#161b22;--line:#30363d;--ok:#3fb950;--warning:#d29922;--error:#f85149;--skipped:#9198a1;--info:#4493f8}}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:var(--text);background:var(--bg)}
h2{border-bottom:1px solid var(--line);padding-bottom:.3rem}h3{margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
table{border-collapse:collapse;width:100%;margin:.75rem 0}td,th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
pre{background:var(--code);padding:8px 10px;overflow:auto;border-radius:6px;white-space:pre-wrap;word-break:break-word}
code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:90%;background:var(--code);padding:1px 4px;border-radius:4px;word-break:break-word}pre code{background:none;padding:0}
details{margin:.5rem 0;border:1px solid var(--line);border-radius:6px;padding:.25rem .75rem}summary{cursor:pointer;font-weight:600}
a{color:var(--info)}.meta{color:var(--muted);font-size:90%}
.ok{color:var(--ok)}.warning{color:var(--warning)}.error{color:var(--error)}.skipped{color:var(--skipped)}.info{color:var(--info)}
.tone::before{content:"● "}
@media print{:root{--text:#000;--muted:#444;--bg:#fff;--code:#f3f3f3;--line:#bbb}body{margin:0;max-width:none;font-size:11pt}
details{border:none;padding:0}details::details-content{content-visibility:visible;display:block}summary{list-style:none}
pre{white-space:pre-wrap}h3{break-after:avoid}table,pre{break-inside:avoid-page}}`

function inline(spans: Inline): string {
  return spans
    .map((s) => {
      if (typeof s === 'string') return esc(s)
      if ('code' in s) return `<code>${esc(s.code)}</code>`
      if ('strong' in s) return `<strong>${esc(s.strong)}</strong>`
      if ('tone' in s) return `<span class="tone ${s.tone}">${esc(s.word)}</span>`
      // Only official pages become links; anything else is shown as text.
      return isAllowedLink(s.link) ? `<a href="${esc(s.link)}" rel="noopener noreferrer">${esc(s.link)}</a>` : `<code>${esc(s.link)}</code>`
    })
    .join('')
}

function render(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}${b.tone ? ` class="${b.tone}"` : ''}>${inline(b.text)}</h${b.level}>`
        case 'para': {
          const cls = [b.meta ? 'meta' : '', b.tone ?? ''].filter(Boolean).join(' ')
          return `<p${cls ? ` class="${cls}"` : ''}>${inline(b.text).replace(/\n/g, '<br>')}</p>`
        }
        case 'list':
          return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`
        case 'table':
          return `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
        case 'code':
          return `<pre><code>${esc(b.text)}</code></pre>`
        case 'details':
          return `<details><summary>${esc(b.summary)}</summary>${render(b.blocks)}</details>`
      }
    })
    .join('\n')
}

/**
 * The report as one self-contained HTML page: no scripts, no external resources (a CSP meta tag
 * forbids every fetch, so even a link the reader hovers loads nothing by itself), readable in
 * light and dark mode and printed. Input is the already redacted report model.
 */
export function reportToHtml(report: Report): string {
  const body = render(reportOutline(report))
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MCP Medic report</title><style>${CSS}</style></head><body>
${body}
<p class="meta">Secrets (env and header values, tokens in args, URLs and output) were replaced before this report was written.</p>
</body></html>
`
}
