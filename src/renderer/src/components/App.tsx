import { useApp } from '../hooks'
import { ConfigMap } from './ConfigMap'
import { FindingCard } from './FindingCard'
import { Header } from './Header'
import { MapButton } from './MapButton'
import { RuntimesPanel } from './RuntimesPanel'
import { ServerDetail } from './ServerDetail'
import { ServerList } from './ServerList'

/** The troubleshooter: every server on the left, the chosen one's verdict and evidence on the right. */
export function App() {
  const status = useApp((s) => s.status)
  const error = useApp((s) => s.error)
  const findings = useApp((s) => s.findings)
  const count = useApp((s) => s.servers.length)
  const view = useApp((s) => s.view)

  return (
    <div className="app">
      <Header />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="body">
        <aside className="sidebar" aria-label="Servers">
          <MapButton />
          {findings.length > 0 && (
            <section className="global-findings" aria-label="Configuration problems">
              {findings.map((f, i) => (
                <FindingCard key={`${f.code}-${i}`} finding={f} compact />
              ))}
            </section>
          )}
          <ServerList />
          {count === 0 && status === 'running' && <p className="muted pad">Reading client configs…</p>}
          <RuntimesPanel />
        </aside>
        <main className="detail">{view === 'map' ? <ConfigMap /> : <ServerDetail />}</main>
      </div>
    </div>
  )
}
