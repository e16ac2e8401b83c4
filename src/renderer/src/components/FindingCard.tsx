import { STEP_TITLES, type Finding, type Step } from '../../../shared/findings'
import { CopyButton } from './CopyButton'
import { ExternalLink, hostOf } from './ExternalLink'
import { FixActions } from './FixActions'
import { RichText } from './RichText'

/**
 * One finding: what is wrong, which step it belongs to, the evidence, and the fix, with the
 * engine's fix actions as buttons when the finding belongs to a server (`serverId`).
 */
export function FindingCard({ finding, compact, serverId, inStep }: { finding: Finding; compact?: boolean; serverId?: string; inStep?: boolean }) {
  const stderr = typeof finding.evidence?.stderrTail === 'string' ? finding.evidence.stderrTail : undefined
  const excerpt = typeof finding.evidence?.excerpt === 'string' ? finding.evidence.excerpt : undefined
  return (
    <article className={`finding finding-${finding.severity}${compact ? ' compact' : ''}`} data-code={finding.code}>
      <div className="finding-head">
        {/* inside a step's page the step is already named */}
        {inStep ? (
          <span className="step">{finding.severity === 'error' ? 'Problem' : finding.severity === 'warning' ? 'Warning' : 'Note'}</span>
        ) : (
          <span className="step" title={STEP_TITLES[finding.step as Step]}>
            Step {finding.step} · {STEP_TITLES[finding.step as Step]}
          </span>
        )}
        <code className="finding-code">{finding.code}</code>
      </div>
      <h4 className="finding-title">
        <RichText text={finding.title} />
      </h4>
      <p className="finding-detail">
        <RichText text={finding.detail} />
      </p>
      {excerpt && <pre className="evidence">{excerpt}</pre>}
      {stderr && (
        <details className="stderr" open={!compact}>
          <summary>stderr (last lines)</summary>
          <pre className="evidence">{stderr}</pre>
        </details>
      )}
      {finding.fix && (
        <div className="fix">
          <span className="fix-label">Fix</span>
          <span>
            <RichText text={finding.fix.summary} />
          </span>
          {finding.fix.command && (
            <div className="fix-command">
              <code>{finding.fix.command}</code>
              <CopyButton text={finding.fix.command} />
            </div>
          )}
          {finding.fix.url && !opensUrl(finding, finding.fix.url) && (
            <span className="fix-link">
              Official page: <ExternalLink href={finding.fix.url}>{hostOf(finding.fix.url)}</ExternalLink>
            </span>
          )}
          {serverId && <FixActions fix={finding.fix} serverId={serverId} />}
        </div>
      )}
    </article>
  )
}

/** Whether one of the fix's actions already opens this page (then a second link would only repeat it). */
function opensUrl(finding: Finding, url: string): boolean {
  const fix = finding.fix
  return [fix?.action, ...(fix?.alternatives ?? [])].some((a) => a?.kind === 'open-url' && a.url === url)
}
