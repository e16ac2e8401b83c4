import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { RemoteFacts } from '../../src/renderer/src/components/RemoteFacts'
import { TerminalDiff } from '../../src/renderer/src/components/TerminalDiff'
import type { Probe, RemoteProbe, TerminalProbe } from '../../src/shared/report'

afterEach(cleanup)

const remote: RemoteProbe = {
  url: 'https://mcp.example.test/mcp',
  configured: 'http',
  status: 401,
  failedDuring: 'initialize',
  headersSent: ['X-Team'],
  net: {
    host: 'mcp.example.test',
    port: 443,
    addresses: ['127.0.0.1'],
    tcp: [{ address: '127.0.0.1', ok: true }],
    tls: { ok: true, protocol: 'TLSv1.3', subject: 'CN=mcp.example.test', issuer: 'CN=Test CA', selfSigned: false }
  },
  exchanges: [{ transport: 'http', method: 'POST', url: 'https://mcp.example.test/mcp', rpcMethod: 'initialize', status: 401, atMs: 12, ms: 30 }],
  oauth: {
    challenge: 'Bearer realm="x"',
    resourceMetadataUrl: 'https://mcp.example.test/.well-known/oauth-protected-resource/mcp',
    authorizationServers: ['https://auth.example.test'],
    metadataUrl: 'https://auth.example.test/.well-known/oauth-authorization-server',
    tokenEndpoint: 'https://auth.example.test/token'
  }
}
const probe: Probe = { outcome: 'http-error', ms: 50, error: 'HTTP 401', remote }

describe('RemoteFacts', () => {
  it('shows each layer, the failing one marked, the headers by name, and OAuth discovery', () => {
    render(<RemoteFacts probe={probe} remote={remote} />)
    const section = screen.getByRole('region', { name: 'Connection' })
    expect(within(section).getByText('mcp.example.test → 127.0.0.1')).toBeTruthy()
    expect(section.querySelector('[data-layer="TLS"]')!.className).toContain('layer-ok')
    expect(section.querySelector('[data-layer="Streamable HTTP"]')!.className).toContain('layer-failed')
    expect(within(section).getByText(/HTTP 401/)).toBeTruthy()
    expect(within(section).getByText('X-Team')).toBeTruthy()
    expect(within(section).getByText('none: no dynamic client registration')).toBeTruthy()
  })
})

describe('TerminalDiff', () => {
  it('puts the two runs side by side and lists what only the terminal has', () => {
    const terminal: TerminalProbe = {
      outcome: 'ok',
      ms: 140,
      tools: 2,
      cwdClient: '/home/u',
      cwdTerminal: '/home/u',
      resolvedClient: null,
      resolvedTerminal: '/home/u/.local/bin/srv',
      pathOnlyInClient: [],
      pathOnlyInTerminal: ['/home/u/.local/bin'],
      envOnlyInClient: [],
      envOnlyInTerminal: ['API_KEY'],
      envDiffering: []
    }
    render(<TerminalDiff probe={{ outcome: 'spawn-error', ms: 3 }} terminal={terminal} home="/home/u" />)
    const section = screen.getByRole('region', { name: 'Terminal comparison' })
    expect(within(section).getByText('could not start')).toBeTruthy()
    expect(within(section).getByText('connected, 2 tools')).toBeTruthy()
    expect(within(section).getByText('~/.local/bin/srv')).toBeTruthy()
    expect(within(section).getByText('API_KEY')).toBeTruthy()
    expect(within(section).getByText('~/.local/bin')).toBeTruthy()
  })
})
