import { useEffect, useState } from 'react'
import { formatMs } from '../../../shared/present'
import { useApp } from '../hooks'

/** A server still being probed after this long is named as the slow one. */
export const SLOW_MS = 3000

/** While a diagnosis runs: N of M servers checked, and which ones are taking long. */
export function RunProgress() {
  const running = useApp((s) => s.status === 'running')
  const views = useApp((s) => s.servers)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  if (!running) return null
  const done = views.filter((v) => v.phase === 'done').length
  const slow = views.filter((v) => v.phase === 'probing' && v.startedAt !== undefined && now - v.startedAt >= SLOW_MS).sort((a, b) => a.startedAt! - b.startedAt!)
  const probing = views.filter((v) => v.phase === 'probing').length
  return (
    <section className="run-progress" aria-label="Progress">
      <div className="run-progress-line">
        <span>{views.length === 0 ? 'Reading client configs…' : `Checking servers: ${done} of ${views.length} done${probing > 0 ? `, ${probing} starting` : ''}`}</span>
      </div>
      <div className="progress-track wide" role="progressbar" aria-label="Servers checked" aria-valuemin={0} aria-valuemax={views.length} aria-valuenow={done}>
        <div className="progress-bar" style={{ width: `${views.length ? (100 * done) / views.length : 4}%` }} />
      </div>
      <p className="run-progress-slow" data-slow={slow.map((v) => v.server.name).join(',')}>
        {slow.length > 0 ? (
          <>
            Still waiting for{' '}
            {slow.slice(0, 4).map((v, i) => (
              <span key={v.server.id}>
                {i > 0 && ', '}
                <strong>{v.server.name}</strong> ({formatMs(now - v.startedAt!)})
              </span>
            ))}
            {slow.length > 4 && ` and ${slow.length - 4} more`}: a server gets up to its client&apos;s startup limit.
          </>
        ) : (
          '\u00a0'
        )}
      </p>
    </section>
  )
}
