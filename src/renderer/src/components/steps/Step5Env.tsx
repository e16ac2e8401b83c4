import { useState } from 'react'
import type { ServerReport } from '../../../../shared/report'
import { ENV_STATE_LABELS, envRows, type EnvRow } from '../../env-rows'
import { useApp } from '../../hooks'
import type { Change } from '../../services'
import { BeforeAfter } from '../BeforeAfter'
import { SecretInput } from '../SecretInput'

/**
 * Step 5: every variable the entry sets or a finding names, with its state, and a masked editor:
 * the value the user types goes to `config:edit` and is never shown back. A value already set is
 * shown only when the user asks (`secret:reveal`), and hidden again with one click.
 */
export function Step5Env({ server }: { server: ServerReport }) {
  const rows = envRows(server)
  const [change, setChange] = useState<Change | undefined>()
  const remote = server.transport !== 'stdio'
  return (
    <section className="section" aria-label="Environment variables">
      <h3 className="section-title">Variables {remote ? 'and headers ' : ''}for this server</h3>
      {rows.length === 0 && <p className="muted">The entry sets no variables, and nothing says the server needs one.</p>}
      {rows.length > 0 && (
        <ul className="env-rows">
          {rows.map((row) => (
            <EnvLine key={row.key} row={row} server={server} onChange={setChange} />
          ))}
        </ul>
      )}
      {!remote && <AddVariable server={server} onChange={setChange} />}
      {change && <ChangeNote change={change} serverId={server.id} onChange={setChange} />}
    </section>
  )
}

function EnvLine({ row, server, onChange }: { row: EnvRow; server: ServerReport; onChange: (c: Change) => void }) {
  const api = useApp((s) => s.api)
  const [editing, setEditing] = useState(false)
  const [revealed, setRevealed] = useState<string | undefined>()
  const [note, setNote] = useState<string | undefined>()
  const reveal = async (): Promise<void> => {
    const result = await api.secret.reveal({ serverId: server.id, kind: 'env', key: row.key })
    if (result.ok) setRevealed(result.value.value)
    else setNote(result.error.code === 'unavailable' ? 'Revealing values is not available in this build.' : result.error.message)
  }
  return (
    <li className={`env-row env-state-${row.state}`} data-env={row.key} data-env-state={row.state}>
      <div className="env-row-head">
        <code className="mono env-key">{row.key}</code>
        <span className={`env-pill pill-${row.state}`}>{ENV_STATE_LABELS[row.state]}</span>
        {revealed !== undefined && (
          <code className="mono env-revealed" aria-label={`Value of ${row.key}`}>
            {revealed}
          </code>
        )}
        <span className="env-row-actions">
          {row.inEntry && row.state === 'set' && (
            <button type="button" className="button small ghost" onClick={() => (revealed === undefined ? void reveal() : setRevealed(undefined))}>
              {revealed === undefined ? 'Reveal' : 'Hide'}
            </button>
          )}
          {!editing && (
            <button type="button" className="button small" onClick={() => setEditing(true)}>
              {row.inEntry ? 'Change value' : 'Set value'}
            </button>
          )}
        </span>
      </div>
      {row.finding && <p className="muted small env-why">{row.finding.title}</p>}
      {note && <p className="muted small">{note}</p>}
      {editing && (
        <ValueForm
          server={server}
          name={row.key}
          onDone={(c) => {
            setEditing(false)
            setRevealed(undefined)
            if (c) onChange(c)
          }}
        />
      )}
    </li>
  )
}

/** The masked field and its save: the typed value goes to the engine once and is then forgotten. */
function ValueForm({ server, name, onDone, allowName }: { server: ServerReport; name: string; onDone: (c?: Change) => void; allowName?: boolean }) {
  const editServer = useApp((s) => s.editServer)
  const [key, setKey] = useState(name)
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const validKey = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
  const save = async (): Promise<void> => {
    setBusy(true)
    setError(undefined)
    const result = await editServer({ serverId: server.id, op: { op: 'set-env', key, value } })
    setValue('')
    setBusy(false)
    if (result.ok) onDone(result.change)
    else setError(result.message)
  }
  return (
    <form
      className="env-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      {allowName && (
        <div className="field">
          <label htmlFor={`env-name-${server.id}`}>Name</label>
          <input id={`env-name-${server.id}`} className="input mono" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} placeholder="API_KEY" />
        </div>
      )}
      <SecretInput label={`Value of ${key || 'the variable'}`} value={value} onChange={setValue} autoFocus={!allowName} />
      <div className="env-form-actions">
        <button type="button" className="button small" onClick={() => onDone()} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={busy || !validKey || value.length === 0}>
          {busy ? 'Saving and re-testing…' : 'Save and re-test'}
        </button>
      </div>
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function AddVariable({ server, onChange }: { server: ServerReport; onChange: (c: Change) => void }) {
  const [open, setOpen] = useState(false)
  if (!open) {
    return (
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        Add a variable
      </button>
    )
  }
  return (
    <ValueForm
      server={server}
      name=""
      allowName
      onDone={(c) => {
        setOpen(false)
        if (c) onChange(c)
      }}
    />
  )
}

/** What the last change did, with undo. */
export function ChangeNote({ change, serverId, onChange }: { change: Change; serverId: string; onChange: (c: Change) => void }) {
  const undo = useApp((s) => s.undo)
  const [busy, setBusy] = useState(false)
  const [undone, setUndone] = useState(false)
  const [error, setError] = useState<string | undefined>()
  return (
    <div className="change" data-change={undone ? 'undone' : 'applied'}>
      <p role="status">
        {undone ? 'Undone: ' : ''}
        {change.summary}
      </p>
      <BeforeAfter before={change.before} after={change.after} />
      {change.backupId && !undone && (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            const result = await undo(change.backupId!, change.serverId || serverId)
            setBusy(false)
            if (!result.ok) return setError(result.message)
            setUndone(true)
            onChange({ ...result.change, backupId: undefined })
          }}
        >
          {busy ? 'Undoing…' : 'Undo'}
        </button>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
