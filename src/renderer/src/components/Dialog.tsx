import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { focusables } from '../keyboard'

/**
 * A modal dialog: focus moves in when it opens and back to where it was when it closes, Tab and
 * Shift+Tab stay inside, Escape closes it. `busy` keeps it open while something runs.
 */
export function Dialog({ title, onClose, busy, children, wide }: { title: string; onClose: () => void; busy?: boolean; children: ReactNode; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null)
  const titleId = useId()
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const first = box.current ? focusables(box.current).find((el) => el.dataset.autofocus !== undefined) ?? focusables(box.current)[0] : undefined
    ;(first ?? box.current)?.focus()
    return () => {
      // the button that opened it may be gone (its finding was fixed): the page's heading then
      if (opener && document.contains(opener)) opener.focus()
      else document.querySelector<HTMLElement>('main h1')?.focus()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      if (!busy) onClose()
      return
    }
    if (event.key !== 'Tab' || !box.current) return
    const items = focusables(box.current)
    if (items.length === 0) {
      event.preventDefault()
      return
    }
    const first = items[0]!
    const last = items[items.length - 1]!
    if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className={`dialog${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={box} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="dialog-head">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="button small ghost" onClick={onClose} disabled={busy} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  )
}
