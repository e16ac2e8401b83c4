import { useEffect } from 'react'
import type { ClientServerView, ClientView } from '../../../../shared/client-view'
import { EFFECTIVE_LABELS } from '../../../../shared/effective'
import { formatMs, tildify } from '../../../../shared/present'
import { CLIENT_NAMES, type ServerReport } from '../../../../shared/report'
import { useApp } from '../../hooks'
import { CopyButton } from '../CopyButton'
import { EffectiveFacts } from '../EffectiveFacts'
import { Unavailable } from '../Unavailable'

/** Step 1: where the entry lives, which definition wins, and what the client's own CLI says about it. */
export function Step1Where({ server }: { server: ServerReport }) {
  const home = useApp((s) => s.info?.home)
  const select = useApp((s) => s.select)
  const all = useApp((s) => s.servers)
  const others = all.filter((v) => v.server.client === server.client && v.server.name === server.name && v.server.id !== server.id)
  return (
    <>
      <section className="section" aria-label="Where the entry lives">
        <h3 className="section-title">Where the entry lives</h3>
        <dl className="facts">
          <dt>Client</dt>
          <dd>
            {CLIENT_NAMES[server.client]}, {server.scope} scope
          </dd>
          <dt>File</dt>
          <dd className="with-copy">
            <code className="mono">{server.configPath}</code>
            <CopyButton text={server.configPath} label="Copy path" />
          </dd>
          {server.project && (
            <>
              <dt>Project</dt>
              <dd>
                <code className="mono">{tildify(server.project, home)}</code>
              </dd>
            </>
          )}
          <EffectiveFacts server={server} />
        </dl>
        {others.length > 0 && (
          <div className="other-definitions">
            <h4 className="subhead">Other definitions named “{server.name}” in {CLIENT_NAMES[server.client]}</h4>
            <ul>
              {others.map(({ server: other }) => (
                <li key={other.id}>
                  <button type="button" className="map-link" onClick={() => select(other.id, 1)}>
                    {other.scope} scope · {tildify(other.configPath, home)}
                  </button>{' '}
                  <span className="muted">{other.effective ? EFFECTIVE_LABELS[other.effective.state] : 'in use'}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <ClientOwnView server={server} />
    </>
  )
}

/** The client CLI's own verdict on this server (`claude mcp list`, …), and why it may disagree. */
function ClientOwnView({ server }: { server: ServerReport }) {
  const views = useApp((s) => s.clientViews)
  const load = useApp((s) => s.loadClientViews)
  const home = useApp((s) => s.info?.home)
  useEffect(() => {
    void load()
  }, [load])
  const client = CLIENT_NAMES[server.client]
  let body: React.JSX.Element
  if (views.state === 'idle' || views.state === 'loading') body = <p className="muted">Asking {client}&apos;s own command line…</p>
  else if (views.state === 'unavailable') body = <Unavailable what={`Asking ${client}'s own command line`} />
  else if (views.state === 'failed') body = <p className="muted">Could not ask the client: {views.message}</p>
  else {
    const view = views.value.find((v) => v.client === server.client)
    body = view ? <ViewFacts view={view} line={match(view, server)} home={home} /> : <p className="muted">{client} has no command line that lists its servers; MCP Medic&apos;s own test is the only verdict.</p>
  }
  return (
    <section className="section" aria-label="The client's own view">
      <h3 className="section-title">What {client} itself says</h3>
      {body}
    </section>
  )
}

function match(view: ClientView, server: ServerReport): ClientServerView | undefined {
  return view.servers.find((s) => s.serverId === server.id) ?? view.servers.find((s) => s.name === server.name && (!s.scope || s.scope === server.scope))
}

function ViewFacts({ view, line, home }: { view: ClientView; line: ClientServerView | undefined; home: string | undefined }) {
  if (view.state === 'not-installed') return <p className="muted">{CLIENT_NAMES[view.client]}&apos;s command line is not installed here, so only MCP Medic&apos;s test counts.</p>
  return (
    <dl className="facts" data-client-view={view.state}>
      {view.cli && (
        <>
          <dt>Command line</dt>
          <dd>
            <code className="mono">{tildify(view.cli.path, home)}</code>
            {view.cli.version && <span className="muted"> · {view.cli.version}</span>}
          </dd>
        </>
      )}
      {view.command && (
        <>
          <dt>Asked</dt>
          <dd>
            <code className="mono">{view.command}</code> <span className="muted">({formatMs(view.ms)})</span>
          </dd>
        </>
      )}
      <dt>Its answer</dt>
      <dd data-verdict={line?.verdict ?? 'none'}>
        {view.state !== 'ok' ? (
          <span className="muted">no usable answer ({view.state}{view.error ? `: ${view.error}` : ''})</span>
        ) : line ? (
          <code className="mono">{line.text}</code>
        ) : (
          <span className="muted">it does not list this server</span>
        )}
      </dd>
      {line?.agrees !== undefined && (
        <>
          <dt>Agrees</dt>
          <dd className={line.agrees ? 'ok-text' : 'warn-text'}>
            {line.agrees ? 'Yes, same verdict as MCP Medic.' : 'No.'} {line.explanation}
          </dd>
        </>
      )}
    </dl>
  )
}
