import { serverResult, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import type { ServerView } from '../store'
import { EmptyState } from './EmptyState'
import { FindingCard } from './FindingCard'
import { OutageLine } from './OutageLine'
import { RunProgress } from './RunProgress'
import { RuntimesPanel } from './RuntimesPanel'
import { StatusBadge } from './StatusBadge'

/**
 * The overview: the outage line, how many servers work, progress while they are checked, the ones
 * that need attention (each opens its troubleshooter), problems of no single server, and the
 * runtimes found. With nothing configured, where each client would look and how to add a server.
 */
export function Home() {
  const status = useApp((s) => s.status)
  const views = useApp((s) => s.servers)
  const findings = useApp((s) => s.findings)
  const done = views.filter((v) => v.phase === 'done')
  const problems = done.filter((v) => v.server.status === 'error' || v.server.status === 'warning').sort((a, b) => rank(a) - rank(b))
  const clients = new Set(views.map((v) => v.server.client)).size
  // a failed run found nothing, which says nothing about what is configured: the banner says why
  const empty = views.length === 0 && status === 'done'

  return (
    <article className="home" aria-label="Overview">
      <OutageLine />
      <header className="detail-head">
        <div>
          <h1 className="detail-title">{empty ? 'No MCP servers are configured on this machine' : 'Your MCP servers'}</h1>
          {views.length > 0 && <p className="detail-sub">{summaryLine(views, clients)}</p>}
        </div>
      </header>
      <RunProgress />
      {empty && <EmptyState />}
      {findings.length > 0 && (
        <section className="section global-findings" aria-label="Configuration problems">
          <h2 className="section-title">Problems with config files and this machine</h2>
          {findings.map((f, i) => (
            <FindingCard key={`${f.code}-${i}`} finding={f} compact />
          ))}
        </section>
      )}
      {problems.length > 0 && <Attention views={problems} />}
      {status === 'done' && done.length > 0 && problems.length === 0 && (
        <p className="verdict verdict-ok">Every server that was checked works. Pick one on the left to see its seven steps.</p>
      )}
      <RuntimesPanel />
    </article>
  )
}

function Attention({ views }: { views: ServerView[] }) {
  const select = useApp((s) => s.select)
  const home = useApp((s) => s.info?.home)
  return (
    <section className="section" aria-label="Needs attention">
      <h2 className="section-title">Needs attention ({views.length})</h2>
      <ul className="attention">
        {views.map(({ server }) => (
          <li key={server.id} className={`attention-row attention-${server.status}`} data-attention={server.name}>
            <StatusBadge status={server.status} phase="done" />
            <div className="attention-text">
              <span className="attention-name">{server.name}</span>
              <span className="muted small">
                {' '}
                {CLIENT_NAMES[server.client]} · {server.scope} · {tildify(server.configPath, home)}
              </span>
              <span className="attention-cause">{serverResult(server).replace(/`/g, '')}</span>
            </div>
            <button type="button" className="button" onClick={() => select(server.id)} aria-label={`Troubleshoot ${server.name}`}>
              Troubleshoot
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function rank(view: ServerView): number {
  return view.server.status === 'error' ? 0 : 1
}

/** "7 servers in 3 clients: 4 connected, 1 warning, 2 failing" */
export function summaryLine(views: readonly ServerView[], clients: number): string {
  const count = (status: ServerReport['status']): number => views.filter((v) => v.phase === 'done' && v.server.status === status).length
  const parts = [`${count('ok')} connected`]
  if (count('warning') > 0) parts.push(`${count('warning')} with warnings`)
  if (count('error') > 0) parts.push(`${count('error')} failing`)
  if (count('skipped') > 0) parts.push(`${count('skipped')} not checked`)
  const pending = views.filter((v) => v.phase !== 'done').length
  if (pending > 0) parts.push(`${pending} still being checked`)
  return `${views.length} server${views.length === 1 ? '' : 's'} in ${clients} client${clients === 1 ? '' : 's'}: ${parts.join(', ')}`
}
