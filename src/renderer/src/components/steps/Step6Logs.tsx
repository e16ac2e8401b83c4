import type { ServerReport } from '../../../../shared/report'
import { CopyButton } from '../CopyButton'
import { LogViewer } from '../LogViewer'

/** Step 6: what the server wrote on stderr during the test, then the client's own log files for it. */
export function Step6Logs({ server }: { server: ServerReport }) {
  const stderr = server.probe?.stderrTail
  return (
    <>
      <section className="section" aria-label="Captured stderr">
        <h3 className="section-title">What the server wrote on stderr</h3>
        {stderr ? (
          <div className="snippet">
            <pre className="evidence" tabIndex={0} aria-label="stderr of the test run">
              {stderr}
            </pre>
            <CopyButton text={stderr} />
          </div>
        ) : (
          <p className="muted">{server.probe ? 'Nothing: the server wrote no errors during the test.' : 'The server has not been started yet.'}</p>
        )}
      </section>
      <LogViewer server={server} />
    </>
  )
}
