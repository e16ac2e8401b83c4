import type { ServerSnapshot } from '../../../shared/fix'
import { StatusBadge } from './StatusBadge'

/** A server before and after a change: status, tool count, and its one line. */
export function BeforeAfter({ before, after }: { before: ServerSnapshot; after?: ServerSnapshot }) {
  return (
    <div className="before-after" role="group" aria-label="Before and after">
      <Side label="Before" snap={before} />
      <span className="before-after-arrow" aria-hidden="true">
        →
      </span>
      {after ? <Side label="After" snap={after} /> : <div className="side muted">Not re-tested</div>}
    </div>
  )
}

function Side({ label, snap }: { label: string; snap: ServerSnapshot }) {
  return (
    <div className={`side side-${snap.status}`} data-side={label.toLowerCase()} data-status={snap.status}>
      <span className="side-label">{label}</span>
      <StatusBadge status={snap.status} phase="done" />
      <span className="side-line">{snap.line}</span>
      {snap.tools !== undefined && !snap.line.includes(' tool') && <span className="muted small">{snap.tools} tool{snap.tools === 1 ? '' : 's'}</span>}
    </div>
  )
}

/** A unified diff, each line marked as added, removed or context (the engine has masked every secret). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n')
  return (
    <pre className="diff" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => {
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx'
        return (
          <span key={i} className={`diff-line diff-${kind}`}>
            {line}
            {'\n'}
          </span>
        )
      })}
    </pre>
  )
}
