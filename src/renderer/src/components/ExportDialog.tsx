import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Response, Result } from '../../../shared/contract'
import { useApp } from '../hooks'
import './export-dialog.css'

type Format = 'md' | 'json' | 'html'
type Exported = Response<'report:export'>

/** GitHub refuses an issue body longer than this (characters). */
const GITHUB_LIMIT = 65_536

const FORMATS: { id: Format; label: string; hint: string }[] = [
  { id: 'md', label: 'Markdown', hint: 'to paste into a GitHub issue' },
  { id: 'html', label: 'HTML page', hint: 'to print or attach' },
  { id: 'json', label: 'JSON', hint: 'for tools (the report model)' }
]

function size(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`
}

/**
 * "Export report…": a preview of exactly the text that will leave the machine (made by the engine,
 * every secret already replaced, nothing here can reveal one), then Save (a save dialog in the
 * desktop app, a download in the browser) or Copy as Markdown. A modal dialog: focus stays inside,
 * Escape closes it, focus goes back to the button that opened it.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const exportReport = useApp((s) => s.exportReport)
  const saveReport = useApp((s) => s.saveReport)
  const [format, setFormat] = useState<Format>('md')
  // One export per format, made when the format is first chosen (the dialog is modal: the
  // diagnosis cannot change while it is open).
  const [results, setResults] = useState<Partial<Record<Format, Result<Exported>>>>({})
  const [note, setNote] = useState<string>()
  const dialog = useRef<HTMLDivElement>(null)
  const result = results[format]
  const exported = result?.ok ? result.value : undefined
  const error = result && !result.ok ? result.error.message : undefined

  useEffect(() => {
    if (results[format]) return
    let current = true
    void exportReport(format).then((answer) => {
      if (current) setResults((all) => ({ ...all, [format]: answer }))
    })
    return () => {
      current = false
    }
  }, [format, results, exportReport])

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    dialog.current?.querySelector<HTMLElement>('input:checked')?.focus()
    return () => opener?.focus()
  }, [])

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        onClose()
        return
      }
      if (event.key !== 'Tab' || !dialog.current) return
      // Keep focus inside the dialog: Tab from the last control wraps to the first, and back.
      // One selector, filtered after: a selector list may not come back in document order.
      const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, input, [tabindex="0"]')].filter(
        (e) => !(e as HTMLButtonElement).disabled && (!(e instanceof HTMLInputElement) || e.checked)
      )
      const first = focusable[0]
      const last = focusable.at(-1)
      if (!first || !last) return
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    },
    [onClose]
  )

  const save = async (): Promise<void> => {
    if (!exported) return
    setNote(undefined)
    const result = await saveReport(exported.format)
    if (result.ok) {
      setNote(result.value.saved ? `Saved to ${result.value.path ?? 'the chosen file'}.` : 'Not saved.')
      return
    }
    if (result.error.code !== 'unavailable') {
      setNote(result.error.message)
      return
    }
    // The browser face has no save dialog: the browser downloads the same text instead.
    const url = URL.createObjectURL(new Blob([exported.text], { type: exported.mime }))
    const link = document.createElement('a')
    link.href = url
    link.download = exported.filename
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    setNote(`Downloaded ${exported.filename}.`)
  }

  const copyMarkdown = async (): Promise<void> => {
    setNote(undefined)
    const md = exported?.format === 'md' ? { ok: true as const, value: exported } : await exportReport('md')
    if (!md.ok) return setNote(md.error.message)
    try {
      await navigator.clipboard.writeText(md.value.text)
      setNote(`Copied ${md.value.text.length.toLocaleString('en')} characters of Markdown.`)
    } catch {
      setNote('The clipboard is not available here; use Save instead.')
    }
  }

  const tooLong = exported?.format === 'md' && exported.text.length > GITHUB_LIMIT

  return (
    <div className="export-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" aria-describedby="export-about" onKeyDown={onKeyDown}>
        <header className="export-head">
          <h2 id="export-title">Export report</h2>
          <button type="button" className="button small ghost" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <p id="export-about" className="export-about">
          This is exactly what will leave your machine. Secrets (env and header values, tokens in arguments, URLs and output) are already replaced, your home folder shows as <code>~</code> and your user name as <code>&lt;user&gt;</code>. Nothing can be revealed into an export.
        </p>
        <fieldset className="export-formats">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className={f.id === format ? 'export-format selected' : 'export-format'}>
              <input type="radio" name="export-format" value={f.id} checked={f.id === format} onChange={() => setFormat(f.id)} />
              <span className="export-format-name">{f.label}</span> <span className="muted">{f.hint}</span>
            </label>
          ))}
        </fieldset>
        <div className="export-meta" role="status" aria-live="polite">
          {error ? (
            <span className="export-error">{error}</span>
          ) : exported ? (
            <>
              <span className="mono">{exported.filename}</span> · {size(exported.bytes)}
              {exported.trimmed && ' · evidence shortened to fit a GitHub issue (the JSON has all of it)'}
              {tooLong && <span className="export-error"> · still longer than a GitHub issue allows: attach the file instead</span>}
            </>
          ) : (
            'Preparing the report…'
          )}
        </div>
        <pre className="export-preview" tabIndex={0} aria-label={`Preview of the ${FORMATS.find((f) => f.id === format)!.label} report`}>
          {exported?.text ?? ''}
        </pre>
        <footer className="export-actions">
          {note && (
            <span className="export-note" role="status">
              {note}
            </span>
          )}
          <button type="button" className="button" onClick={() => void copyMarkdown()} disabled={!!error}>
            Copy as Markdown
          </button>
          <button type="button" className="button primary" onClick={() => void save()} disabled={!exported}>
            Save…
          </button>
        </footer>
      </div>
    </div>
  )
}
