import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../../src/shared/contract'
import { ReportSchema } from '../../../src/shared/report'
import { diagnose, diagnoseServer } from '../../../src/main/core/diagnose/run'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('diagnose', () => {
  it('names a healthy and a broken server, with the broken one explained', async () => {
    await t.write('.claude.json', {
      mcpServers: { healthy: nodeServer('healthy.mjs'), broken: nodeServer('exit-error.mjs') }
    })
    const report = await diagnose(t.context(), { timeoutMs: 10_000 })

    expect(ReportSchema.parse(report)).toEqual(report)
    const byName = Object.fromEntries(report.servers.map((s) => [s.name, s]))
    expect(byName.healthy).toMatchObject({ status: 'ok', findings: [], probe: { outcome: 'ok', tools: 2 } })
    expect(byName.broken!.status).toBe('error')
    expect(byName.broken!.probe).toMatchObject({ outcome: 'exited', exitCode: 3 })
    const finding = byName.broken!.findings[0]!
    // its stderr ends in KeyError: 'WEATHER_API_KEY': the cause replaces the bare process-exited
    expect(finding).toMatchObject({ code: 'env-missing', step: 5, severity: 'error', evidence: { variables: ['WEATHER_API_KEY'], exitCode: 3 } })
    expect(finding.evidence?.stderrTail).toContain("KeyError: 'WEATHER_API_KEY'")
    expect(byName.broken!.findings.map((f) => f.code)).toEqual(['env-missing'])
    expect(report.summary).toEqual({ servers: 2, ok: 1, warning: 0, error: 1 })
  })

  it('says command-not-found for a command on no PATH, handshake-timeout for a silent server', async () => {
    await t.write('.claude.json', {
      mcpServers: { missing: { command: 'no-such-mcp-server-xyz' }, silent: nodeServer('never-answers.mjs') }
    })
    const report = await diagnose(t.context(), { timeoutMs: 800 })
    const codes = Object.fromEntries(report.servers.map((s) => [s.name, s.findings.map((f) => f.code)]))
    expect(codes).toEqual({ missing: ['command-not-found'], silent: ['handshake-timeout'] })
  })

  it('tells a missing working folder apart from a missing command', async () => {
    const project = path.join(t.home, 'deleted-project')
    await t.write('.claude.json', { projects: { [project]: { mcpServers: { srv: nodeServer('healthy.mjs') } } } })
    const report = await diagnose(t.context(), {})
    expect(report.servers[0]!.findings.map((f) => f.code)).toEqual(['cwd-not-found'])
  })

  it('reports no-servers-configured when nothing is configured anywhere', async () => {
    const report = await diagnose(t.context(), {})
    expect(report.servers).toEqual([])
    expect(report.findings.map((f) => f.code)).toEqual(['no-servers-configured'])
  })

  it('starts every server before any finishes (probes run concurrently)', async () => {
    const servers = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, nodeServer('never-answers.mjs')]))
    await t.write('.claude.json', { mcpServers: servers })
    const events: ProgressEvent[] = []
    await diagnose(t.context(), { timeoutMs: 700, runId: 'r1', onProgress: (e) => events.push(e) })
    const phases = events.map((e) => e.phase)
    expect(phases[0]).toBe('discovered')
    expect(phases.at(-1)).toBe('done')
    const firstDone = phases.indexOf('server-done')
    expect(phases.slice(0, firstDone).filter((p) => p === 'probing')).toHaveLength(4)
    expect(events.every((e) => e.runId === 'r1')).toBe(true)
  })

  it('--no-probe reads configs and starts nothing', async () => {
    await t.write('.claude.json', { mcpServers: { a: nodeServer('healthy.mjs') } })
    const report = await diagnose(t.context(), { probe: false })
    expect(report.servers[0]).toMatchObject({ status: 'skipped' })
    expect(report.servers[0]!.probe).toBeUndefined()
  })

  it('selects servers by name and refuses unknown names', async () => {
    await t.write('.claude.json', { mcpServers: { a: nodeServer('healthy.mjs'), b: nodeServer('healthy.mjs') } })
    const report = await diagnose(t.context(), { servers: ['b'], probe: false })
    expect(report.servers.map((s) => s.name)).toEqual(['b'])
    await expect(diagnose(t.context(), { servers: ['zzz'] })).rejects.toThrow(/No server named zzz.*Configured: a, b/)
  })

  it('never lets an env value, an arg token or a URL secret into the report', async () => {
    const secret = 'sk-live-abcdefghijklmnop1234'
    await t.write('.claude.json', {
      mcpServers: {
        leaky: {
          command: process.execPath,
          args: ['-e', `console.error('token is ' + process.env.API_TOKEN); process.exit(1)`, '--', '--api-key=hunter2hunter2'],
          env: { API_TOKEN: secret, EMPTY: '', TODO: 'your_api_key_here' }
        },
        remote: { type: 'http', url: 'https://user:pw@127.0.0.1:1/mcp?token=abcdef123' }
      }
    })
    const report = await diagnose(t.context(), {})
    const text = JSON.stringify(report)
    expect(text).not.toContain(secret)
    expect(text).not.toContain('hunter2hunter2')
    expect(text).not.toContain('abcdef123')
    expect(text).not.toContain('user:pw')
    const leaky = report.servers.find((s) => s.name === 'leaky')!
    expect(leaky.env).toEqual({ API_TOKEN: '<redacted>', EMPTY: '<empty>', TODO: '<placeholder>' })
    expect(leaky.probe?.stderrTail).toContain('token is <redacted>')
    expect(leaky.args).toContain('--api-key=<redacted>')
  })

  it('shows the broken line of a config file without the values on it', async () => {
    await t.write('.mcp.json', '{ "mcpServers": { "db": { "command": "db-mcp", "env": { "CONN": "postgres-pw-9f8e7d6c5b" "X": "1" } } } }')
    const report = await diagnose(t.context(), { probe: false })
    const broken = report.findings.find((f) => f.code === 'config-invalid-json')!
    expect(broken.evidence?.excerpt).toContain('"CONN": "•')
    expect(JSON.stringify(report)).not.toContain('postgres-pw-9f8e7d6c5b')
  })
})

describe('diagnoseServer', () => {
  it('re-examines one server by id', async () => {
    await t.write('.claude.json', { mcpServers: { a: nodeServer('healthy.mjs'), b: nodeServer('exit-error.mjs') } })
    const report = await diagnose(t.context(), { probe: false })
    const b = report.servers.find((s) => s.name === 'b')!
    const again = await diagnoseServer(t.context(), b.id, {})
    expect(again).toMatchObject({ id: b.id, name: 'b', status: 'error' })
  })

  it('says not-found for an id that is no longer configured', async () => {
    await expect(diagnoseServer(t.context(), 'claude-code:user:gone:0000', {})).rejects.toMatchObject({ code: 'not-found' })
  })
})
