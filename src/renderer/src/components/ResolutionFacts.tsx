import { tildify } from '../../../shared/present'
import type { Resolution } from '../../../shared/report'
import { useApp } from '../hooks'

/**
 * Where the server's command resolves: on the PATH its client gives it (and where that PATH comes
 * from), on the login shell's, in a known install folder; and the runtime that runs it.
 */
export function ResolutionFacts({ resolution }: { resolution: Resolution }) {
  const home = useApp((s) => s.info?.home)
  const p = (file: string): string => tildify(file, home)
  return (
    <section className="section" aria-label="Command resolution">
      <h3 className="section-title">Where the command is</h3>
      <dl className="facts">
        <dt>Client&apos;s PATH</dt>
        <dd>{resolution.pathDescription ?? resolution.pathFrom ?? 'unknown'}</dd>
        <dt>Resolves to</dt>
        <dd data-resolution="client">
          {resolution.client ? <code className="mono">{p(resolution.client)}</code> : <span className="muted">nothing: <code className="mono">{resolution.command}</code> is not on that PATH</span>}
        </dd>
        {resolution.loginShell !== undefined && (
          <>
            <dt>Login shell</dt>
            <dd data-resolution="login-shell">
              {resolution.loginShell ? <code className="mono">{p(resolution.loginShell)}</code> : <span className="muted">not on its PATH either</span>}
            </dd>
          </>
        )}
        {resolution.knownDir && (
          <>
            <dt>Install folder</dt>
            <dd>
              <code className="mono">{p(resolution.knownDir)}</code>
            </dd>
          </>
        )}
        {resolution.runtime && (
          <>
            <dt>Runtime</dt>
            <dd>
              {resolution.runtime.name} {resolution.runtime.version ?? '(version unknown)'} · <code className="mono">{p(resolution.runtime.path)}</code>
              {resolution.runtime.required && <span className="muted"> · the server asks for {resolution.runtime.required}</span>}
            </dd>
          </>
        )}
      </dl>
    </section>
  )
}
