import { tildify } from '../../../shared/present'
import { CLIENT_NAMES } from '../../../shared/report'
import { groupConfigs } from '../config-map'
import { useApp } from '../hooks'
import { CopyButton } from './CopyButton'

const CLAUDE_ADD = 'claude mcp add everything -- npx -y @modelcontextprotocol/server-everything'
const JSON_ENTRY = `{
  "mcpServers": {
    "everything": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-everything"]
    }
  }
}`

/**
 * No server anywhere: where each client's file would be (the paths this run looked at), and how
 * to add a first server, so the user leaves with something to do.
 */
export function EmptyState() {
  const configs = useApp((s) => s.configs)
  const home = useApp((s) => s.info?.home)
  const run = useApp((s) => s.run)
  const clients = groupConfigs(configs, [])
  return (
    <section className="empty-state" aria-label="No servers">
      <p className="muted">
        MCP Medic read every file where a client keeps its MCP servers and found none. Add one to the client you use, then check again.
      </p>
      <h2 className="section-title">Add a server</h2>
      <p>Claude Code, from a terminal:</p>
      <div className="fix-command">
        <code>{CLAUDE_ADD}</code>
        <CopyButton text={CLAUDE_ADD} />
      </div>
      <p>
        Claude Desktop, Cursor, Windsurf and Gemini CLI: put an entry under <code className="inline-code">mcpServers</code> in the client&apos;s file, listed below (VS Code
        uses <code className="inline-code">servers</code> instead):
      </p>
      <div className="snippet">
        <pre className="evidence">{JSON_ENTRY}</pre>
        <CopyButton text={JSON_ENTRY} />
      </div>
      {clients.length > 0 && (
        <>
          <h2 className="section-title">Where each client looks</h2>
          <ul className="empty-paths">
            {clients.map((c) => (
              <li key={c.client}>
                <span className="empty-client">{CLIENT_NAMES[c.client]}</span>
                <ul>
                  {c.files.map(({ config }) => (
                    <li key={`${config.scope}:${config.path}`}>
                      <code className="mono" title={config.path}>
                        {tildify(config.path, home)}
                      </code>{' '}
                      <span className="muted">
                        {config.scope} · {config.error ? 'does not parse' : config.exists ? 'no servers in it' : 'not there yet'}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button primary" onClick={() => void run()}>
        Check again
      </button>
    </section>
  )
}
