import { memo, useRef, type KeyboardEvent } from 'react'
import { serverResult, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ClientId, type Scope, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { moveIndex } from '../keyboard'
import type { ServerView } from '../store'
import { EffectiveTag } from './EffectiveTag'
import { StatusBadge } from './StatusBadge'

const SCOPE_NAMES: Record<Scope, string> = {
  user: 'User',
  project: 'Project',
  local: 'Local',
  managed: 'Managed'
}

interface Group {
  client: ClientId
  sections: { key: string; scope: Scope; where: string; views: ServerView[] }[]
}

/** Servers grouped by client, then by scope and file, in discovery order. */
export function groupServers(views: readonly ServerView[], home: string | undefined): Group[] {
  const groups: Group[] = []
  for (const view of views) {
    const s = view.server
    let group = groups.find((g) => g.client === s.client)
    if (!group) groups.push((group = { client: s.client, sections: [] }))
    const where = tildify(s.project ?? s.configPath, home)
    const key = `${s.scope}\0${s.configPath}\0${s.project ?? ''}`
    let section = group.sections.find((x) => x.key === key)
    if (!section) group.sections.push((section = { key, scope: s.scope, where, views: [] }))
    section.views.push(view)
  }
  return groups
}

/**
 * Every server, by client, then scope and file, with its live status and a one-line cause. Arrow
 * keys (and Home / End) move through the list and open the server they land on; only one row is
 * in the tab order, so Tab leaves the list in one press.
 */
export function ServerList() {
  const views = useApp((s) => s.servers)
  const selectedId = useApp((s) => (s.view === 'server' ? s.selectedId : undefined))
  const select = useApp((s) => s.select)
  const home = useApp((s) => s.info?.home)
  const retesting = useApp((s) => s.retesting)
  const list = useRef<HTMLElement>(null)
  const groups = groupServers(views, home)
  const order = groups.flatMap((g) => g.sections.flatMap((x) => x.views.map((v) => v.server.id)))
  const tabbable = selectedId && order.includes(selectedId) ? selectedId : order[0]

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const rows = [...(list.current?.querySelectorAll<HTMLButtonElement>('[data-server-row]') ?? [])]
    const index = rows.findIndex((r) => r === document.activeElement)
    if (index === -1) return
    const next = moveIndex(event.key, index, rows.length)
    if (next === undefined) return
    event.preventDefault()
    rows[next]!.focus()
    if (next !== index) select(rows[next]!.dataset.serverRow)
  }

  return (
    <nav className="server-list" aria-label="Server list" ref={list} onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <section key={group.client} className="client-group" aria-label={`${CLIENT_NAMES[group.client]} servers`}>
          <h2 className="client-name">{CLIENT_NAMES[group.client]}</h2>
          {group.sections.map((section) => (
            <div key={section.key} className="scope-section">
              <h3 className="scope-name" title={section.where}>
                <span className="scope-label">{SCOPE_NAMES[section.scope]}</span>
                <span className="scope-where">{section.where}</span>
              </h3>
              <ul>
                {section.views.map(({ server, phase }) => (
                  <li key={server.id}>
                    <ServerRow server={server} busy={phase !== 'done' || Boolean(retesting[server.id])} selected={server.id === selectedId} tabbable={server.id === tabbable} onSelect={select} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </nav>
  )
}

interface RowProps {
  server: ServerReport
  busy: boolean
  selected: boolean
  tabbable: boolean
  onSelect: (id: string) => void
}

/** One server: its status, name, and cause. Memoised: with a hundred servers, a re-test re-renders one row. */
const ServerRow = memo(function ServerRow({ server, busy, selected, tabbable, onSelect }: RowProps) {
  const result = busy ? 'Checking…' : serverResult(server).replace(/`/g, '')
  return (
    <button
      type="button"
      className={`server-row${selected ? ' selected' : ''}`}
      aria-current={selected ? 'page' : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-server={server.name}
      data-server-row={server.id}
      data-status={busy ? 'checking' : server.status}
      onClick={() => onSelect(server.id)}
    >
      <StatusBadge status={server.status} phase={busy ? 'probing' : 'done'} />{' '}
      <span className="server-text">
        <span className="server-name-line">
          <span className="server-name">{server.name}</span>{' '}
          <EffectiveTag effective={server.effective} />
        </span>{' '}
        <span className="server-result">{result}</span>
      </span>
    </button>
  )
})
