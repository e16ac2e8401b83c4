import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatHuman } from '../../src/cli/human'
import { exitCodeFor } from '../../src/cli/main'
import type { Report } from '../../src/shared/report'
import { diagnose } from '../../src/main/core/diagnose/run'
import { reportToHtml } from '../../src/main/core/report/html'
import { reportToMarkdown } from '../../src/main/core/report/markdown'
import { makeHome, nodeServer, type TempHome } from '../helpers/home'

let t: TempHome
let report: Report
beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', { mcpServers: { healthy: nodeServer('healthy.mjs'), broken: nodeServer('exit-error.mjs') } })
  await t.write('proj/.mcp.json', '{ "mcpServers": { "x": { "command": "y" }, } }')
  report = await diagnose(t.context({ cwd: `${t.home}/proj` }), {})
})
afterAll(() => t.cleanup())

describe('CLI output', () => {
  it('prints a table with every server, the config problems and the findings, without colour when asked', () => {
    const text = formatHuman(report, { color: false }, t.home)
    expect(text).not.toContain('\u001b[')
    expect(text).toMatch(/STATUS\s+SERVER\s+CLIENT\s+SCOPE\s+RESULT/)
    expect(text).toMatch(/✔ ok\s+healthy\s+Claude Code\s+user\s+2 tools/)
    expect(text).toMatch(/✖ error\s+broken\s+Claude Code\s+user\s+The server needs WEATHER_API_KEY, which is not passed to it/)
    expect(text).toContain('~/proj/.mcp.json — Property name expected at line 1, column 44')
    expect(text).toContain("KeyError: 'WEATHER_API_KEY'")
    expect(text).toContain('1 ok · 0 warnings · 1 error · 1 config problem')
  })

  it('colours only when asked', () => {
    expect(formatHuman(report, { color: true }, t.home)).toContain('\u001b[')
  })

  it('exits 1 when anything is broken, 0 otherwise', () => {
    expect(exitCodeFor(report)).toBe(1)
    const healthyOnly = { ...report, findings: [], servers: report.servers.filter((s) => s.status === 'ok') }
    expect(exitCodeFor(healthyOnly)).toBe(0)
  })

  it('writes a Markdown report that pastes well into an issue', () => {
    const md = reportToMarkdown(report, t.home)
    expect(md).toMatch(/^## MCP Medic report/)
    expect(md).toContain('| ✅ ok | healthy | Claude Code | user | 2 tools')
    expect(md).toContain('### ❌ broken — Claude Code (user)')
    expect(md).toContain('`env-missing`')
    expect(md).toContain('```text\n')
    expect(md).not.toContain(t.home)
  })

  it('escapes text GitHub would read as HTML, and keeps code spans as code', () => {
    const server = report.servers.find((s) => s.name === 'broken')!
    const tricky = { ...server, findings: [{ ...server.findings[0]!, detail: 'in <module> at `a <b>` and *stars*' }] }
    const md = reportToMarkdown({ ...report, servers: [tricky] }, t.home)
    expect(md).toContain('in \\<module\\> at `a <b>` and \\*stars\\*')
  })

  it('writes an HTML report with everything escaped', () => {
    const html = reportToHtml({ ...report, servers: [{ ...report.servers[0]!, name: '<script>x</script>' }] })
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(html).not.toContain('<script>x')
  })
})
