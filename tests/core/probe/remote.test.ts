import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeRemote } from '../../../src/main/core/probe/remote'
import { makeSelfSignedCert, startRemote, type RemoteFixture, type SelfSignedCert } from '../../helpers/remote'

const fixtures: RemoteFixture[] = []
async function remote(args: string[]): Promise<string> {
  const fixture = await startRemote(args)
  fixtures.push(fixture)
  return fixture.origin
}
let cert: SelfSignedCert
beforeAll(() => {
  cert = makeSelfSignedCert()
})
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.stop()))
  cert.cleanup()
})

describe('probeRemote', () => {
  it('speaks Streamable HTTP to a healthy server and records each exchange', async () => {
    const origin = await remote(['--mode', 'streamable'])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('ok')
    expect(evidence.working).toBe('http')
    expect(evidence.tools).toBe(3)
    expect(evidence.serverInfo).toEqual({ name: 'fixture-remote-streamable', version: '2.0.0' })
    expect(evidence.net?.tcp).toEqual([expect.objectContaining({ address: '127.0.0.1', ok: true })])
    const init = evidence.attempts[0]!.exchanges.find((x) => x.rpcMethod === 'initialize')!
    expect(init).toMatchObject({ method: 'POST', status: 200 })
    expect(evidence.timings.initializeMs).toBeLessThanOrEqual(evidence.timings.toolsListMs!)
  })

  it('speaks legacy SSE to a healthy SSE server', async () => {
    const origin = await remote(['--mode', 'sse'])
    const evidence = await probeRemote({ url: `${origin}/sse`, transport: 'sse', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('ok')
    expect(evidence.tools).toBe(3)
    expect(evidence.attempts[0]!.exchanges[0]).toMatchObject({ method: 'GET', status: 200, headers: { 'content-type': 'text/event-stream' } })
    // the session id in the POST URL is a query value: redacted
    expect(JSON.stringify(evidence)).not.toMatch(/sessionId=[0-9a-f-]{8,}/)
  })

  it('tries Streamable HTTP when SSE is configured for a streamable server', async () => {
    const origin = await remote(['--mode', 'streamable'])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'sse', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('http-error')
    expect(evidence.status).toBe(405)
    expect(evidence.working).toBe('http')
    expect(evidence.attempts.map((a) => [a.transport, a.ok])).toEqual([['sse', false], ['http', true]])
  })

  it('tries SSE when Streamable HTTP is configured for an SSE server', async () => {
    const origin = await remote(['--mode', 'sse'])
    const evidence = await probeRemote({ url: `${origin}/sse`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.working).toBe('sse')
    expect(evidence.status).toBe(405)
    expect(evidence.tools).toBe(3)
  })

  it('follows OAuth discovery after a 401 with a Bearer challenge', async () => {
    const origin = await remote(['--auth', 'right-token-123'])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('http-error')
    expect(evidence.status).toBe(401)
    expect(evidence.working).toBeUndefined()
    expect(evidence.oauth?.challenge).toMatchObject({ scheme: 'Bearer', params: { error: 'invalid_token', resource_metadata: `${origin}/.well-known/oauth-protected-resource/mcp` } })
    expect(evidence.oauth?.protectedResource).toMatchObject({ status: 200, authorizationServers: [origin] })
    expect(evidence.oauth?.authorizationServer).toMatchObject({ tokenEndpoint: `${origin}/token`, registrationEndpoint: `${origin}/register` })
  })

  it('notes an authorization server without dynamic client registration', async () => {
    const origin = await remote(['--auth', 'right-token-123', '--no-dcr'])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.oauth?.authorizationServer?.tokenEndpoint).toBe(`${origin}/token`)
    expect(evidence.oauth?.authorizationServer?.registrationEndpoint).toBeUndefined()
  })

  it('sends configured headers and keeps their values out of the evidence', async () => {
    const origin = await remote(['--auth', 'right-token-123'])
    const evidence = await probeRemote({ url: `${origin}/mcp?api_key=query-secret-99`, transport: 'http', timeoutMs: 10_000, headers: { Authorization: 'Bearer right-token-123' } })
    expect(evidence.outcome).toBe('ok')
    expect(evidence.headersSent).toEqual(['Authorization'])
    expect(evidence.attempts[0]!.exchanges[0]!.requestHeaders).toContain('authorization')
    const text = JSON.stringify(evidence)
    expect(text).not.toContain('right-token-123')
    expect(text).not.toContain('query-secret-99')
  })

  it('names a self-signed certificate, before any HTTP is attempted', async () => {
    const origin = await remote(['--tls', cert.cert, cert.key])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('tls-error')
    expect(evidence.failedDuring).toBe('tls')
    expect(evidence.net?.tls).toMatchObject({ ok: false, error: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, cert: { selfSigned: true } })
    expect(evidence.net?.tls?.cert?.subject).toContain('CN=mcp-medic-test.local')
    expect(evidence.attempts).toEqual([])
  })

  it('trusts a certificate the client trusts through NODE_EXTRA_CA_CERTS', async () => {
    const { readFileSync } = await import('node:fs')
    const origin = await remote(['--tls', cert.cert, cert.key])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000, extraCa: { file: cert.cert, pem: readFileSync(cert.cert, 'utf8') } })
    expect(evidence.net?.tls).toMatchObject({ ok: true, extraCa: cert.cert })
    // this process does not trust it (fetch cannot take a CA): said as TLS, not as a refused connection
    expect(evidence.outcome).toBe('tls-error')
  })

  it('says connection refused for a port nothing listens on', async () => {
    const evidence = await probeRemote({ url: 'http://127.0.0.1:1/mcp', transport: 'http', timeoutMs: 5_000 })
    expect(evidence.outcome).toBe('connection-error')
    expect(evidence.net?.tcp[0]).toMatchObject({ address: '127.0.0.1', ok: false, error: { code: 'ECONNREFUSED' } })
  })

  it('says the host does not resolve', async () => {
    const evidence = await probeRemote({ url: 'https://mcp-medic-test.invalid/mcp', transport: 'http', timeoutMs: 5_000 })
    expect(evidence.outcome).toBe('dns-error')
    expect(evidence.net?.dns.error?.code).toMatch(/^(ENOTFOUND|EAI_AGAIN|ETIMEOUT)$/)
    expect(evidence.net?.tcp).toEqual([])
  })

  it('records an HTTP error status with an excerpt of the page', async () => {
    const origin = await remote(['--fail', '503'])
    const evidence = await probeRemote({ url: `${origin}/mcp`, transport: 'http', timeoutMs: 10_000 })
    expect(evidence.outcome).toBe('http-error')
    expect(evidence.status).toBe(503)
    expect(evidence.attempts).toHaveLength(1)
    expect(evidence.attempts[0]!.exchanges[0]!.bodyExcerpt).toContain('Upstream is down')
  })
})
