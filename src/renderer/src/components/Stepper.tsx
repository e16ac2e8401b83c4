import { useRef, type KeyboardEvent } from 'react'
import type { Step } from '../../../shared/findings'
import { moveIndex } from '../keyboard'
import { STATE_LABELS, type StepState, type StepView } from '../steps'

const MARKS: Record<StepState, string> = { pass: '✓', warning: '!', fail: '✕', na: '–', unknown: '?' }

/**
 * The seven steps as tabs, each with its state. Arrow keys, Home and End move between them (the
 * WAI-ARIA tabs pattern): one tab stop for the whole row.
 */
export function Stepper({ steps, current, onPick }: { steps: readonly StepView[]; current: Step; onPick: (step: Step) => void }) {
  const row = useRef<HTMLDivElement>(null)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = moveIndex(event.key, current - 1, steps.length, 'horizontal')
    if (next === undefined) return
    event.preventDefault()
    onPick(steps[next]!.step)
    row.current?.querySelector<HTMLButtonElement>(`[data-step="${steps[next]!.step}"]`)?.focus()
  }
  return (
    <div className="stepper" role="tablist" aria-label="Troubleshooting steps" ref={row} onKeyDown={onKeyDown}>
      {steps.map((s) => (
        <button
          key={s.step}
          type="button"
          role="tab"
          id={`step-tab-${s.step}`}
          aria-selected={s.step === current}
          aria-controls="step-panel"
          aria-label={`Step ${s.step}, ${s.short}: ${STATE_LABELS[s.state]}`}
          tabIndex={s.step === current ? 0 : -1}
          className={`step-tab step-${s.state}${s.step === current ? ' current' : ''}`}
          data-step={s.step}
          data-state={s.state}
          title={s.title}
          onClick={() => onPick(s.step)}
        >
          <span className="step-mark" aria-hidden="true">
            {MARKS[s.state]}
          </span>
          <span className="step-label" aria-hidden="true">
            <span className="step-number">{s.step}</span> {s.short}
          </span>
        </button>
      ))}
    </div>
  )
}
