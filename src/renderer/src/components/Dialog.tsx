import { useEffect, useId, useRef, type ReactNode } from 'react'
import { focusables } from '../keyboard'

/**
 * A modal dialog: focus moves in when it opens and back to where it was when it closes, Tab and
 * Shift+Tab stay inside, Escape closes it. The keys are heard on the whole document, so they work
 * even when the focused button went away (a phase of the dialog replaced it). `busy` keeps it
 * open while something runs.
 */
export function Dialog({ title, onClose, busy, children, wide }: { title: string; onClose: () => void; busy?: boolean; children: ReactNode; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const state = useRef({ busy, onClose })
  useEffect(() => {
    state.current = { busy, onClose }
  })

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const first = box.current ? (focusables(box.current).find((el) => el.dataset.autofocus !== undefined) ?? focusables(box.current)[0]) : undefined
    ;(first ?? box.current)?.focus()
    const onKey = (event: KeyboardEvent): void => {
      const root = box.current
      if (!root) return
      if (event.key === 'Escape') {
        event.preventDefault()
        if (!state.current.busy) state.current.onClose()
        return
      }
      if (event.key !== 'Tab') return
      const items = focusables(root)
      event.preventDefault()
      if (items.length === 0) return root.focus()
      const at = items.indexOf(document.activeElement as HTMLElement)
      const next = at === -1 ? (event.shiftKey ? items.length - 1 : 0) : (at + (event.shiftKey ? -1 : 1) + items.length) % items.length
      items[next]!.focus()
    }
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('keydown', onKey, true)
      // the button that opened it may be gone (its finding was fixed): the page's heading then
      if (opener && document.contains(opener)) opener.focus()
      else document.querySelector<HTMLElement>('main h1')?.focus()
    }
  }, [])

  // a new phase (preview, result) brings its own main button: focus it
  useEffect(() => {
    const root = box.current
    if (!root || root.contains(document.activeElement)) return
    const target = root.querySelector<HTMLElement>('[data-autofocus]:not([disabled])')
    target?.focus()
  })

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className={`dialog${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={box} tabIndex={-1}>
        <div className="dialog-head">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="button small ghost" onClick={onClose} disabled={busy} aria-label="Close">
            ✕
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  )
}
