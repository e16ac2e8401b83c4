import { useApp } from '../hooks'

/** The sidebar entry that opens the map of config files, with a count of broken ones. */
export function MapButton() {
  const configs = useApp((s) => s.configs)
  const view = useApp((s) => s.view)
  const showMap = useApp((s) => s.showMap)
  if (configs.length === 0) return null
  const read = configs.filter((c) => c.exists).length
  const broken = configs.filter((c) => c.error).length
  return (
    <button type="button" className={`map-button${view === 'map' ? ' selected' : ''}`} aria-current={view === 'map'} onClick={showMap}>
      <span className="map-button-title">Config map</span>
      <span className="map-button-sub">
        {read} file{read === 1 ? '' : 's'} read
        {broken > 0 && <span className="map-button-broken"> · {broken} with errors</span>}
      </span>
    </button>
  )
}
