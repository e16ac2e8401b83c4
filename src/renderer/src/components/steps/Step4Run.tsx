import { formatMs } from '../../../../shared/present'
import type { Probe, ServerReport } from '../../../../shared/report'
import { useApp } from '../../hooks'
import { timeline } from '../../timeline'
import { CopyButton } from '../CopyButton'
import { RemoteFacts } from '../RemoteFacts'
import { TerminalDiff } from '../TerminalDiff'

/** Step 4: the server started as the client would: the timeline, how it ended, stray stdout, and the terminal's run beside it. */
export function Step4Run({ server }: { server: ServerReport }) {
  const home = useApp((s) => s.info?.home)
  const probe = server.probe
  if (!probe || probe.outcome === 'not-probed') return <p className="muted">This server has not been started. Re-test it to run it the way its client would.</p>
  return (
    <>
      <Timeline probe={probe} />
      {probe.stdoutNoise && (
        <section className="section" aria-label="Stray output on stdout">
          <h3 className="section-title">Not JSON-RPC on stdout</h3>
          <p>
            {probe.stdoutNoise.lines} line{probe.stdoutNoise.lines === 1 ? '' : 's'} on stdout were not MCP messages. The first:
          </p>
          <pre className="evidence">{probe.stdoutNoise.firstLine}</pre>
        </section>
      )}
      {probe.error && (
        <p className="small">
          The MCP client said: <code className="inline-code">{probe.error}</code>
        </p>
      )}
      {probe.remote && <RemoteFacts probe={probe} remote={probe.remote} />}
      {probe.terminal && <TerminalDiff probe={probe} terminal={probe.terminal} home={home} />}
      {server.transport === 'stdio' && server.command && (
        <section className="section" aria-label="Run it yourself">
          <h3 className="section-title">Run it yourself</h3>
          <div className="fix-command">
            <code>{[server.command, ...(server.args ?? [])].map(quote).join(' ')}</code>
            <CopyButton text={[server.command, ...(server.args ?? [])].map(quote).join(' ')} />
          </div>
          <p className="muted small">The entry&apos;s env values are not in this line; set them in your terminal first.</p>
        </section>
      )}
    </>
  )
}

/** The milestones on a line scaled to the run, then as a list that a screen reader reads in order. */
function Timeline({ probe }: { probe: Probe }) {
  const marks = timeline(probe)
  const end = Math.max(probe.ms, 1)
  return (
    <section className="section" aria-label="Timeline">
      <h3 className="section-title">
        Timeline <span className="muted small">({formatMs(probe.ms)} in all{probe.cwd ? `, in ${probe.cwd}` : ''})</span>
      </h3>
      <div className="timeline-bar" aria-hidden="true">
        {marks.map((m, i) => (
          <span key={i} className={`timeline-dot tl-${m.state}`} style={{ left: `${Math.min(100, (100 * m.ms) / end)}%` }} />
        ))}
      </div>
      <ol className="timeline">
        {marks.map((m, i) => (
          <li key={i} className={`tl-${m.state}`} data-mark={m.label}>
            <span className="tl-ms num">{formatMs(m.ms)}</span> <span>{m.label}</span>
          </li>
        ))}
      </ol>
      {probe.serverInfo && (
        <p className="muted small">
          Server: {probe.serverInfo.name} {probe.serverInfo.version}
          {probe.protocolVersion && ` · protocol ${probe.protocolVersion}`}
          {probe.resources !== undefined && ` · ${probe.resources} resources`}
          {probe.prompts !== undefined && ` · ${probe.prompts} prompts`}
        </p>
      )}
    </section>
  )
}

/** Quotes an argument for a POSIX shell when it needs it. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
