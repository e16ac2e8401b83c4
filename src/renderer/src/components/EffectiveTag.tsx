import { EFFECTIVE_LABELS } from '../../../shared/effective'
import type { EffectiveState } from '../../../shared/report'

/** A small tag for a definition its client does not use: shadowed, turned off, not approved, ignored. */
export function EffectiveTag({ effective }: { effective: EffectiveState | undefined }) {
  if (!effective || effective.state === 'active') return null
  return (
    <span className={`effective-tag effective-${effective.state}`} title={effective.reason}>
      {EFFECTIVE_LABELS[effective.state]}
    </span>
  )
}
