import { formatMs, tildify } from '../../../shared/present'
import type { Report, RuntimeReport } from '../../../shared/report'
import { installFor } from '../../../shared/runtimes'
import { useApp } from '../hooks'
import { CopyButton } from './CopyButton'
import { ExternalLink, hostOf } from './ExternalLink'
import './runtimes.css'

type Where = RuntimeReport['where']

/** How a runtime's place reads in the panel, and its tone. */
const WHERE: Record<Where, { label: string; tone: 'ok' | 'warning' | 'missing'; title: string }> = {
  'app-path': { label: 'on PATH', tone: 'ok', title: "On MCP Medic's own PATH" },
  'login-shell': { label: 'login shell only', tone: 'warning', title: "Only on your login shell's PATH: apps started from the Dock or a desktop menu do not see it" },
  'known-dir': { label: 'not on PATH', tone: 'warning', title: 'Installed in a known folder that no PATH includes' },
  none: { label: 'not installed', tone: 'missing', title: 'Not found on any PATH or in the usual install folders' }
}

/**
 * Step 3 at a glance: every common runtime, whether and where it is installed (MCP Medic's PATH,
 * the login shell's, a known install folder, nowhere), its version, and for a missing or hidden
 * one the official download page and a package-manager command to copy.
 */
export function RuntimesPanel() {
  const report = useApp((s) => s.report)
  const running = useApp((s) => s.status === 'running')
  const platform = useApp((s) => s.info?.platform)
  const home = useApp((s) => s.info?.home)

  return (
    <section className="runtimes" aria-label="Runtimes">
      <h2 className="runtimes-title">Runtimes</h2>
      {report ? (
        <>
          <LoginShellLine shell={report.system.loginShell} home={home} />
          <ul className="runtime-list">
            {report.runtimes.map((runtime) => (
              <RuntimeRow key={runtime.name} runtime={runtime} platform={platform ?? report.system.platform} home={home} />
            ))}
          </ul>
        </>
      ) : (
        <p className="muted runtimes-note">{running ? 'Looking for node, python, uv, docker…' : 'Run a diagnosis to see them.'}</p>
      )}
    </section>
  )
}

function LoginShellLine({ shell, home }: { shell: Report['system']['loginShell']; home: string | undefined }) {
  const name = shell.shell ? tildify(shell.shell, home) : 'unknown shell'
  if (shell.skipped) return <p className="runtimes-note muted">Login shell not read: {shell.skipped}.</p>
  if (shell.ok) {
    return (
      <p className="runtimes-note muted" data-login-shell="ok">
        Login shell <code className="mono">{name}</code> read in {formatMs(shell.ms)}
        {shell.path ? `, ${shell.path.length} folders on its PATH` : ''}.
      </p>
    )
  }
  return (
    <p className="runtimes-note runtimes-warning" data-login-shell="failed">
      Login shell <code className="mono">{name}</code> could not be read: {shell.error ?? 'unknown error'}.
    </p>
  )
}

/** One runtime: where it was found, its version, and how to get it when it is missing. */
export function RuntimeRow({ runtime, platform, home }: { runtime: RuntimeReport; platform: string; home: string | undefined }) {
  const where = WHERE[runtime.where]
  const install = installFor(runtime.name, platform)
  const others = (runtime.locations ?? []).slice(1)
  const needsHelp = runtime.where === 'login-shell' || runtime.where === 'known-dir'
  return (
    <li className={`runtime runtime-${where.tone}`} data-runtime={runtime.name} data-where={runtime.where}>
      <details open={runtime.where === 'login-shell' || runtime.where === 'known-dir'}>
        <summary className="runtime-summary">
          <span className={`runtime-dot dot-${where.tone}`} aria-hidden="true" />
          <span className="runtime-name">{runtime.name}</span>
          <span className="runtime-version mono">{runtime.version ?? (runtime.found ? '?' : '')}</span>
          <span className={`runtime-where where-${where.tone}`} title={where.title}>
            {where.label}
          </span>
        </summary>
        <div className="runtime-body">
          {runtime.path && (
            <p className="runtime-path">
              <code className="mono" title={runtime.path}>
                {tildify(runtime.path, home)}
              </code>
            </p>
          )}
          {others.length > 0 && (
            <ul className="runtime-others">
              {others.map((loc) => (
                <li key={loc.path}>
                  <code className="mono" title={loc.path}>
                    {tildify(loc.path, home)}
                  </code>{' '}
                  <span className="muted">
                    {loc.version ?? loc.error ?? ''}
                    {loc.source ? ` · ${loc.source}` : loc.where === 'login-shell' ? ' · login shell' : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {runtime.found && needsHelp && (
            <p className="runtime-advice">
              {runtime.where === 'login-shell' ? 'Only your terminal finds it.' : 'No PATH includes this folder.'} In a server entry, use its
              absolute path.
            </p>
          )}
          {!runtime.found && install && (
            <div className="runtime-install">
              <span>
                Get {install.title}: <ExternalLink href={install.url}>{hostOf(install.url)}</ExternalLink>
              </span>
              {install.command && (
                <span className="runtime-command">
                  <code className="mono">{install.command}</code>
                  <CopyButton text={install.command} />
                </span>
              )}
            </div>
          )}
        </div>
      </details>
    </li>
  )
}
