import { serverResult, tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ClientId, type Scope } from '../../../shared/report'
import { useApp } from '../hooks'
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

export function ServerList() {
  const views = useApp((s) => s.servers)
  const selectedId = useApp((s) => (s.view === 'map' ? undefined : s.selectedId))
  const select = useApp((s) => s.select)
  const home = useApp((s) => s.info?.home)
  const retesting = useApp((s) => s.retesting)

  return (
    <nav className="server-list">
      {groupServers(views, home).map((group) => (
        <section key={group.client} className="client-group" aria-label={CLIENT_NAMES[group.client]}>
          <h2 className="client-name">{CLIENT_NAMES[group.client]}</h2>
          {group.sections.map((section) => (
            <div key={section.key} className="scope-section">
              <h3 className="scope-name" title={section.where}>
                <span className="scope-label">{SCOPE_NAMES[section.scope]}</span>
                <span className="scope-where">{section.where}</span>
              </h3>
              <ul>
                {section.views.map(({ server, phase }) => {
                  const busy = phase !== 'done' || Boolean(retesting[server.id])
                  return (
                    <li key={server.id}>
                      <button
                        type="button"
                        className={`server-row${server.id === selectedId ? ' selected' : ''}`}
                        aria-current={server.id === selectedId}
                        data-server={server.name}
                        data-status={busy ? 'checking' : server.status}
                        onClick={() => select(server.id)}
                      >
                        <StatusBadge status={server.status} phase={busy ? 'probing' : 'done'} />
                        <span className="server-text">
                          <span className="server-name-line">
                            <span className="server-name">{server.name}</span>
                            <EffectiveTag effective={server.effective} />
                          </span>
                          <span className="server-result">{busy ? 'Checking…' : serverResult(server).replace(/`/g, '')}</span>
                        </span>
                      </button>
                    </li>
                  )
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </nav>
  )
}
