import type { ServerReport } from '../../../../shared/report'
import { EntryEditor } from '../EntryEditor'

const TRANSPORT_NAMES = { stdio: 'stdio (local process)', http: 'Streamable HTTP', sse: 'SSE (legacy HTTP)' } as const

const SHOWN: Record<string, string> = {
  '<redacted>': 'set (hidden)',
  '<empty>': 'empty',
  '<placeholder>': 'placeholder, not a real value'
}

/** Step 2: the entry as the client reads it, then the editor for its text. */
export function Step2Entry({ server }: { server: ServerReport }) {
  const env = Object.entries(server.env ?? {})
  const headers = Object.entries(server.headers ?? {})
  return (
    <>
      <section className="section" aria-label="Configuration">
        <h3 className="section-title">The entry as the client reads it</h3>
        <dl className="facts">
          <dt>Transport</dt>
          <dd>{TRANSPORT_NAMES[server.transport]}</dd>
          {server.command !== undefined && (
            <>
              <dt>Command</dt>
              <dd>
                <code className="mono">{server.command}</code>
              </dd>
            </>
          )}
          {server.args && server.args.length > 0 && (
            <>
              <dt>Arguments</dt>
              <dd>
                <ol className="args">
                  {server.args.map((arg, i) => (
                    <li key={i}>
                      <code className="mono">{arg}</code>
                    </li>
                  ))}
                </ol>
              </dd>
            </>
          )}
          {server.url && (
            <>
              <dt>URL</dt>
              <dd>
                <code className="mono">{server.url}</code>
              </dd>
            </>
          )}
          {server.cwd && (
            <>
              <dt>Working folder</dt>
              <dd>
                <code className="mono">{server.cwd}</code>
              </dd>
            </>
          )}
          <dt>Environment</dt>
          <dd>
            {env.length > 0 ? <Masked rows={env} /> : <span className="muted">none set in the entry</span>}
          </dd>
          {headers.length > 0 && (
            <>
              <dt>Headers</dt>
              <dd>
                <Masked rows={headers} />
              </dd>
            </>
          )}
        </dl>
      </section>
      <EntryEditor server={server} />
    </>
  )
}

function Masked({ rows }: { rows: [string, string][] }) {
  return (
    <table className="env">
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key}>
            <td>
              <code className="mono">{key}</code>
            </td>
            <td className={`env-value env-${value.slice(1, -1)}`}>{SHOWN[value] ?? value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
