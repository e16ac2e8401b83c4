import { useEffect, useState } from 'react'
import type { LogFile, LogList, LogRead } from '../../../shared/logs'
import { tildify } from '../../../shared/present'
import { CLIENT_NAMES, type ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'
import { loaded, type Loadable } from '../services'
import { Unavailable } from './Unavailable'

const SEARCH_DELAY_MS = 250
const MAX_LINES = 400

const KIND_NAMES: Record<LogFile['kind'], string> = { server: 'this server', client: 'MCP log', debug: 'debug log', window: 'window log' }

/** Bytes for people: "12 KB", "2.1 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let i = 0
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024
    i++
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[i]}`
}

/**
 * The client's own log files for a server (`logs:list`), the chosen one's tail (`logs:read`) with
 * a search, recognised lines highlighted, and a warning for a log folder that has grown huge.
 */
export function LogViewer({ server }: { server: ServerReport }) {
  const api = useApp((s) => s.api)
  const home = useApp((s) => s.info?.home)
  const [list, setList] = useState<Loadable<LogList>>({ state: 'loading' })
  const [fileId, setFileId] = useState<string | undefined>()
  const serverId = server.id
  useEffect(() => {
    let live = true
    void api.logs.list({ serverId }).then((result) => {
      if (!live) return
      const next = loaded(result)
      setList(next)
      if (next.state === 'ready') setFileId(pickFile(next.value.files)?.id)
    })
    return () => {
      live = false
    }
  }, [api, serverId])

  const client = CLIENT_NAMES[server.client]
  let body: React.JSX.Element
  if (list.state === 'unavailable') body = <Unavailable what={`Reading ${client}'s own log files`} />
  else if (list.state === 'failed') body = <p className="muted">The log files could not be listed: {list.message}</p>
  else if (list.state !== 'ready') body = <p className="muted">Looking for {client}&apos;s log files…</p>
  else {
    const { files, folders, notes } = list.value
    const sorted = [...files].sort((a, b) => Number(b.forServer) - Number(a.forServer) || b.modifiedAt.localeCompare(a.modifiedAt))
    body = (
      <>
        {folders
          .filter((f) => f.huge)
          .map((f) => (
            <p key={f.path} className="log-warning" role="note">
              {tildify(f.path, home)} holds {formatBytes(f.bytes)} in {f.files} files. Clients have filled disks with MCP logs: delete old ones you do not need.
            </p>
          ))}
        {notes.map((n, i) => (
          <p key={i} className="muted small">
            {n}
          </p>
        ))}
        {sorted.length === 0 ? (
          <p className="muted">{client} has written no log files for this server here.</p>
        ) : (
          <>
            <div className="log-files" role="group" aria-label="Log files">
              {sorted.map((f) => (
                <button key={f.id} type="button" className={`log-file${f.id === fileId ? ' selected' : ''}`} aria-pressed={f.id === fileId} onClick={() => setFileId(f.id)} title={f.path}>
                  <span className="log-file-name">{f.path.split(/[\\/]/).pop()}</span>
                  <span className="muted small">
                    {KIND_NAMES[f.kind]} · {formatBytes(f.bytes)} · {new Date(f.modifiedAt).toLocaleString()}
                  </span>
                </button>
              ))}
            </div>
            {fileId && <LogTail key={fileId} serverId={serverId} fileId={fileId} />}
          </>
        )}
      </>
    )
  }
  return (
    <section className="section" aria-label="Client logs">
      <h3 className="section-title">{client}&apos;s own logs</h3>
      {body}
    </section>
  )
}

function pickFile(files: readonly LogFile[]): LogFile | undefined {
  return files.find((f) => f.forServer) ?? files[0]
}

function LogTail({ serverId, fileId }: { serverId: string; fileId: string }) {
  const api = useApp((s) => s.api)
  const [query, setQuery] = useState('')
  const [read, setRead] = useState<Loadable<LogRead>>({ state: 'loading' })
  useEffect(() => {
    let live = true
    const timer = setTimeout(
      async () => {
        const result = loaded(await api.logs.read({ serverId, fileId, maxLines: MAX_LINES, ...(query.trim() ? { query: query.trim() } : {}) }))
        if (live) setRead(result)
      },
      query ? SEARCH_DELAY_MS : 0
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, serverId, fileId, query])

  return (
    <div className="log-tail">
      <div className="log-search">
        <label htmlFor={`log-q-${fileId}`}>Search</label>
        <input id={`log-q-${fileId}`} className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="error, ENOENT, the server's name…" />
        {read.state === 'ready' && read.value.matches !== undefined && (
          <span className="muted small" role="status">
            {read.value.matches} match{read.value.matches === 1 ? '' : 'es'}
          </span>
        )}
      </div>
      {read.state === 'ready' ? (
        <>
          {read.value.truncated && <p className="muted small">The last {read.value.lines.length} lines of a longer file.</p>}
          <ol className="log-lines" aria-label={`Lines of ${read.value.file.path}`} tabIndex={0}>
            {read.value.lines.map((line) => (
              <li
                key={line.n}
                className={`log-line${line.level ? ` log-lvl-${line.level}` : ''}${line.recognised ? ' log-recognised' : ''}${line.aboutServer ? ' log-about' : ''}`}
                data-recognised={line.recognised?.code}
              >
                <span className="log-n" aria-hidden="true">
                  {line.n}
                </span>
                <span className="log-text">{line.text}</span>
                {line.recognised && (
                  <span className="log-tag" title={line.recognised.title}>
                    {line.recognised.code}
                  </span>
                )}
              </li>
            ))}
          </ol>
          {read.value.lines.length === 0 && <p className="muted">{query ? 'No line matches.' : 'The file is empty.'}</p>}
        </>
      ) : read.state === 'loading' || read.state === 'idle' ? (
        <p className="muted">Reading…</p>
      ) : (
        <p className="muted">The file could not be read: {read.message}</p>
      )}
    </div>
  )
}
