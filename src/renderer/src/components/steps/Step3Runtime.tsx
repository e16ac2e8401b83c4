import type { ServerReport } from '../../../../shared/report'
import { INSTALL } from '../../../../shared/runtimes'
import { useApp } from '../../hooks'
import { ResolutionFacts } from '../ResolutionFacts'
import { RuntimeRow } from '../RuntimesPanel'

/** The runtimes a command needs: itself when it is one (npx, uvx), and the one it runs on. */
export function neededRuntimes(server: ServerReport): string[] {
  const names = new Set<string>()
  const base = (server.command ?? '').split(/[\\/]/).pop()!.replace(/\.(exe|cmd|bat)$/i, '')
  if (INSTALL[base]) names.add(base)
  if (server.resolution?.runtime) names.add(server.resolution.runtime.name)
  // npx and npm need node to run, uvx needs uv
  if (base === 'npx' || base === 'npm') names.add('node')
  if (base === 'uvx') names.add('uv')
  return [...names]
}

/** Step 3: where the command is for the client and for the terminal, and the runtimes it needs, with install links. */
export function Step3Runtime({ server }: { server: ServerReport }) {
  const runtimes = useApp((s) => s.report?.runtimes) ?? []
  const platform = useApp((s) => s.info?.platform ?? s.report?.system.platform ?? 'linux')
  const home = useApp((s) => s.info?.home)
  if (server.transport !== 'stdio') return <p className="muted">MCP Medic connects to this server over the network; nothing needs to be installed on this machine for it.</p>
  const needed = neededRuntimes(server)
  const rows = runtimes.filter((r) => needed.includes(r.name))
  return (
    <>
      {server.resolution ? <ResolutionFacts resolution={server.resolution} /> : <p className="muted">The command has not been looked up yet: re-test the server.</p>}
      {rows.length > 0 && (
        <section className="section runtimes-needed" aria-label="Runtimes this server needs">
          <h3 className="section-title">Runtimes this server needs</h3>
          <ul className="runtime-list">
            {rows.map((r) => (
              <RuntimeRow key={r.name} runtime={r} platform={platform} home={home} />
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
