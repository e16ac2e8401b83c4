import { useEffect, useState } from 'react'
import { tildify } from '../../../../shared/present'
import { CLIENT_NAMES, type ServerReport } from '../../../../shared/report'
import { useApp } from '../../hooks'
import type { BackupRecord, Change } from '../../services'
import { ReloadHowTo } from '../ReloadHowTo'
import { ChangeNote } from './Step5Env'

/** Step 7: how to make the client pick up a change, a re-test, and every change MCP Medic made to this file, with undo. */
export function Step7Restart({ server }: { server: ServerReport }) {
  const retest = useApp((s) => s.retest)
  const busy = useApp((s) => Boolean(s.retesting[server.id]))
  const edited = useApp((s) => Boolean(s.edited[server.id]))
  const pickedUp = useApp((s) => s.pickedUp)
  return (
    <>
      <section className="section" aria-label="Pick up the change">
        <h3 className="section-title">Make {CLIENT_NAMES[server.client]} pick up the change</h3>
        <ReloadHowTo client={server.client} />
        <div className="step7-actions">
          <button type="button" className="button primary" onClick={() => void retest(server.id)} disabled={busy}>
            {busy ? 'Testing…' : `Re-test ${server.name}`}
          </button>
          {edited && (
            <button type="button" className="button" onClick={() => pickedUp(server.id)}>
              Done: {CLIENT_NAMES[server.client]} has picked it up
            </button>
          )}
        </div>
      </section>
      <History server={server} />
    </>
  )
}

function History({ server }: { server: ServerReport }) {
  const history = useApp((s) => s.history)
  const load = useApp((s) => s.loadHistory)
  const undo = useApp((s) => s.undo)
  const home = useApp((s) => s.info?.home)
  const [busy, setBusy] = useState<string | undefined>()
  const [change, setChange] = useState<Change | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    void load()
  }, [load])
  const records: BackupRecord[] = history.state === 'ready' || history.state === 'loading' ? (history.value ?? []) : []
  const mine = records.filter((r) => r.path === server.configPath)
  return (
    <section className="section" aria-label="Changes made here">
      <h3 className="section-title">
        Changes MCP Medic made to <span className="muted">{tildify(server.configPath, home)}</span>
      </h3>
      {history.state === 'failed' && <p className="muted">The history could not be read: {history.message}</p>}
      {mine.length === 0 && history.state === 'ready' && <p className="muted">None yet. Every change made here keeps a backup and can be undone from this list.</p>}
      {mine.length > 0 && (
        <ul className="history">
          {mine.map((r) => (
            <li key={r.id} className={`history-row${r.undoneAt ? ' undone' : ''}`} data-backup={r.id}>
              <span className="history-when muted small">{new Date(r.createdAt).toLocaleString()}</span>
              <span className="history-what">{r.summary}</span>
              {r.undoneAt ? (
                <span className="muted small">undone {new Date(r.undoneAt).toLocaleTimeString()}</span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  disabled={busy !== undefined}
                  aria-label={`Undo: ${r.summary}`}
                  onClick={async () => {
                    setBusy(r.id)
                    setError(undefined)
                    const result = await undo(r.id, server.id)
                    setBusy(undefined)
                    if (result.ok) setChange({ ...result.change, backupId: undefined })
                    else setError(result.message)
                  }}
                >
                  {busy === r.id ? 'Undoing…' : 'Undo'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      {change && <ChangeNote change={change} serverId={server.id} onChange={setChange} />}
    </section>
  )
}
