import { useApp } from '../hooks'
import { ConfigMap } from './ConfigMap'
import { FixDialogHost } from './FixDialog'
import { Header } from './Header'
import { Home } from './Home'
import { MapButton } from './MapButton'
import { OverviewButton } from './OverviewButton'
import { ServerList } from './ServerList'
import { ServerPage } from './ServerPage'

/** The troubleshooter: every server on the left; the overview, a server's seven steps or the config map on the right. */
export function App() {
  const status = useApp((s) => s.status)
  const error = useApp((s) => s.error)
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
          <OverviewButton />
          <MapButton />
          <ServerList />
          {count === 0 && status === 'running' && <p className="muted pad">Reading client configs…</p>}
        </aside>
        <main className="detail">{view === 'map' ? <ConfigMap /> : view === 'server' ? <ServerPage /> : <Home />}</main>
      </div>
      <FixDialogHost />
    </div>
  )
}
