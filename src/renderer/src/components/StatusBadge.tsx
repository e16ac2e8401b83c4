import type { ServerStatus } from '../../../shared/report'
import type { ServerPhase } from '../store'

export const STATUS_LABELS: Record<ServerStatus, string> = {
  ok: 'Connected',
  warning: 'Warning',
  error: 'Failing',
  skipped: 'Not checked'
}

/** The verdict as a coloured pill, or a spinner while the server is being checked. */
export function StatusBadge({ status, phase, large }: { status: ServerStatus; phase: ServerPhase; large?: boolean }) {
  if (phase !== 'done') {
    return (
      // not a live region: with a hundred servers checking at once, the progress bar speaks for them
      <span className={`badge badge-checking${large ? ' badge-large' : ''}`}>
        <span className="spinner" aria-hidden="true" />
        Checking
      </span>
    )
  }
  return <span className={`badge badge-${status}${large ? ' badge-large' : ''}`}>{STATUS_LABELS[status]}</span>
}
