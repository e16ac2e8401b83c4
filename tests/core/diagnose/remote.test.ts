import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { diagnose } from '../../../src/main/core/diagnose/run'
import { ReportSchema, type ServerReport } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'
import { makeSelfSignedCert, startRemote, type RemoteFixture, type SelfSignedCert } from '../../helpers/remote'

let t: TempHome
const fixtures: RemoteFixture[] = []
let streamable: string, sse: string, auth: string, tls: string, failing: string
let cert: SelfSignedCert
beforeAll(async () => {
  cert = makeSelfSignedCert()
  const started = await Promise.all([
    startRemote(['--mode', 'streamable']),
    startRemote(['--mode', 'sse']),
    startRemote(['--auth', 'sekrit-token-4242', '--no-dcr']),
    startRemote(['--tls', cert.cert, cert.key]),
    startRemote(['--fail', '503'])
  ])
  fixtures.push(...started)
  ;[streamable, sse, auth, tls, failing] = started.map((f) => f.origin) as [string, string, string, string, string]
})
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.stop()))
  cert.cleanup()
})
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

async function run(servers: Record<string, unknown>): Promise<Record<string, ServerReport>> {
  await t.write('.claude.json', { mcpServers: servers })
  const report = await diagnose(t.context(), { timeoutMs: 10_000 })
  expect(ReportSchema.parse(report)).toEqual(report)
  return Object.fromEntries(report.servers.map((s) => [s.name, s]))
}

describe('diagnose, remote servers (Claude Code http/sse entries)', () => {
  it('connects to healthy Streamable HTTP and SSE servers', async () => {
    const byName = await run({ web: { type: 'http', url: `${streamable}/mcp` }, legacy: { type: 'sse', url: `${sse}/sse` } })
    for (const name of ['web', 'legacy']) {
      expect(byName[name]).toMatchObject({ status: 'ok', findings: [], probe: { outcome: 'ok', tools: 3 } })
    }
    expect(byName.legacy!.probe!.remote).toMatchObject({ configured: 'sse', working: 'sse' })
  })

  it('says transport-mismatch with the exact change when the other transport works', async () => {
    const byName = await run({ wrong: { type: 'sse', url: `${streamable}/mcp` }, wrong2: { type: 'http', url: `${sse}/sse` } })
    const [f] = byName.wrong!.findings
    expect(f).toMatchObject({ code: 'transport-mismatch', severity: 'error', step: 2 })
    expect(f!.fix!.summary).toContain('"type": "http"')
    expect(f!.fix!.command).toContain('claude mcp add --scope user --transport http wrong')
    expect(byName.wrong2!.findings[0]!.fix!.summary).toContain('"type": "sse"')
    expect(byName.wrong2!.probe!.remote).toMatchObject({ configured: 'http', working: 'sse', status: 405 })
  })

  it('says auth-required with the challenge and what OAuth discovery found', async () => {
    const byName = await run({ locked: { type: 'http', url: `${auth}/mcp` } })
    const [f] = byName.locked!.findings
    expect(f).toMatchObject({ code: 'auth-required', severity: 'error', step: 6 })
    expect(f!.detail).toContain('Bearer')
    expect(f!.detail).toContain('does not support dynamic client registration')
    expect(byName.locked!.probe!.remote!.oauth).toMatchObject({ tokenEndpoint: `${auth}/token`, authorizationServers: [auth] })
    expect(byName.locked!.probe!.remote!.oauth!.registrationEndpoint).toBeUndefined()
  })

  it('connects with a configured token, which never reaches the report', async () => {
    const byName = await run({ token: { type: 'http', url: `${auth}/mcp`, headers: { Authorization: 'Bearer sekrit-token-4242' } } })
    expect(byName.token).toMatchObject({ status: 'ok', probe: { outcome: 'ok', remote: { headersSent: ['Authorization'] } } })
    expect(JSON.stringify(byName)).not.toContain('sekrit-token-4242')
  })

  it('says tls-error for a self-signed certificate, in words', async () => {
    const byName = await run({ selfsigned: { type: 'http', url: `${tls}/mcp` } })
    const [f] = byName.selfsigned!.findings
    expect(f).toMatchObject({ code: 'tls-error', severity: 'error' })
    expect(f!.title).toContain('self-signed')
    expect(f!.fix!.summary).toContain('NODE_EXTRA_CA_CERTS')
    expect(byName.selfsigned!.probe!.remote!.net!.tls).toMatchObject({ ok: false, code: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned: true })
  })

  it('says connection-refused for a closed port and http-error for a 503', async () => {
    const byName = await run({ closed: { type: 'http', url: 'http://127.0.0.1:1/mcp' }, down: { type: 'http', url: `${failing}/mcp` } })
    expect(byName.closed!.findings.map((f) => f.code)).toEqual(['connection-refused'])
    expect(byName.closed!.findings[0]!.title).toBe('Nothing accepts connections at 127.0.0.1:1')
    const [down] = byName.down!.findings
    expect(down).toMatchObject({ code: 'http-error', title: 'The server answered HTTP 503 Service Unavailable' })
    expect(down!.detail).toContain('Upstream is down')
  })
})
