import { useState } from 'react'
import { useApp } from '../hooks'
import { ExportDialog } from './ExportDialog'

/** App bar: name, counts by status, live progress while a diagnosis runs, and Re-run. */
export function Header() {
  const status = useApp((s) => s.status)
  const servers = useApp((s) => s.servers)
  const run = useApp((s) => s.run)
  const version = useApp((s) => s.info?.version)

  const running = status === 'running'
  const done = servers.filter((v) => v.phase === 'done').length
  const counts = { ok: 0, warning: 0, error: 0, skipped: 0 }
  for (const v of servers) if (v.phase === 'done') counts[v.server.status]++

  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <span className="brand-name">MCP Medic</span>
        {version && <span className="brand-version">{version}</span>}
      </div>
      <div className="header-status" aria-live="polite">
        {running ? (
          <div className="progress" role="status">
            <span>
              {servers.length === 0 ? 'Reading configs…' : `Checking servers… ${done} of ${servers.length}`}
            </span>
            <div className="progress-track" aria-hidden="true">
              <div className="progress-bar" style={{ width: `${servers.length ? (100 * done) / servers.length : 8}%` }} />
            </div>
          </div>
        ) : (
          status === 'done' && (
            <div className="counts" role="status" aria-label="Summary">
              <span className="count count-ok">{counts.ok} connected</span>
              <span className="count count-warning">
                {counts.warning} warning{counts.warning === 1 ? '' : 's'}
              </span>
              <span className="count count-error">{counts.error} failing</span>
              {counts.skipped > 0 && <span className="count count-skipped">{counts.skipped} not checked</span>}
            </div>
          )
        )}
      </div>
      <ExportButton ready={status === 'done'} />
      <button type="button" className="button primary" onClick={() => void run()} disabled={running}>
        {running ? 'Checking…' : 'Re-run diagnosis'}
      </button>
    </header>
  )
}

/** "Export report…", once there is a diagnosis to export; opens the preview dialog. */
function ExportButton({ ready }: { ready: boolean }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} disabled={!ready} aria-haspopup="dialog">
        Export report…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" />
      <path d="M12 7v10M7 12h10" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  )
}
