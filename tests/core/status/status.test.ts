import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { checkStatus, statusFindings, statusIfReady, statusLine } from '../../../src/main/core/status/check'
import { configuredPages, DEFAULT_STATUS_PAGES, type StatusPage } from '../../../src/main/core/status/pages'
import { STATUS_TIMEOUT_MS } from '../../../src/main/core/status/statuspage'
import { makeHome, type TempHome } from '../../helpers/home'

/*
 * The outage line against real loopback HTTP servers serving Statuspage-shaped JSON: an
 * operational page, an incident, malformed answers, an answer slower than the deadline, a refused
 * connection, and the configuration (settings file, MCP_MEDIC_STATUS_PAGES).
 */

const OPERATIONAL = { page: { id: 'p1', name: 'Claude', url: 'https://status.claude.com' }, status: { indicator: 'none', description: 'All Systems Operational' }, components: [], incidents: [], scheduled_maintenances: [] }
const INCIDENT = {
  page: { id: 'p1', name: 'Claude', url: 'https://status.claude.com' },
  status: { indicator: 'major', description: 'Partial System Outage' },
  incidents: [
    { name: 'Elevated errors on Claude Code', status: 'investigating', impact: 'major', updated_at: '2025-06-01T10:00:00.000Z', shortlink: 'https://stspg.io/abc' },
    { name: 'Yesterday’s login issue', status: 'resolved', impact: 'minor', updated_at: '2025-05-31T10:00:00.000Z', shortlink: 'https://stspg.io/old' }
  ]
}

let server: Server
let origin: string
let refusedUrl: string
const slowSockets: { closed: boolean }[] = []

function route(req: IncomingMessage, res: ServerResponse): void {
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  switch (req.url) {
    case '/ok/api/v2/summary.json':
      return json(200, OPERATIONAL)
    case '/incident/api/v2/summary.json':
      return json(200, INCIDENT)
    case '/malformed/api/v2/summary.json':
      return json(200, '{"status": {"indicator": "none", ')
    case '/not-statuspage/api/v2/summary.json':
      return json(200, { hello: 'world' })
    case '/down/api/v2/summary.json':
      return json(503, '<html>Service Unavailable</html>')
    case '/huge/api/v2/summary.json':
      return json(200, `{"padding":"${'x'.repeat(3 * 1024 * 1024)}"}`)
    case '/slow/api/v2/summary.json': {
      const seen = { closed: false }
      slowSockets.push(seen)
      req.socket.on('close', () => (seen.closed = true))
      const timer = setTimeout(() => json(200, OPERATIONAL), 10_000)
      res.on('close', () => clearTimeout(timer))
      return
    }
    default:
      return json(404, { error: 'not found' })
  }
}

function page(id: string, path: string, clients: StatusPage['clients'] = ['claude-code']): StatusPage {
  return { id, name: `Vendor ${id}`, pageUrl: `${origin}/${path}`, apiUrl: `${origin}/${path}/api/v2/summary.json`, clients }
}

beforeAll(async () => {
  server = createServer(route)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise<void>((resolve) => closed.close(() => resolve()))
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('reading status pages', () => {
  it('reads an operational page and an incident, leaving out resolved incidents', async () => {
    const check = await checkStatus({} as never, { pages: [page('ok', 'ok'), page('bad', 'incident')] })
    expect(check.offline).toBe(false)
    expect(check.vendors[0]).toMatchObject({ id: 'ok', state: 'operational', description: 'All Systems Operational', incidents: [], clients: ['claude-code'] })
    expect(check.vendors[1]).toMatchObject({
      state: 'incident',
      description: 'Partial System Outage',
      incidents: [{ name: 'Elevated errors on Claude Code', status: 'investigating', impact: 'major', url: 'https://stspg.io/abc' }]
    })
    expect(statusLine(check)).toBe('Status pages: Vendor bad: Partial System Outage.')
  })

  it.each([
    ['malformed', /did not answer with JSON/],
    ['not-statuspage', /not a Statuspage summary/],
    ['down', /HTTP 503/],
    ['huge', /too large/]
  ])('calls a %s answer unknown, with the reason, and is not offline', async (path, reason) => {
    const check = await checkStatus({} as never, { pages: [page(path, path)] })
    expect(check.vendors[0]).toMatchObject({ state: 'unknown', error: expect.stringMatching(reason) })
    expect(check.offline).toBe(false)
  })

  it('gives up on an answer slower than the deadline instead of waiting for it, and closes the connection', async () => {
    const check = await checkStatus({} as never, { pages: [page('slow', 'slow')], timeoutMs: 400 })
    expect(check.vendors[0]).toMatchObject({ state: 'unknown', error: 'No answer within 0.4 s.' })
    expect(check.offline).toBe(true)
    await expect.poll(() => slowSockets.at(-1)?.closed, { timeout: 5000 }).toBe(true)
    expect(STATUS_TIMEOUT_MS).toBe(3000)
  })

  it('says "could not check, you seem offline" as a state when nothing answers (a refused connection)', async () => {
    const refused: StatusPage = { id: 'r', name: 'Refused', pageUrl: refusedUrl, apiUrl: `${refusedUrl}/api/v2/summary.json`, clients: [] }
    const check = await checkStatus({} as never, { pages: [refused] })
    expect(check.vendors[0]).toMatchObject({ state: 'unknown', error: 'The connection was refused.' })
    expect(check.offline).toBe(true)
    expect(statusLine(check)).toBe('Status pages: could not check — you seem offline.')
    const mixed = await checkStatus({} as never, { pages: [refused, page('ok', 'ok')] })
    expect(mixed.offline).toBe(false)
    expect(statusLine(mixed)).toBe('Status pages: no incident at Vendor ok; could not check Refused.')
  })

  it('turns an incident into status-incident for the clients it matters to', async () => {
    const check = await checkStatus({} as never, { pages: [page('anthropic', 'incident', ['claude-code', 'claude-desktop']), page('ok', 'ok')] })
    const [f] = statusFindings(check, ['claude-desktop'])
    expect(f).toMatchObject({ code: 'status-incident', step: 1, severity: 'warning', title: 'Vendor anthropic reports a problem: Partial System Outage', fix: { url: `${origin}/incident` } })
    expect(f!.detail).toContain('- Elevated errors on Claude Code (investigating, major impact)')
    expect(statusFindings(check, ['cursor'])).toEqual([])
    expect(statusFindings(check)).toHaveLength(1)
  })
})

describe('configuring the status pages', () => {
  let t: TempHome
  beforeAll(async () => {
    t = await makeHome()
  })
  afterAll(() => t.cleanup())
  const ctx = (env: Record<string, string> = {}) => t.context({ env: { HOME: t.home, MCP_MEDIC_DATA_DIR: `${t.home}/data`, ...env } })

  it('reads Anthropic, OpenAI, GitHub, Cursor and Windsurf by default, each for its clients', async () => {
    const { pages, problems } = await configuredPages(ctx())
    expect(problems).toEqual([])
    expect(pages.map((p) => [p.id, p.apiUrl, p.clients])).toEqual([
      ['anthropic', 'https://status.claude.com/api/v2/summary.json', ['claude-code', 'claude-desktop']],
      ['openai', 'https://status.openai.com/api/v2/summary.json', ['codex']],
      ['github', 'https://www.githubstatus.com/api/v2/summary.json', ['vscode']],
      ['cursor', 'https://status.cursor.com/api/v2/summary.json', ['cursor']],
      ['windsurf', 'https://status.windsurf.com/api/v2/summary.json', ['windsurf']]
    ])
  })

  it('takes a settings file in the data folder: replaced URLs, added pages, no defaults', async () => {
    await t.write('data/status-pages.json', { pages: [{ id: 'anthropic', url: `${origin}/incident` }, { id: 'corp', name: 'Corp gateway', url: `${origin}/ok/api/v2/summary.json`, clients: ['cursor'] }] })
    const { pages } = await configuredPages(ctx())
    expect(pages.find((p) => p.id === 'anthropic')).toMatchObject({ name: 'Anthropic (Claude)', apiUrl: `${origin}/incident/api/v2/summary.json`, clients: ['claude-code', 'claude-desktop'] })
    expect(pages.find((p) => p.id === 'corp')).toMatchObject({ name: 'Corp gateway', pageUrl: origin, apiUrl: `${origin}/ok/api/v2/summary.json`, clients: ['cursor'] })
    await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'corp', url: `${origin}/ok` }] })
    expect((await configuredPages(ctx())).pages.map((p) => p.id)).toEqual(['corp'])
  })

  it('lets MCP_MEDIC_STATUS_PAGES switch the line off or point pages elsewhere, and says what it could not use', async () => {
    await t.write('data/status-pages.json', '{ "pages": [ { "id": "x", "url": "ftp://nope" } ] }')
    const file = await configuredPages(ctx({ MCP_MEDIC_STATUS_PAGES: `github=${origin}/ok,broken, nourl=javascript:alert(1)` }))
    expect(file.pages.find((p) => p.id === 'github')!.apiUrl).toBe(`${origin}/ok/api/v2/summary.json`)
    expect(file.problems).toEqual([
      `${t.home}/data/status-pages.json: "ftp://nope" for x is not an http(s) URL.`,
      'MCP_MEDIC_STATUS_PAGES: "broken" is not id=url.',
      'MCP_MEDIC_STATUS_PAGES: "javascript:alert(1)" for nourl is not an http(s) URL.'
    ])
    expect((await configuredPages(ctx({ MCP_MEDIC_STATUS_PAGES: 'off' }))).pages).toEqual([])
  })

  it('keeps the defaults and says so when the settings file is not valid JSON', async () => {
    await t.write('data/status-pages.json', '{ "pages": [ ')
    const { pages, problems } = await configuredPages(ctx())
    expect(pages).toHaveLength(DEFAULT_STATUS_PAGES.length)
    expect(problems[0]).toMatch(/status-pages\.json is not valid JSON .*the default status pages are used\./)
  })

  it('serves status:check from a short cache unless asked to refresh', async () => {
    await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'anthropic', url: `${origin}/ok` }] })
    const handlers = createHandlers({ context: () => ctx() })
    const first = await handlers['status:check']({}, { emit: () => {} })
    expect(first.vendors).toMatchObject([{ id: 'anthropic', state: 'operational' }])
    await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'anthropic', url: `${origin}/incident` }] })
    expect((await handlers['status:check']({}, { emit: () => {} })).checkedAt).toBe(first.checkedAt)
    expect((await handlers['status:check']({ refresh: true }, { emit: () => {} })).vendors[0]!.state).toBe('incident')
  })
})

describe('a check that must not extend a run', () => {
  it('is used when it is back in time, and dropped (requests ended) when it is not', async () => {
    const t = await makeHome()
    try {
      await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'fast', url: `${origin}/incident` }] })
      const fast = statusIfReady(t.context({ env: { HOME: t.home, MCP_MEDIC_DATA_DIR: `${t.home}/data` } }))
      await fast.settled
      expect(fast.take()!.vendors[0]!.state).toBe('incident')
      await t.write('data/status-pages.json', { defaults: false, pages: [{ id: 'slow', url: `${origin}/slow` }] })
      const slow = statusIfReady(t.context({ env: { HOME: t.home, MCP_MEDIC_DATA_DIR: `${t.home}/data` } }))
      const before = slowSockets.length
      await expect.poll(() => slowSockets.length > before, { timeout: 5000, interval: 20 }).toBe(true)
      expect(slow.take()).toBeUndefined()
      await expect.poll(() => slowSockets.at(-1)!.closed, { timeout: 5000 }).toBe(true)
    } finally {
      await t.cleanup()
    }
  })
})
