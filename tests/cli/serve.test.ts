import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/cli/serve'
import { createHandlers } from '../../src/main/core/api/handlers'
import { ReportSchema } from '../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../helpers/home'

let t: TempHome
let server: RunningServer

beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', { mcpServers: { healthy: nodeServer('healthy.mjs') } })
  const rendererDir = path.dirname(await t.write('renderer/index.html', '<!doctype html><title>test page</title>'))
  await t.write('renderer/assets/app.js', 'console.log(1)')
  await t.write('secret.txt', 'do not serve me')
  server = await startServer({ rendererDir, handlers: createHandlers({ context: () => t.context() }) })
})
afterAll(async () => {
  await server.close()
  await t.cleanup()
})

/** A raw request, so Host and Origin can be set to anything. */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request('/api/call', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MCP-Medic-Token': server.token, ...headers },
    body: JSON.stringify({ channel, request: body })
  })

describe('mcp-medic serve', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the page with the token and sets a session cookie, with a strict CSP', async () => {
    const res = await request(`/?token=${server.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('test page')
    expect(res.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/)
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    const cookie = res.headers['set-cookie']![0]!.split(';')[0]!
    expect((await request('/assets/app.js', { headers: { Cookie: cookie } })).status).toBe(200)
  })

  it('refuses requests without the right token', async () => {
    expect((await request('/')).status).toBe(401)
    expect((await request('/?token=wrong')).status).toBe(401)
    expect((await call('app:info', {}, { 'X-MCP-Medic-Token': 'nope' })).status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await request(`/?token=${server.token}`, { headers: { Host: `evil.example:${server.port}` } })).status).toBe(421)
    expect((await call('app:info', {}, { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await call('app:info', {}, { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('refuses a cross-site form post, with or without Origin, cookie or token', async () => {
    const cookie = (await request(`/?token=${server.token}`)).headers['set-cookie']![0]!.split(';')[0]!
    const form = (headers: Record<string, string>) =>
      request('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: 'channel=config%3Aedit&request=%7B%7D' })
    // what a browser sends for <form action="http://127.0.0.1:PORT/api/call" method="post"> on another site
    expect((await form({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', Cookie: cookie })).status).toBe(403)
    // a browser that sends no Origin still says it is cross-site
    expect((await form({ 'Sec-Fetch-Site': 'cross-site', Cookie: cookie })).status).toBe(403)
    // and SameSite=Strict keeps the cookie from a cross-site post: no token at all
    expect((await form({})).status).toBe(401)
    // text/plain, the other content type a form can send, is not the contract's JSON
    expect((await request('/api/call', { method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-MCP-Medic-Token': server.token }, body: '{"channel":"app:info","request":{}}' })).status).toBe(415)
    // a sandboxed or file:// page has the opaque Origin "null"
    expect((await call('app:info', {}, { Origin: 'null' })).status).toBe(403)
    // the page itself is allowed
    expect((await call('app:info', {}, { 'Sec-Fetch-Site': 'same-origin', Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
  })

  it('refuses API calls and event streams without the token or from a foreign Host', async () => {
    const body = JSON.stringify({ channel: 'app:info', request: {} })
    expect((await request('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status).toBe(401)
    expect((await request('/api/events')).status).toBe(401)
    expect((await call('app:info', {}, { Host: `evil.example:${server.port}` })).status).toBe(421)
    expect((await call('app:info', {}, { Host: '127.0.0.1' })).status).toBe(421)
    expect((await call('app:info', {}, { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(421)
    // a token one character off is still wrong
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A')
    expect((await call('app:info', {}, { 'X-MCP-Medic-Token': wrong })).status).toBe(401)
  })

  it('never serves files outside the renderer folder', async () => {
    const res = await request(`/..%2Fsecret.txt?token=${server.token}`)
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('do not serve me')
  })

  it('runs contract calls and returns failures as data', async () => {
    const ok = JSON.parse((await call('diagnose:run', { runId: 'x' })).body)
    expect(ok.ok).toBe(true)
    expect(ReportSchema.parse(ok.value).servers.map((s) => s.name)).toEqual(['healthy'])
    const bad = JSON.parse((await call('diagnose:run', { timeoutMs: -1 })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect((await request('/api/call', { method: 'POST', headers: { 'X-MCP-Medic-Token': server.token, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415)
  })

  it('streams progress events to the page', async () => {
    const received: string[] = []
    const done = new Promise<void>((resolve) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } },
        (res) => {
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            received.push(chunk)
            if (received.join('').includes('"phase":"done"')) {
              req.destroy()
              resolve()
            }
          })
          void call('diagnose:run', { runId: 'sse-run' })
        }
      )
    })
    await done
    const text = received.join('')
    expect(text).toContain('event: diagnose:progress')
    expect(text).toContain('"runId":"sse-run","phase":"discovered"')
    expect(text).toContain('"phase":"server-done"')
  })
})
