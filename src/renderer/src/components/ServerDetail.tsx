import { formatMs, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type Probe, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { EFFECTIVE_LABELS } from '../../../shared/effective'
import { CopyButton } from './CopyButton'
import { EffectiveFacts } from './EffectiveFacts'
import { FindingCard } from './FindingCard'
import { RemoteFacts } from './RemoteFacts'
import { ResolutionFacts } from './ResolutionFacts'
import { RichText } from './RichText'
import { StatusBadge } from './StatusBadge'
import { TerminalDiff } from './TerminalDiff'

const TRANSPORT_NAMES = { stdio: 'stdio (local process)', http: 'Streamable HTTP', sse: 'SSE (legacy HTTP)' } as const

/** The chosen server: its verdict, findings, the entry as the client reads it, and the probe's facts. */
export function ServerDetail() {
  const view = useApp((s) => s.servers.find((v) => v.server.id === s.selectedId))
  const home = useApp((s) => s.info?.home)
  const retesting = useApp((s) => (view ? Boolean(s.retesting[view.server.id]) : false))
  const retest = useApp((s) => s.retest)
  const status = useApp((s) => s.status)
  const empty = useApp((s) => s.servers.length === 0)

  if (!view) {
    return (
      <div className="empty">
        {status === 'running' ? (
          <p className="muted">Looking for MCP servers…</p>
        ) : empty ? (
          <>
            <h2>No MCP servers found</h2>
            <p className="muted">
              MCP Medic read every config file it knows (listed on the left). Add a server to a client, then re-run.
            </p>
          </>
        ) : (
          <p className="muted">Choose a server on the left.</p>
        )}
      </div>
    )
  }

  const { server, phase } = view
  const busy = phase !== 'done' || retesting
  return (
    <article className="server-detail" aria-label={`Server ${server.name}`}>
      <header className="detail-head">
        <div>
          <h1 className="detail-title">{server.name}</h1>
          <p className="detail-sub">
            {CLIENT_NAMES[server.client]} · {server.scope} scope · <span title={server.configPath}>{tildify(server.configPath, home)}</span>
          </p>
        </div>
        <div className="detail-actions">
          <StatusBadge status={server.status} phase={busy ? 'probing' : 'done'} large />
          <button type="button" className="button" onClick={() => void retest(server.id)} disabled={busy}>
            {busy ? 'Testing…' : 'Re-test'}
          </button>
        </div>
      </header>

      {!busy && <Verdict server={server} />}

      {server.findings.length > 0 && (
        <section className="section" aria-label="Findings">
          <h2 className="section-title">What is wrong</h2>
          {server.findings.map((f, i) => (
            <FindingCard key={`${f.code}-${i}`} finding={f} />
          ))}
        </section>
      )}

      <section className="section" aria-label="Configuration">
        <h2 className="section-title">Configuration</h2>
        <dl className="facts">
          <EffectiveFacts server={server} />
          <dt>Transport</dt>
          <dd>{TRANSPORT_NAMES[server.transport]}</dd>
          {server.command !== undefined && (
            <>
              <dt>Command</dt>
              <dd>
                <code className="mono">{server.command}</code>
              </dd>
            </>
          )}
          {server.args && server.args.length > 0 && (
            <>
              <dt>Arguments</dt>
              <dd>
                <ol className="args">
                  {server.args.map((arg, i) => (
                    <li key={i}>
                      <code className="mono">{arg}</code>
                    </li>
                  ))}
                </ol>
              </dd>
            </>
          )}
          {server.url && (
            <>
              <dt>URL</dt>
              <dd>
                <code className="mono">{server.url}</code>
              </dd>
            </>
          )}
          <dt>Environment</dt>
          <dd>
            {server.env && Object.keys(server.env).length > 0 ? (
              <table className="env">
                <tbody>
                  {Object.entries(server.env).map(([key, value]) => (
                    <tr key={key}>
                      <td>
                        <code className="mono">{key}</code>
                      </td>
                      <td className={`env-value env-${value.slice(1, -1)}`}>{ENV_DISPLAY[value]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <span className="muted">none set in the entry</span>
            )}
          </dd>
          {server.project && (
            <>
              <dt>Project</dt>
              <dd>
                <code className="mono">{tildify(server.project, home)}</code>
              </dd>
            </>
          )}
        </dl>
      </section>

      {server.resolution && <ResolutionFacts resolution={server.resolution} />}
      {server.probe?.remote && <RemoteFacts probe={server.probe} remote={server.probe.remote} />}
      {server.probe?.terminal && <TerminalDiff probe={server.probe} terminal={server.probe.terminal} home={home} />}
      {server.probe && <ProbeFacts probe={server.probe} />}
    </article>
  )
}

const ENV_DISPLAY: Record<string, string> = {
  '<redacted>': '•••••••• (set, hidden)',
  '<empty>': 'empty',
  '<placeholder>': 'placeholder, not a real value'
}

function Verdict({ server }: { server: ServerReport }) {
  const probe = server.probe
  if (server.status === 'ok' && probe?.outcome === 'ok') {
    return (
      <p className="verdict verdict-ok">
        Connected: {probe.serverInfo ? `${probe.serverInfo.name} ${probe.serverInfo.version}` : 'the server'} answered the handshake in{' '}
        {formatMs(probe.timings?.initializeMs ?? probe.ms)} and offers {probe.tools ?? 0} tool{probe.tools === 1 ? '' : 's'}.
      </p>
    )
  }
  if (server.status === 'skipped') {
    const unused = server.effective && server.effective.state !== 'active' ? `Not started: ${EFFECTIVE_LABELS[server.effective.state]} in ${CLIENT_NAMES[server.client]}.` : undefined
    return <p className="verdict verdict-skipped">{unused ?? (server.transport === 'stdio' ? 'This server was not started.' : 'This remote server was not contacted.')}</p>
  }
  const first = server.findings[0]
  return first ? (
    <p className={`verdict verdict-${server.status}`}>
      <RichText text={first.title} />
    </p>
  ) : null
}

function ProbeFacts({ probe }: { probe: Probe }) {
  const rows: [string, string][] = []
  if (probe.timings?.spawnMs !== undefined) rows.push(['Process started', formatMs(probe.timings.spawnMs)])
  if (probe.timings?.firstStdoutMs !== undefined) rows.push(['First output', formatMs(probe.timings.firstStdoutMs)])
  if (probe.timings?.initializeMs !== undefined) rows.push(['Handshake answered', formatMs(probe.timings.initializeMs)])
  if (probe.timings?.toolsListMs !== undefined) rows.push(['Tools listed', formatMs(probe.timings.toolsListMs)])
  rows.push(['Total', formatMs(probe.ms)])
  return (
    <section className="section" aria-label="Probe">
      <h2 className="section-title">Probe</h2>
      <dl className="facts">
        <dt>Outcome</dt>
        <dd>
          <code className="mono">{probe.outcome}</code>
          {probe.exitCode !== undefined && probe.exitCode !== null && <> · exit code {probe.exitCode}</>}
          {probe.signal && <> · signal {probe.signal}</>}
        </dd>
        {probe.serverInfo && (
          <>
            <dt>Server</dt>
            <dd>
              {probe.serverInfo.name} {probe.serverInfo.version}
              {probe.protocolVersion && <span className="muted"> · protocol {probe.protocolVersion}</span>}
            </dd>
          </>
        )}
        {probe.tools !== undefined && (
          <>
            <dt>Tools</dt>
            <dd>
              {probe.tools}
              {probe.resources !== undefined && <> · {probe.resources} resources</>}
              {probe.prompts !== undefined && <> · {probe.prompts} prompts</>}
            </dd>
          </>
        )}
        {probe.cwd && (
          <>
            <dt>Working folder</dt>
            <dd>
              <code className="mono">{probe.cwd}</code>
            </dd>
          </>
        )}
        <dt>Timings</dt>
        <dd>
          <table className="timings">
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td className="num">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </dd>
        {probe.stderrTail && (
          <>
            <dt>stderr</dt>
            <dd>
              <details>
                <summary>Last lines the server wrote on stderr</summary>
                <pre className="evidence">{probe.stderrTail}</pre>
                <CopyButton text={probe.stderrTail} />
              </details>
            </dd>
          </>
        )}
      </dl>
    </section>
  )
}
