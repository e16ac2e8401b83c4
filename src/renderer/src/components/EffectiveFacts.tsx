import { EFFECTIVE_LABELS } from '../../../shared/effective'
import { tildify } from '../../../shared/present'
import type { ServerReport } from '../../../shared/report'
import { useApp } from '../hooks'

/** The "In use" row of a server's configuration: whether its client uses it, and which one wins. */
export function EffectiveFacts({ server }: { server: ServerReport }) {
  const effective = server.effective
  const winner = useApp((s) => (effective?.by ? s.servers.find((v) => v.server.id === effective.by)?.server : undefined))
  const select = useApp((s) => s.select)
  const home = useApp((s) => s.info?.home)
  if (!effective) return null
  return (
    <>
      <dt>In use</dt>
      <dd data-effective={effective.state}>
        {effective.state === 'active' ? 'Yes' : `No, ${EFFECTIVE_LABELS[effective.state]}`}
        <span className="muted"> · {home ? effective.reason.replaceAll(home, '~') : effective.reason}</span>
        {winner && (
          <>
            {' '}
            <button type="button" className="map-link" onClick={() => select(winner.id)}>
              Show {winner.scope}-scope definition ({tildify(winner.configPath, home)})
            </button>
          </>
        )}
        {effective.shadowedIn && effective.shadowedIn.length > 0 && (
          <span className="muted"> Overridden in {effective.shadowedIn.map((s) => tildify(s.project, home)).join(', ')}.</span>
        )}
      </dd>
    </>
  )
}
