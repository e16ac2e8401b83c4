import { formatMs, tildify } from '../../../shared/present'
import type { Probe, TerminalProbe } from '../../../shared/report'

const OUTCOME: Record<string, string> = {
  ok: 'connected',
  'spawn-error': 'could not start',
  exited: 'exited before the handshake',
  timeout: 'never answered',
  'protocol-error': 'handshake failed',
  'crash-after-start': 'connected, then failed'
}

/** The client's way against the terminal's way: outcomes side by side, then what differs. */
export function TerminalDiff({ probe, terminal, home }: { probe: Probe; terminal: TerminalProbe; home?: string }) {
  const rows: [string, string, string][] = [
    ['Result', describe(probe.outcome, probe.exitCode), describe(terminal.outcome, terminal.exitCode, terminal.tools)],
    ['Command resolves to', terminal.resolvedClient ? tildify(terminal.resolvedClient, home) : 'nothing', terminal.resolvedTerminal ? tildify(terminal.resolvedTerminal, home) : 'nothing'],
    ['Working folder', tildify(terminal.cwdClient, home), tildify(terminal.cwdTerminal, home)]
  ]
  const lists: [string, string[]][] = [
    ['PATH folders only the terminal has', terminal.pathOnlyInTerminal],
    ['PATH folders only the client gives', terminal.pathOnlyInClient],
    ['Variables only the terminal has', terminal.envOnlyInTerminal],
    ['Variables only the client gives', terminal.envOnlyInClient],
    ['Variables set to different values', terminal.envDiffering]
  ]
  return (
    <section className="section" aria-label="Terminal comparison">
      <h3 className="section-title">Client vs your terminal</h3>
      <div className="facts-block">
        <table className="compare">
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">Compared</span>
              </th>
              <th>As the client starts it</th>
              <th>As your terminal would ({formatMs(terminal.ms)})</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, client, term]) => (
              <tr key={label} className={client !== term ? 'differs' : undefined}>
                <th scope="row">{label}</th>
                <td>{client}</td>
                <td>{term}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {lists
          .filter(([, items]) => items.length > 0)
          .map(([label, items]) => (
            <div key={label} className="diff-list">
              <span className="muted small">{label}</span>
              <ul>
                {items.map((item) => (
                  <li key={item}>
                    <code className="inline-code">{tildify(item, home)}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>
    </section>
  )
}

function describe(outcome: string, exitCode?: number | null, tools?: number): string {
  const words = OUTCOME[outcome] ?? outcome
  if (outcome === 'ok' && tools !== undefined) return `${words}, ${tools} tool${tools === 1 ? '' : 's'}`
  return exitCode !== undefined && exitCode !== null ? `${words} (exit code ${exitCode})` : words
}
