import type { Step } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { neighbour, STATE_LABELS, STEP_SHORT, type StepView } from '../steps'
import { FindingCard } from './FindingCard'
import { RichText } from './RichText'
import { Step1Where } from './steps/Step1Where'
import { Step2Entry } from './steps/Step2Entry'
import { Step3Runtime } from './steps/Step3Runtime'
import { Step4Run } from './steps/Step4Run'
import { Step5Env } from './steps/Step5Env'
import { Step6Logs } from './steps/Step6Logs'
import { Step7Restart } from './steps/Step7Restart'

const BODIES: Record<Step, (props: { server: ServerReport }) => React.JSX.Element | null> = {
  1: Step1Where,
  2: Step2Entry,
  3: Step3Runtime,
  4: Step4Run,
  5: Step5Env,
  6: Step6Logs,
  7: Step7Restart
}

/** One step of the troubleshooter: its state, what was checked, its findings with their fixes, its evidence, and the way on. */
export function StepPanel({ view, server, busy, onStep }: { view: StepView; server: ServerReport; busy: boolean; onStep: (step: Step) => void }) {
  const retest = useApp((s) => s.retest)
  const showHome = useApp((s) => s.showHome)
  const Body = BODIES[view.step]
  const previous = neighbour(view.step, -1)
  const next = neighbour(view.step, 1)
  return (
    <section className="step-panel" role="tabpanel" id="step-panel" aria-labelledby={`step-tab-${view.step}`} data-step={view.step} data-state={view.state}>
      <header className="step-head">
        <h2 className="step-title">
          <span className="step-title-number">Step {view.step}</span> {view.title}
        </h2>
        <span className={`state-pill state-${view.state}`}>{STATE_LABELS[view.state]}</span>
      </header>
      <p className="step-summary">
        <RichText text={view.summary} />
      </p>
      {view.checks.length > 0 && (
        <div className="checks" aria-label="What was checked" role="group">
          <h3 className="section-title">What was checked</h3>
          <ul>
            {view.checks.map((c) => (
              <li key={c.label} className={`check check-${c.state}`} data-check-state={c.state}>
                <span className="check-mark" aria-hidden="true">
                  {c.state === 'pass' ? '✓' : c.state === 'fail' ? '✕' : c.state === 'warning' ? '!' : c.state === 'na' ? '–' : '?'}
                </span>
                <span className="check-label">
                  <RichText text={c.label} />
                  <span className="visually-hidden">: {STATE_LABELS[c.state]}</span>
                </span>
                {c.detail && (
                  <span className="check-detail">
                    <RichText text={c.detail} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.findings.length > 0 && (
        <div className="step-findings">
          {view.findings.map((f, i) => (
            <FindingCard key={`${f.code}-${i}`} finding={f} serverId={server.id} inStep />
          ))}
        </div>
      )}
      <Body server={server} />
      <footer className="step-nav">
        <button type="button" className="button" onClick={() => previous && onStep(previous)} disabled={!previous}>
          ← {previous ? `Step ${previous}: ${STEP_SHORT[previous]}` : 'Previous'}
        </button>
        {next && (
          <button type="button" className="button ghost" onClick={() => void retest(server.id)} disabled={busy} title="Starts the server again and updates every step">
            {busy ? 'Testing…' : 'Re-test this step'}
          </button>
        )}
        <button type="button" className="button primary" onClick={() => (next ? onStep(next) : showHome())}>
          {next ? `Step ${next}: ${STEP_SHORT[next]}` : 'Back to the overview'} →
        </button>
      </footer>
    </section>
  )
}
