import type { ReactNode } from 'react'
import type { VendorStatus } from '../../../shared/status'
import { useApp } from '../hooks'
import { ExternalLink } from './ExternalLink'

/**
 * One line about the vendors' status pages. MCP failures are almost never an outage, but it is
 * the first thing people ask; "could not check" (offline, or a build without the check) is a calm
 * state, never an error.
 */
export function OutageLine() {
  const outage = useApp((s) => s.outage)
  const refresh = useApp((s) => s.checkStatus)
  let tone: 'ok' | 'incident' | 'unknown' = 'unknown'
  let body: ReactNode
  switch (outage.state) {
    case 'idle':
      body = 'Checking the vendors\u2019 status pages…'
      break
    case 'loading':
      body = outage.value ? <Statuses vendors={outage.value.vendors} /> : 'Checking the vendors\u2019 status pages…'
      break
    case 'unavailable':
      body = 'Outage check: not available in this build.'
      break
    case 'failed':
      body = 'Could not check the status pages.'
      break
    case 'ready': {
      const { vendors, offline } = outage.value
      if (offline || vendors.length === 0) {
        body = 'Could not check the status pages \u2014 you seem offline.'
      } else {
        tone = vendors.some((v) => v.state === 'incident') ? 'incident' : 'ok'
        body = <Statuses vendors={vendors} />
      }
    }
  }
  return (
    <div className={`outage outage-${tone}`} role="status" aria-label="Outage check" data-outage={outage.state === 'ready' ? (outage.value.offline ? 'offline' : tone) : outage.state}>
      <span className="outage-dot" aria-hidden="true" />
      <p className="outage-text">{body}</p>
      {(outage.state === 'ready' || outage.state === 'failed') && (
        <button type="button" className="button small ghost" onClick={() => void refresh(true)}>
          Check again
        </button>
      )}
    </div>
  )
}

function Statuses({ vendors }: { vendors: readonly VendorStatus[] }) {
  const incidents = vendors.filter((v) => v.state === 'incident')
  const unknown = vendors.filter((v) => v.state === 'unknown')
  if (incidents.length === 0) {
    const ok = vendors.filter((v) => v.state === 'operational').map((v) => v.name)
    return (
      <>
        No outage reported{ok.length > 0 ? ` by ${ok.join(', ')}` : ''}: the cause is almost certainly on this machine.
        {unknown.length > 0 && <span className="muted"> (Could not reach {unknown.map((v) => v.name).join(', ')}.)</span>}
      </>
    )
  }
  return (
    <>
      {incidents.map((v, i) => (
        <span key={v.id}>
          {i > 0 && ' · '}
          <strong>{v.name}</strong> reports {v.incidents[0] ? `\u201c${v.incidents[0].name}\u201d (${v.incidents[0].status})` : (v.description ?? 'an incident')}{' '}
          <ExternalLink href={v.pageUrl}>status page</ExternalLink>
        </span>
      ))}
    </>
  )
}
