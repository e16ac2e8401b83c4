import { marked } from 'marked'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnose } from '../../../src/main/core/diagnose/run'
import { prepareExport } from '../../../src/main/core/report/export'
import { reportToHtml } from '../../../src/main/core/report/html'
import { GITHUB_BODY_LIMIT, markdownReport } from '../../../src/main/core/report/markdown'
import type { Report, ServerReport } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'
import { startRemote, type RemoteFixture } from '../../helpers/remote'

/** The Markdown and HTML reports of a real diagnosis: structure, evidence, trimming, self-containment. */

let t: TempHome
let remote: RemoteFixture
let report: Report

beforeAll(async () => {
  t = await makeHome()
  remote = await startRemote(['--auth', 'right-token-1234'])
  await t.write('.claude.json', {
    mcpServers: {
      notes: nodeServer('healthy.mjs'),
      weather: nodeServer('exit-error.mjs', { env: { WEATHER_API_KEY: 'wk-1234567890' } }),
      locked: { type: 'http', url: `${remote.origin}/mcp`, headers: { Authorization: 'Bearer wrong-token-5678' } },
      down: { type: 'sse', url: 'http://127.0.0.1:9/sse' },
      'pipe|name': { command: 'definitely-not-installed-xyz', args: ['a|b'] }
    }
  })
  await t.write('.cursor/mcp.json', '{ "mcpServers": { "x": { "command": "y" }, } }')
  report = await prepareExport(await diagnose(t.context(), { timeoutMs: 10_000 }), { home: t.home, user: 'tester', platform: 'linux' })
})
afterAll(async () => {
  await remote?.stop()
  await t?.cleanup()
})

const allFindings = (r: Report) => [...r.findings, ...r.servers.flatMap((s) => s.findings)]

describe('the Markdown report', () => {
  it('has a summary table, a section per server with a problem, and balanced blocks', () => {
    const { text, trimmed } = markdownReport(report)
    expect(trimmed).toBe(false)
    expect(text).toMatch(/^## MCP Medic report\n/)
    for (const s of report.servers) expect(text).toContain(`| ${s.name.replace('|', '\\|')} | Claude Code |`)
    for (const s of report.servers.filter((x) => x.findings.length > 0)) expect(text).toContain(`${s.name.replace("|", "\\|")} — Claude Code (user)`)
    for (const f of allFindings(report)) expect(text).toContain(f.code)
    expect(text.match(/<details>/g)!.length).toBe(text.match(/<\/details>/g)!.length)
    expect(text.split('\n').filter((l) => /^`{3,}/.test(l)).length % 2).toBe(0)
    expect(text).toContain('### Problems outside any one server')
  })

  it('shows the remote checks and the terminal re-run that the old report left out', () => {
    const { text } = markdownReport(report)
    const locked = text.slice(text.indexOf('### ❌ locked'))
    expect(locked).toContain('<details><summary>Remote checks: DNS, TCP, TLS, HTTP</summary>')
    expect(locked).toMatch(/\| \d+ ms \| http `POST http:\/\/127\.0\.0\.1:\d+\/mcp` initialize \| 401 \|/)
    expect(locked).toContain('Headers sent (values hidden): `Authorization`')
    expect(locked).toMatch(/OAuth: challenge Bearer realm="fixture"/)
    const weather = text.slice(text.indexOf('### ❌ weather'), text.indexOf('### ❌ locked'))
    expect(weather).toContain('Run again as your terminal would (differences)')
    expect(weather).toMatch(/Run as your terminal would: `exited`/)
    expect(text).not.toContain('wrong-token-5678')
  })

  it('renders on GitHub as intended: tables keep their columns, evidence folds away', async () => {
    const html = await marked.parse(markdownReport(report).text, { gfm: true })
    const summary = html.slice(html.indexOf('<table>'), html.indexOf('</table>'))
    const rows = summary.split('<tr>').slice(2)
    expect(rows).toHaveLength(report.servers.length)
    for (const row of rows) expect(row.match(/<td/g)).toHaveLength(5)
    expect(html).toContain('<details><summary>stderr (last lines)</summary>')
    expect(html).not.toMatch(/<del>/)
  })

  it('trims evidence, never findings, to stay under the GitHub issue limit', () => {
    const noisy = report.servers.find((s) => s.name === 'weather')!
    const stderr = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(60)}`).join('\n')
    const many: ServerReport[] = Array.from({ length: 30 }, (_, i) => ({
      ...noisy,
      id: `${noisy.id}-${i}`,
      name: `weather-${i}`,
      probe: { ...noisy.probe!, stderrTail: stderr },
      findings: noisy.findings.map((f) => ({ ...f, title: `${f.title} #${i}`, evidence: { ...f.evidence, stderrTail: stderr } }))
    }))
    const big = { ...report, servers: many }
    const { text, trimmed } = markdownReport(big)
    expect(trimmed).toBe(true)
    expect(text.length).toBeLessThan(GITHUB_BODY_LIMIT)
    for (const f of allFindings(big)) expect(text).toContain(f.title.replace(/[<>*_[\]`~|\\]/g, (c) => `\\${c}`))
    expect(text).toContain('Evidence was shortened to fit a GitHub issue')
    expect(text).toMatch(/… \d+ lines left out …|lines of output left out/)
    expect(markdownReport(big, { limit: 10_000_000 }).trimmed).toBe(false)
    // Findings alone longer than the limit: every one stays, the text is simply long (the app says so).
    const huge = markdownReport({ ...big, servers: [...many, ...many.map((s) => ({ ...s, name: `${s.name}-again` }))] }, { limit: 20_000 })
    expect(huge.trimmed).toBe(true)
    expect(huge.text.length).toBeGreaterThan(20_000)
    expect(huge.text.match(/weather-\d+-again — /g)).toHaveLength(30)
  })
})

describe('client log excerpts in an export', () => {
  it('are asked for failing servers only, masked again, shown collapsed; a failing reader costs nothing', async () => {
    const asked: string[] = []
    const raw = await diagnose(t.context(), { probe: false, servers: ['weather', 'notes'] })
    const logFile = `${t.home}/.config/Claude/logs/mcp-server-weather.log`
    const withLogs = await prepareExport({ ...raw, servers: raw.servers.map((s) => ({ ...s, status: s.name === 'weather' ? 'error' : 'ok' })) }, { home: t.home, user: 'tester', platform: 'linux' }, {
      logs: async (s) => {
        asked.push(s.name)
        return [{ client: 'claude-desktop', path: logFile, kind: 'server', lines: [{ n: 41, text: `[error] auth failed: Authorization: Bearer abcdef0123456789 in ${t.home}/x`, level: 'error', code: 'auth-required' }], truncated: true }]
      }
    })
    expect(asked).toEqual(['weather'])
    const { text } = markdownReport(withLogs)
    expect(text).toContain('<details><summary>Claude Desktop log: ~/.config/Claude/logs/mcp-server-weather.log</summary>')
    expect(text).toContain('   41  [error] auth failed: Authorization: Bearer <redacted> in ~/x')
    expect(text).not.toContain('abcdef0123456789')
    const failing = await prepareExport(raw, { home: t.home, platform: 'linux' }, { logs: async () => Promise.reject(new Error('unreadable')) })
    expect(failing.servers.every((s) => s.logs === undefined)).toBe(true)
  })
})

describe('the HTML report', () => {
  it('is one self-contained page: nothing in it can fetch anything', () => {
    const html = reportToHtml(report)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|<video|<audio|<source|<form|srcset=|\ssrc=|url\(|@import/i)
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="https:\/\//)
  })

  it('reads in dark mode and on paper, and says everything the Markdown says', () => {
    const html = reportToHtml(report)
    expect(html).toContain('@media (prefers-color-scheme:dark)')
    expect(html).toContain('@media print')
    for (const f of allFindings(report)) expect(html).toContain(`<code>${f.code}</code>`)
    expect(html).toContain('<summary>Remote checks: DNS, TCP, TLS, HTTP</summary>')
    expect(html).toContain('<summary>Run again as your terminal would (differences)</summary>')
    expect(html).not.toContain(t.home)
  })
})
