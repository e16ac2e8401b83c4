import { useEffect, useId, useRef, useState } from 'react'
import type { Response } from '../../../shared/contract'
import { tildify } from '../../../shared/present'
import type { ServerReport } from '../../../shared/report'
import { FORMAT_LABELS } from '../config-map'
import { useApp } from '../hooks'
import { loaded, type Change, type Loadable } from '../services'
import { BeforeAfter, DiffView } from './BeforeAfter'
import { Unavailable } from './Unavailable'

type Entry = Response<'config:entry'>
type Check = Response<'config:check'>

/** How long typing must pause before the text is checked. */
const CHECK_DELAY_MS = 250

/**
 * The step-2 editor: the entry's text in its file's format (secrets masked), checked as the user
 * types (parse errors at their line and column, the client's schema), the diff it would make, and
 * save with a backup, then undo. The user's text is never thrown away on an error.
 */
export function EntryEditor({ server }: { server: ServerReport }) {
  const api = useApp((s) => s.api)
  const saveEntry = useApp((s) => s.saveEntry)
  const undo = useApp((s) => s.undo)
  const home = useApp((s) => s.info?.home)
  const [entry, setEntry] = useState<Loadable<Entry>>({ state: 'loading' })
  const [text, setText] = useState('')
  const [check, setCheck] = useState<Check | undefined>()
  const [checkError, setCheckError] = useState<string | undefined>()
  const [busy, setBusy] = useState<'saving' | 'undoing' | undefined>()
  const [change, setChange] = useState<{ change: Change; undone: boolean } | undefined>()
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | undefined>()
  const gutter = useRef<HTMLDivElement>(null)
  const errorsId = useId()
  const serverId = server.id

  const show = (result: Loadable<Entry>): void => {
    setEntry(result)
    if (result.state === 'ready') {
      setText(result.value.text)
      setCheck(undefined)
      setProblem(undefined)
    }
  }
  const load = async (): Promise<void> => show(loaded(await api.config.entry({ serverId })))
  useEffect(() => {
    let live = true
    void api.config.entry({ serverId }).then((result) => live && show(loaded(result)))
    return () => {
      live = false
    }
    // loads again only for another server
  }, [api, serverId])

  const original = entry.state === 'ready' ? entry.value.text : undefined
  const dirty = original !== undefined && text !== original
  useEffect(() => {
    if (!dirty) return
    let live = true
    const timer = setTimeout(async () => {
      const result = await api.config.check({ serverId, text })
      if (!live) return
      setCheck(result.ok ? result.value : undefined)
      setCheckError(result.ok ? undefined : result.error.code === 'unavailable' ? 'Checking as you type is not available in this build.' : result.error.message)
    }, CHECK_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, serverId, text, dirty])

  if (entry.state === 'unavailable') return <Unavailable what="Editing the entry here" />
  if (entry.state === 'failed') return <p className="muted">The entry could not be read as text: {entry.message}</p>
  if (entry.state !== 'ready') return <p className="muted">Reading the entry…</p>

  const current = dirty ? check : undefined
  const errors = current?.errors ?? []
  const errorLines = new Set(errors.map((e) => e.line))
  const lineCount = text.split('\n').length
  const canSave = dirty && current?.ok === true && !busy && !entry.value.readOnly

  const save = async (): Promise<void> => {
    setBusy('saving')
    setProblem(undefined)
    const result = await saveEntry({ serverId, text, expectedHash: entry.value.hash })
    setBusy(undefined)
    if (!result.ok) {
      setProblem({ message: result.message, conflict: result.code === 'conflict' })
      return
    }
    if (result.change.serverId === serverId) await load()
    setChange({ change: result.change, undone: false })
  }
  const undoSave = async (c: Change): Promise<void> => {
    setBusy('undoing')
    const result = await undo(c.backupId!, c.serverId)
    setBusy(undefined)
    if (!result.ok) return setProblem({ message: result.message, conflict: false })
    if (result.change.serverId === serverId) await load()
    setChange({ change: result.change, undone: true })
  }

  return (
    <section className="section entry-editor" aria-label="Edit the entry">
      <h3 className="section-title">
        Edit the entry <span className="muted small">({FORMAT_LABELS[entry.value.format]}, in {tildify(entry.value.configPath, home)})</span>
      </h3>
      {entry.value.readOnly && <p className="muted">Read only: {entry.value.readOnly}</p>}
      {entry.value.masked.length > 0 && (
        <p className="muted small">
          The values of {entry.value.masked.join(', ')} are masked; they stay as they are when you save. Change them in step 5.
        </p>
      )}
      <div className={`editor${errors.length > 0 ? ' editor-invalid' : ''}`}>
        <div className="editor-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <span key={i} className={errorLines.has(i + 1) ? 'gutter-error' : undefined}>
              {i + 1}
            </span>
          ))}
        </div>
        <textarea
          className="editor-text mono"
          aria-label={`Entry text (${FORMAT_LABELS[entry.value.format]})`}
          aria-invalid={errors.length > 0}
          aria-describedby={errorsId}
          spellCheck={false}
          autoComplete="off"
          readOnly={Boolean(entry.value.readOnly)}
          value={text}
          rows={Math.min(24, Math.max(6, lineCount + 1))}
          onChange={(e) => {
            setText(e.target.value)
            setChange(undefined)
          }}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop
          }}
        />
      </div>
      <div id={errorsId} className="editor-status" aria-live="polite">
        {errors.map((e, i) => (
          <p key={i} className="editor-error" data-line={e.line}>
            Line {e.line}, column {e.column}: {e.message}
          </p>
        ))}
        {current?.findings.map((f, i) => (
          <p key={`f${i}`} className={`editor-finding editor-${f.severity}`}>
            {f.title}
          </p>
        ))}
        {dirty && current?.ok && errors.length === 0 && <p className="ok-text">Valid. Nothing is written until you save.</p>}
        {dirty && !current && <p className="muted">{checkError ?? 'Checking…'}</p>}
      </div>
      {current?.diff && (
        <details className="diff-preview" open>
          <summary>What saving changes in the file</summary>
          <DiffView diff={current.diff} label="Diff of the config file" />
        </details>
      )}
      {problem && (
        <div className="dialog-error" role="alert">
          {problem.conflict ? 'The file changed on disk since it was opened, so nothing was written. Your text is still here.' : problem.message}{' '}
          {problem.conflict && (
            <button type="button" className="button small" onClick={() => void load()}>
              Load the file again
            </button>
          )}
        </div>
      )}
      {change && (
        <div className="change">
          <p role="status">
            {change.undone ? 'Undone: ' : ''}
            {change.change.summary}
          </p>
          <BeforeAfter before={change.change.before} after={change.change.after} />
        </div>
      )}
      <div className="editor-actions">
        <button type="button" className="button" onClick={() => setText(original ?? '')} disabled={!dirty || Boolean(busy)}>
          Revert
        </button>
        {change?.change.backupId && !change.undone && (
          <button type="button" className="button" onClick={() => void undoSave(change.change)} disabled={Boolean(busy)}>
            {busy === 'undoing' ? 'Undoing…' : 'Undo save'}
          </button>
        )}
        <button type="button" className="button primary" onClick={() => void save()} disabled={!canSave}>
          {busy === 'saving' ? 'Saving and re-testing…' : 'Save with backup'}
        </button>
      </div>
    </section>
  )
}
