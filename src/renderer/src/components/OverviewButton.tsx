import { useApp } from '../hooks'

/** The sidebar entry that opens the overview: the outage line, the summary, what needs attention. */
export function OverviewButton() {
  const view = useApp((s) => s.view)
  const showHome = useApp((s) => s.showHome)
  const failing = useApp((s) => s.servers.filter((v) => v.phase === 'done' && v.server.status === 'error').length)
  const total = useApp((s) => s.servers.length)
  return (
    <button type="button" className={`map-button${view === 'home' ? ' selected' : ''}`} aria-current={view === 'home'} onClick={showHome}>
      <span className="map-button-title">Overview</span>
      <span className="map-button-sub">
        {total} server{total === 1 ? '' : 's'}
        {failing > 0 && <span className="map-button-broken"> · {failing} failing</span>}
      </span>
    </button>
  )
}
