import { readFile, utimes } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { diagnose } from '../../../src/main/core/diagnose/run'
import { clientLogFindings, RECENT_MS } from '../../../src/main/core/diagnose/rules/client-logs'
import { latestAttempt, type ClientLogFacts } from '../../../src/main/core/logs/facts'
import { claudeSlug } from '../../../src/main/core/logs/locate'
import { parseLines, type LogFormat } from '../../../src/main/core/logs/parse'
import type { Report } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'
import { SAMPLES, shiftTimes } from './layout'

/*
 * client-log-errors: the client's own log says its latest attempt to start this server failed,
 * less than a day ago. The pure rule on facts, the attempt read from each client's real log
 * format, and a whole diagnosis on a temp home with Claude Code logs beside real servers.
 */

const entry = { name: 'weather', client: 'claude-desktop', configPath: '/c.json' } as ServerEntry
const line = (text: string, n = 7) => ({ n, text })

function facts(over: Partial<ClientLogFacts> = {}): ClientLogFacts {
  return {
    client: 'claude-desktop',
    files: ['/logs/mcp-server-weather.log'],
    checkedAt: '2025-04-02T12:00:00.000Z',
    latest: { outcome: 'failed', at: '2025-04-02T11:30:00.000Z', file: '/logs/mcp-server-weather.log', line: line('[weather] [error] Server disconnected.'), cause: { n: 5, text: "KeyError: 'WEATHER_API_KEY'", recognised: { code: 'env-missing', title: 'A variable the server needs is not set' } } },
    ...over
  }
}

describe('the client-log-errors rule', () => {
  it('warns about a recent failed attempt, quoting the cause and the failure, naming the file and how to retry', () => {
    const [f] = clientLogFindings(entry, facts())
    expect(f).toMatchObject({ code: 'client-log-errors', step: 6, severity: 'warning', title: 'Claude Desktop failed to start this server 30 minutes ago' })
    expect(f!.detail).toContain("KeyError: 'WEATHER_API_KEY'")
    expect(f!.detail).toContain('(a variable the server needs is not set)')
    expect(f!.detail).toContain('From /logs/mcp-server-weather.log, line 7.')
    expect(f!.evidence).toMatchObject({ file: '/logs/mcp-server-weather.log', line: 7, points: 'env-missing', cause: "KeyError: 'WEATHER_API_KEY'" })
    expect(f!.fix!.summary).toMatch(/Quit Claude Desktop fully and open it again/)
  })

  it('says nothing when the latest attempt connected, when there is no attempt, or when it is older than a day', () => {
    expect(clientLogFindings(entry, facts({ latest: { outcome: 'connected', at: '2025-04-02T11:59:00.000Z', file: 'x', line: line('ok') } }))).toEqual([])
    expect(clientLogFindings(entry, facts({ latest: undefined }))).toEqual([])
    const old = new Date(Date.parse('2025-04-02T12:00:00.000Z') - RECENT_MS - 1000).toISOString()
    expect(clientLogFindings(entry, facts({ latest: { ...facts().latest!, at: old } }))).toEqual([])
    const justInside = new Date(Date.parse('2025-04-02T12:00:00.000Z') - RECENT_MS + 60_000).toISOString()
    expect(clientLogFindings(entry, facts({ latest: { ...facts().latest!, at: justInside } }))).toHaveLength(1)
  })

  it('only informs when the config changed after the failure: the client has not tried the new config yet', () => {
    const [f] = clientLogFindings(entry, facts({ configChangedAt: '2025-04-02T11:45:00.000Z' }))
    expect(f).toMatchObject({ severity: 'info', title: 'Claude Desktop last failed to start this server 30 minutes ago, before the config changed' })
    expect(f!.detail).toContain('may already be fixed')
  })
})

async function attempt(sample: string, format: LogFormat, name: string, forServer: boolean) {
  const raw = (await readFile(path.join(SAMPLES, sample), 'utf8')).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '')
  const lines = parseLines(raw, 1, { format, name, forServer, secrets: [] })
  return latestAttempt(forServer ? lines : lines.filter((l) => l.aboutServer), sample)
}

describe("the latest attempt in each client's log", () => {
  it.each([
    ['claude-code/broken-failed.jsonl', 'claude-code-jsonl', 'broken', true, 'failed', 'env-missing'],
    ['claude-code/gone-not-found.jsonl', 'claude-code-jsonl', 'gone', true, 'failed', 'command-not-found'],
    ['claude-code/remote-refused.jsonl', 'claude-code-jsonl', 'remote', true, 'failed', 'connection-refused'],
    ['claude-code/healthy-connected.jsonl', 'claude-code-jsonl', 'healthy', true, 'connected', undefined],
    ['claude-code/debug-session.txt', 'claude-code-debug', 'broken', false, 'failed', 'env-missing'],
    ['claude-code/debug-session.txt', 'claude-code-debug', 'healthy', false, 'connected', undefined],
    ['claude-desktop/mcp-server-weather.log', 'claude-desktop', 'weather', true, 'failed', 'env-missing'],
    ['claude-desktop/mcp.log', 'claude-desktop', 'git', false, 'failed', 'command-not-found'],
    ['claude-desktop/mcp.log', 'claude-desktop', 'github', false, 'connected', undefined],
    ['editors/vscode-mcpServer-failed.log', 'editor', 'weather', true, 'failed', 'module-not-found'],
    ['editors/vscode-mcpServer-running.log', 'editor', 'github', true, 'connected', undefined],
    ['editors/cursor-MCP-user.log', 'editor', 'weather', true, 'failed', 'command-not-found'],
    ['editors/windsurf.log', 'editor', 'weather', false, 'failed', 'command-not-found'],
    ['editors/windsurf.log', 'editor', 'github', false, 'connected', undefined],
    ['other/codex-tui.log', 'plain', 'weather', false, 'failed', 'command-not-found']
  ] as const)('%s for %s', async (sample, format, name, forServer, outcome, cause) => {
    const found = await attempt(sample, format, name, forServer)
    expect(found?.outcome).toBe(outcome)
    if (outcome === 'failed') expect(found?.cause?.recognised?.code ?? found?.line.recognised?.code).toBe(cause ?? found?.line.recognised?.code)
  })

  it('does not blame a server for another server\'s lines that mention its name (memory, notes in mcp.log)', async () => {
    expect(await attempt('claude-desktop/mcp.log', 'claude-desktop', 'memory', false)).toBeUndefined()
    const notes = await attempt('claude-desktop/mcp.log', 'claude-desktop', 'notes', false)
    expect(notes).toBeUndefined()
  })
})

describe('client-log-errors in a diagnosis', () => {
  let t: TempHome
  let report: Report
  const byName = (name: string) => report.servers.find((s) => s.name === name)!
  beforeAll(async () => {
    t = await makeHome()
    await t.write('.claude.json', {
      mcpServers: {
        broken: nodeServer('exit-error.mjs'),
        healthy: nodeServer('healthy.mjs'),
        flaky: nodeServer('healthy.mjs'),
        stale: nodeServer('exit-error.mjs')
      },
      // a local server turned off in its project: Claude Code does not start it there
      projects: { [t.home]: { mcpServers: { off: nodeServer('exit-error.mjs') }, disabledMcpServers: ['off'] } }
    })
    const folder = (name: string) => `.cache/claude-cli-nodejs/${claudeSlug(t.home)}/mcp-logs-${name}/${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`
    const now = Date.now()
    const sample = async (name: string, ago: number) => shiftTimes(await readFile(path.join(SAMPLES, name), 'utf8'), now - ago)
    await t.write(folder('broken'), await sample('claude-code/broken-failed.jsonl', 10 * 60_000))
    await t.write(folder('healthy'), await sample('claude-code/healthy-connected.jsonl', 10 * 60_000))
    // flaky connects for MCP Medic, but Claude Code failed to start it an hour ago
    await t.write(folder('flaky'), await sample('claude-code/broken-failed.jsonl', 3600_000))
    await t.write(folder('stale'), await sample('claude-code/broken-failed.jsonl', 3 * 86400_000))
    await t.write(folder('off'), await sample('claude-code/broken-failed.jsonl', 60_000))
    // the config was written before the logs: a failure after it is about the config as it is
    const config = path.join(t.home, '.claude.json')
    await utimes(config, new Date(now - 7200_000), new Date(now - 7200_000))
    report = await diagnose(t.context(), {})
  })
  afterAll(() => t.cleanup())

  it("adds the client's failure to the probe's own finding for a broken server", () => {
    const broken = byName('broken')
    expect(broken.status).toBe('error')
    const f = broken.findings.find((x) => x.code === 'client-log-errors')!
    expect(f).toMatchObject({ severity: 'warning', evidence: { points: 'env-missing' } })
    expect(f.detail).toContain("KeyError: 'WEATHER_API_KEY'")
  })

  it('gives a healthy server whose client failed recently a warning, never an error; a healthy log adds nothing', () => {
    expect(byName('flaky')).toMatchObject({ status: 'warning' })
    expect(byName('flaky').findings.map((f) => f.code)).toEqual(['client-log-errors'])
    expect(byName('healthy')).toMatchObject({ status: 'ok', findings: [] })
  })

  it('ignores failures older than a day and definitions the client does not use', () => {
    expect(byName('stale').findings.some((f) => f.code === 'client-log-errors')).toBe(false)
    expect(byName('off').findings.some((f) => f.code === 'client-log-errors')).toBe(false)
  })

  it('still reads the log when nothing is started (--no-probe)', async () => {
    const quick = await diagnose(t.context(), { probe: false, servers: ['broken'] })
    expect(quick.servers[0]!.findings.map((f) => f.code)).toContain('client-log-errors')
    expect(quick.servers[0]!.status).toBe('warning')
  })
})
