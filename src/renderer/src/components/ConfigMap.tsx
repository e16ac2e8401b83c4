import { FORMAT_LABELS, groupConfigs, type ClientMap } from '../config-map'
import { effectiveLine } from '../../../shared/effective'
import { tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ConfigReport, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { EffectiveTag } from './EffectiveTag'
import '../config-map.css'

const SCOPE_NAMES = { user: 'User', project: 'Project', local: 'Local', managed: 'Managed' } as const

/**
 * The discovered map: every client and scope, each config file (with its error, line and column,
 * when it does not parse) and every server in it, with the definition that wins and why the others
 * do not count (shadowed, turned off, pending approval, ignored).
 */
export function ConfigMap() {
  const configs = useApp((s) => s.configs)
  const views = useApp((s) => s.servers)
  const findings = useApp((s) => s.findings)
  const home = useApp((s) => s.info?.home)
  const status = useApp((s) => s.status)
  const servers = views.map((v) => v.server)
  const map = groupConfigs(configs, servers)
  const read = configs.filter((c) => c.exists)
  const broken = configs.filter((c) => c.error)
  const unread = findings.filter((f) => f.code === 'config-unread-file')
  const present = map.filter((m) => m.files.some((f) => f.config.exists))
  const absent = map.filter((m) => !m.files.some((f) => f.config.exists))

  if (configs.length === 0) {
    return <div className="empty">{status === 'running' ? <p className="muted">Reading client configs…</p> : <p className="muted">No config files were read yet.</p>}</div>
  }
  return (
    <article className="config-map" aria-label="Config map">
      <header className="detail-head">
        <div>
          <h1 className="detail-title">Where your MCP servers are configured</h1>
          <p className="detail-sub">
            {read.length} config file{read.length === 1 ? '' : 's'} read · {servers.length} server definition{servers.length === 1 ? '' : 's'} ·{' '}
            {servers.filter((s) => !s.effective || s.effective.state === 'active').length} in use
            {broken.length > 0 && (
              <span className="map-broken-count">
                {' '}
                · {broken.length} file{broken.length === 1 ? '' : 's'} with errors
              </span>
            )}
          </p>
        </div>
      </header>
      {present.map((client) => (
        <ClientSection key={client.client} client={client} home={home} all={servers} />
      ))}
      {unread.length > 0 && (
        <section className="map-client" aria-label="Files no client reads">
          <h2 className="map-client-name">Files no client reads</h2>
          {unread.map((f, i) => (
            <div key={i} className="map-file map-file-unread">
              <div className="map-file-head">
                <code className="map-path">{tildify(String(f.evidence?.path ?? ''), home)}</code>
              </div>
              <p className="map-note">{f.detail}</p>
            </div>
          ))}
        </section>
      )}
      {absent.length > 0 && (
        <section className="map-client map-absent" aria-label="Clients without config files">
          <h2 className="map-client-name">Not configured here</h2>
          <ul className="map-absent-list">
            {absent.map((client) => (
              <li key={client.client}>
                <span className="map-absent-name">{CLIENT_NAMES[client.client]}</span>{' '}
                <span className="muted">looked for {client.files.map((f) => tildify(f.config.path, home)).join(', ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  )
}

function ClientSection({ client, home, all }: { client: ClientMap; home: string | undefined; all: ServerReport[] }) {
  const select = useApp((s) => s.select)
  const fileFindings = useApp((s) => s.findings)
  const used = client.files.flatMap((f) => f.servers).filter((s) => !s.effective || s.effective.state === 'active').length
  const total = client.files.reduce((n, f) => n + f.servers.length, 0)
  return (
    <section className="map-client" aria-label={CLIENT_NAMES[client.client]}>
      <h2 className="map-client-name">
        {CLIENT_NAMES[client.client]}{' '}
        <span className="map-client-count">
          {total} server{total === 1 ? '' : 's'}, {used} in use
        </span>
      </h2>
      {client.files
        .filter((f) => f.config.exists)
        .map(({ config, servers }) => (
          <div key={`${config.scope}:${config.path}`} className={`map-file${config.error ? ' map-file-error' : ''}`} data-config={config.path}>
            <div className="map-file-head">
              <span className={`scope-pill scope-${config.scope}`}>{SCOPE_NAMES[config.scope]}</span>
              <code className="map-path" title={config.path}>
                {tildify(config.path, home)}
              </code>
              {config.format && <span className="map-format">{FORMAT_LABELS[config.format]}</span>}
              {config.readOnly && (
                <span className="map-readonly" title={config.readOnly}>
                  read only
                </span>
              )}
            </div>
            {config.error && <FileError config={config} />}
            {fileFindings
              .filter((f) => f.code !== 'config-invalid-json' && f.code !== 'config-unread-file' && f.evidence?.path === config.path)
              .map((f, i) => (
                <div key={i} className={`map-error map-${f.severity}`} role="alert">
                  {f.title}. {f.fix?.summary}
                </div>
              ))}
            {config.note && <p className="map-note">{config.note}</p>}
            {servers.length > 0 ? (
              <ul className="map-servers">
                {servers.map((s) => (
                  <li key={s.id} className={`map-server map-state-${s.effective?.state ?? 'active'}`} data-server={s.name} data-state={s.effective?.state ?? 'active'}>
                    <button type="button" className="map-server-name" onClick={() => select(s.id)}>
                      {s.name}
                    </button>
                    {s.scope !== config.scope && <span className={`scope-pill scope-${s.scope}`}>{SCOPE_NAMES[s.scope]}</span>}
                    {s.project && config.scope !== 'project' && <span className="map-project">{tildify(s.project, home)}</span>}
                    {!s.effective || s.effective.state === 'active' ? <span className="effective-tag effective-active">in use</span> : <EffectiveTag effective={s.effective} />}
                    <Why server={s} all={all} home={home} />
                  </li>
                ))}
              </ul>
            ) : (
              !config.error && <p className="map-note">No servers in this file.</p>
            )}
          </div>
        ))}
    </section>
  )
}

function FileError({ config }: { config: ConfigReport }) {
  const error = config.error!
  return (
    <div className="map-error" role="alert">
      {error.line > 0 ? (
        <>
          <strong>
            Line {error.line}, column {error.column}:
          </strong>{' '}
        </>
      ) : null}
      {error.message.replace(/ at line \d+, column \d+$/, '')}. Until it is fixed, the client ignores every server in this file.
    </div>
  )
}

/** Why a definition is or is not the one its client uses, linking to the winner. */
function Why({ server, all, home }: { server: ServerReport; all: ServerReport[]; home: string | undefined }) {
  const select = useApp((s) => s.select)
  const effective = server.effective
  if (!effective) return null
  const winner = effective.by ? all.find((s) => s.id === effective.by) : undefined
  if (effective.state === 'active') {
    const losesIn = effective.shadowedIn ?? []
    const wins = all.filter((s) => s.effective?.by === server.id)
    if (losesIn.length === 0 && wins.length === 0) return null
    return (
      <span className="map-why">
        {wins.length > 0 && `Wins over ${wins.map((s) => `the ${s.scope}-scope definition`).join(' and ')}. `}
        {losesIn.length > 0 && `Overridden in ${losesIn.map((l) => (home ? l.project.replaceAll(home, '~') : l.project)).join(', ')} by a closer definition.`}
      </span>
    )
  }
  return (
    <span className="map-why" title={effectiveLine(effective)}>
      {home ? effective.reason.replaceAll(home, '~') : effective.reason}
      {winner && (
        <>
          {' '}
          <button type="button" className="map-link" onClick={() => select(winner.id)}>
            Show the definition in use
          </button>
        </>
      )}
    </span>
  )
}
