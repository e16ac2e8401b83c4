import { useEffect, useMemo, useRef } from 'react'
import { EFFECTIVE_LABELS } from '../../../shared/effective'
import { formatMs, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { buildSteps, firstProblemStep } from '../steps'
import { RichText } from './RichText'
import { StatusBadge } from './StatusBadge'
import { StepPanel } from './StepPanel'
import { Stepper } from './Stepper'

/** A server's page: its verdict, then the guided flow through the seven steps. */
export function ServerPage() {
  const view = useApp((s) => s.servers.find((v) => v.server.id === s.selectedId))
  const home = useApp((s) => s.info?.home)
  const retesting = useApp((s) => (view ? Boolean(s.retesting[view.server.id]) : false))
  const retest = useApp((s) => s.retest)
  const configs = useApp((s) => s.configs)
  const globalFindings = useApp((s) => s.findings)
  const edited = useApp((s) => (view ? Boolean(s.edited[view.server.id]) : false))
  const step = useApp((s) => s.step)
  const setStep = useApp((s) => s.setStep)
  const server = view?.server
  const top = useRef<HTMLDivElement>(null)
  const shown = useRef(step)
  // a new step starts at its top: Next at the bottom of a long step would otherwise land mid-page
  useEffect(() => {
    if (shown.current === step) return
    shown.current = step
    const bar = top.current
    if (bar && bar.getBoundingClientRect().top < 0) bar.scrollIntoView({ block: 'start' })
  }, [step])
  const steps = useMemo(() => (server ? buildSteps(server, { configs, globalFindings, edited }) : []), [server, configs, globalFindings, edited])

  if (!view || !server) return <div className="empty"><p className="muted">Choose a server on the left.</p></div>
  const busy = view.phase !== 'done' || retesting
  const problem = firstProblemStep(steps)
  return (
    <article className="server-page" aria-label={`Server ${server.name}`}>
      <header className="detail-head">
        <div>
          <h1 className="detail-title" tabIndex={-1}>
            {server.name}
          </h1>
          <p className="detail-sub">
            {CLIENT_NAMES[server.client]} · {server.scope} scope · <span title={server.configPath}>{tildify(server.configPath, home)}</span>
          </p>
        </div>
        <div className="detail-actions">
          <StatusBadge status={server.status} phase={busy ? 'probing' : 'done'} large />
          <button type="button" className="button" onClick={() => void retest(server.id)} disabled={busy}>
            {busy ? 'Testing…' : 'Re-test'}
          </button>
        </div>
      </header>
      <div className={`verdict-row verdict-${busy ? 'skipped' : server.status}`}>
        <Verdict server={server} busy={busy} />
        {problem && !busy && problem !== step && (
          <button type="button" className="button small jump" onClick={() => setStep(problem)}>
            {steps[problem - 1]!.state === 'fail' ? `Go to the first problem: step ${problem}` : `Go to step ${problem}: ${steps[problem - 1]!.short}`}
          </button>
        )}
      </div>
      <div ref={top}>
        <Stepper steps={steps} current={step} onPick={setStep} />
      </div>
      <StepPanel key={`${server.id}:${step}`} view={steps[step - 1]!} server={server} busy={busy} onStep={setStep} />
    </article>
  )
}

function Verdict({ server, busy }: { server: ServerReport; busy: boolean }) {
  const probe = server.probe
  if (busy) return <p className="verdict">Testing {server.name} the way {CLIENT_NAMES[server.client]} starts it…</p>
  if (server.status === 'ok' && probe?.outcome === 'ok') {
    return (
      <p className="verdict">
        Connected: {probe.serverInfo ? `${probe.serverInfo.name} ${probe.serverInfo.version}` : 'the server'} answered the handshake in{' '}
        {formatMs(probe.timings?.initializeMs ?? probe.ms)} and offers {probe.tools ?? 0} tool{probe.tools === 1 ? '' : 's'}.
      </p>
    )
  }
  if (server.status === 'skipped') {
    const unused = server.effective && server.effective.state !== 'active' ? `Not started: ${EFFECTIVE_LABELS[server.effective.state]} in ${CLIENT_NAMES[server.client]}.` : undefined
    return <p className="verdict">{unused ?? (server.transport === 'stdio' ? 'This server was not started.' : 'This remote server was not contacted.')}</p>
  }
  const first = server.findings[0]
  return first ? (
    <p className="verdict">
      <RichText text={first.title} />
    </p>
  ) : null
}
