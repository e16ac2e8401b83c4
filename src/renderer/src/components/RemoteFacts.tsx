import { formatMs } from '../../../shared/present'
import type { Probe, RemoteProbe } from '../../../shared/report'

const KIND = { http: 'Streamable HTTP', sse: 'SSE', stdio: 'stdio' } as const

type Layer = { name: string; state: 'ok' | 'failed' | 'skipped'; text: string }

/** The layers a remote probe went through (DNS, TCP, TLS, HTTP, MCP), each with what it found. */
function layers(remote: RemoteProbe, probe: Probe): Layer[] {
  const net = remote.net
  const out: Layer[] = []
  if (!net) return out
  out.push(
    net.dnsError
      ? { name: 'DNS', state: 'failed', text: `${net.host} does not resolve (${net.dnsError})` }
      : { name: 'DNS', state: 'ok', text: net.addresses.length === 1 && net.addresses[0] === net.host ? `${net.host} (an address: nothing to look up)` : `${net.host} → ${net.addresses.join(', ')}` }
  )
  if (net.dnsError) return out
  const reached = net.tcp.some((t) => t.ok)
  out.push({
    name: 'TCP',
    state: reached ? 'ok' : 'failed',
    text: net.tcp.map((t) => `${t.address}:${net.port} ${t.ok ? 'accepts connections' : `refused (${t.error ?? 'failed'})`}`).join(' · ')
  })
  if (!reached) return out
  if (net.tls) {
    const cert = net.tls.subject ? ` · ${net.tls.subject}${net.tls.selfSigned ? ' (self-signed)' : `, issued by ${net.tls.issuer}`}` : ''
    out.push({
      name: 'TLS',
      state: net.tls.ok ? 'ok' : 'failed',
      text: net.tls.ok ? `certificate verified${net.tls.protocol ? ` (${net.tls.protocol})` : ''}${cert}` : `${net.tls.error ?? net.tls.code}${cert}`
    })
    if (!net.tls.ok) return out
  }
  const configuredOk = remote.working === remote.configured
  out.push({
    name: KIND[remote.configured],
    state: configuredOk ? 'ok' : 'failed',
    text: configuredOk
      ? `handshake completed${probe.timings?.initializeMs !== undefined ? ` in ${formatMs(probe.timings.initializeMs)}` : ''}${probe.protocolVersion ? ` · protocol ${probe.protocolVersion}` : ''}`
      : `${remote.status !== undefined ? `HTTP ${remote.status}` : 'failed'}${probe.error ? ` · ${probe.error}` : ''}`
  })
  if (remote.working && remote.working !== remote.configured) {
    out.push({ name: KIND[remote.working], state: 'ok', text: 'the other transport works at this URL (not what the entry says)' })
  }
  return out
}

/** Remote servers: the layers checked, the HTTP exchanges and what OAuth discovery said. */
export function RemoteFacts({ probe, remote }: { probe: Probe; remote: RemoteProbe }) {
  const steps = layers(remote, probe)
  return (
    <section className="section" aria-label="Connection">
      <h3 className="section-title">Connection, layer by layer</h3>
      <div className="facts-block">
        <ol className="layers">
          {steps.map((layer) => (
            <li key={layer.name} className={`layer layer-${layer.state}`} data-layer={layer.name}>
              <span className="layer-mark" aria-hidden="true">
                {layer.state === 'ok' ? '✔' : '✖'}
              </span>
              <span className="layer-name">{layer.name}</span>
              <span className="layer-text">{layer.text}</span>
            </li>
          ))}
        </ol>
        {remote.headersSent.length > 0 && (
          <p className="muted small">
            Configured headers sent: {remote.headersSent.map((h) => <code key={h} className="inline-code">{h}</code>)} (values hidden)
          </p>
        )}
        {remote.oauth && <OAuthFacts oauth={remote.oauth} />}
        {remote.exchanges.length > 0 && (
          <details>
            <summary>HTTP exchanges ({remote.exchanges.length})</summary>
            <table className="exchanges">
              <thead>
                <tr>
                  <th>at</th>
                  <th>transport</th>
                  <th>request</th>
                  <th>status</th>
                  <th className="num">time</th>
                </tr>
              </thead>
              <tbody>
                {remote.exchanges.map((x, i) => (
                  <tr key={i} className={x.status !== undefined && x.status >= 400 ? 'bad' : undefined}>
                    <td className="num">{formatMs(x.atMs)}</td>
                    <td>{KIND[x.transport]}</td>
                    <td>
                      <code className="mono">
                        {x.method} {pathOf(x.url)}
                      </code>
                      {x.rpcMethod && <span className="muted"> · {x.rpcMethod}</span>}
                    </td>
                    <td>{x.status ?? x.error ?? '—'}</td>
                    <td className="num">{formatMs(x.ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </div>
    </section>
  )
}

function OAuthFacts({ oauth }: { oauth: NonNullable<RemoteProbe['oauth']> }) {
  return (
    <dl className="facts oauth" aria-label="OAuth discovery">
      {oauth.challenge && (
        <>
          <dt>Challenge</dt>
          <dd>
            <code className="mono">{oauth.challenge}</code>
          </dd>
        </>
      )}
      {oauth.resourceMetadataUrl && (
        <>
          <dt>Resource metadata</dt>
          <dd>
            <code className="mono">{oauth.resourceMetadataUrl}</code>
            {oauth.authorizationServers && <> → {oauth.authorizationServers.join(', ')}</>}
          </dd>
        </>
      )}
      {oauth.metadataUrl && (
        <>
          <dt>Authorization server</dt>
          <dd>
            <code className="mono">{oauth.metadataUrl}</code>
          </dd>
          <dt>Client registration</dt>
          <dd>{oauth.registrationEndpoint ? <code className="mono">{oauth.registrationEndpoint}</code> : <span className="warn-text">none: no dynamic client registration</span>}</dd>
        </>
      )}
    </dl>
  )
}

function pathOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.pathname}${u.search}`
  } catch {
    return url
  }
}
