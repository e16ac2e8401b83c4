import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../src/cli/main'
import type { Report } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'

/*
 * The outage line in the CLI: read alongside the diagnosis, used when it is back first (an
 * incident becomes a status-incident finding and a line under the header), dropped when it is
 * not, and never a reason for the run to take longer.
 */

let t: TempHome
let server: Server
let origin: string
/** the slow page's requests, and whether the client has hung up on each */
const slowRequests: { closed: boolean }[] = []
const saved = { ...process.env }

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow/api/v2/summary.json') {
      const seen = { closed: false }
      slowRequests.push(seen)
      req.socket.on('close', () => (seen.closed = true))
      const timer = setTimeout(() => res.end('{}'), 20_000)
      res.on('close', () => clearTimeout(timer))
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ status: { indicator: 'major', description: 'Major Outage' }, incidents: [{ name: 'Claude Code cannot start sessions', status: 'identified', impact: 'major' }] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t = await makeHome()
  // a server that takes a second to answer: the diagnosis outlasts a loopback status page
  await t.write('.claude.json', { mcpServers: { slow: nodeServer('slow.mjs', { env: { DELAY_MS: '1000' } }) } })
  Object.assign(process.env, { HOME: t.home, MCP_MEDIC_DATA_DIR: `${t.home}/data`, SHELL: '/bin/sh' })
})
afterAll(async () => {
  process.env = saved
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await t.cleanup()
})

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    const code = await main(args)
    return { code, out }
  } finally {
    spy.mockRestore()
  }
}

describe('the outage line in the CLI', () => {
  it('adds an incident the status page reported in time, as a warning that does not change the exit status', async () => {
    // only the loopback page: the defaults would ask the real vendors
    await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'anthropic', name: 'Anthropic (Claude)', url: `${origin}/fast`, clients: ['claude-code'] }] })
    const { code, out } = await run(['diagnose', '--json'])
    const report = JSON.parse(out) as Report
    expect(code).toBe(0)
    expect(report.servers[0]!.status).toBe('ok')
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'status-incident', severity: 'warning', title: 'Anthropic (Claude) reports a problem: Major Outage' }))
    const human = await run(['diagnose'])
    expect(human.out.split('\n')[1]).toBe('Status pages: Anthropic (Claude): Major Outage.')
  })

  it('leaves out a status page that has not answered when the diagnosis is done', async () => {
    await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'anthropic', url: `${origin}/slow`, clients: ['claude-code'] }] })
    const { out } = await run(['diagnose', '--json', '--no-probe'])
    const report = JSON.parse(out) as Report
    expect(report.findings.some((f) => f.code === 'status-incident')).toBe(false)
    // the pending request is ended with the run (long before its own 3 s deadline), so nothing
    // keeps the process alive afterwards
    expect(slowRequests).toHaveLength(1)
    await expect.poll(() => slowRequests[0]!.closed, { timeout: 500, interval: 10 }).toBe(true)
  })

  it('says nothing about status pages when they are switched off, and how each client picks up a fix', async () => {
    process.env.MCP_MEDIC_STATUS_PAGES = 'off'
    await t.write('.claude.json', { mcpServers: { broken: nodeServer('exit-error.mjs') } })
    const { code, out } = await run(['diagnose', '--no-probe'])
    expect(code).toBe(0)
    expect(out).not.toContain('Status pages')
    const probed = await run(['diagnose'])
    expect(probed.code).toBe(1)
    expect(probed.out).toContain('After a fix\n  Claude Code: Start a new Claude Code session, or reconnect the server from /mcp.')
  })
})
