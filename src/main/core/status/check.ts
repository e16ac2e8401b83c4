import { finding, type Finding } from '../../../shared/findings'
import type { ClientId } from '../../../shared/report'
import { CLIENT_NAMES } from '../../../shared/report'
import type { StatusCheck, VendorStatus } from '../../../shared/status'
import type { EngineContext } from '../context'
import { configuredPages, type StatusPage } from './pages'
import { fetchStatusPage, type FetchOptions } from './statuspage'

/**
 * The outage line: every configured status page read at once, each with its own short deadline,
 * so the whole check takes at most about 3 s. "Could not check" is a state (`offline`), never an
 * error, and nothing waits for it: the app asks for it beside the diagnosis, and the CLI uses it
 * only if it is back before the diagnosis is (see {@link statusIfReady}).
 */

export interface CheckOptions extends FetchOptions {
  /** the pages to read instead of the configured ones */
  pages?: readonly StatusPage[]
}

export async function checkStatus(ctx: Pick<EngineContext, 'platform' | 'home' | 'env' | 'fsRoot'>, options: CheckOptions = {}): Promise<StatusCheck> {
  const configured = options.pages ? { pages: [...options.pages], problems: [] } : await configuredPages(ctx)
  const results = await Promise.all(configured.pages.map((p) => fetchStatusPage(p, options)))
  const vendors: VendorStatus[] = results.map(({ reach: _reach, ...vendor }) => vendor)
  return {
    checkedAt: new Date().toISOString(),
    vendors,
    // offline: pages were asked and none of them got an answer through at all
    offline: results.length > 0 && results.every((r) => r.reach === 'unreachable'),
    ...(configured.problems.length > 0 ? { problems: configured.problems } : {})
  }
}

/**
 * `status-incident` findings for the vendors that matter to `clients` (all vendors when no client
 * is given): a warning, since an outage explains a failing connection but a local server's own
 * fault is far more likely.
 */
export function statusFindings(check: StatusCheck, clients?: readonly ClientId[]): Finding[] {
  const relevant = check.vendors.filter((v) => v.state === 'incident' && (!clients || clients.length === 0 || !v.clients || v.clients.some((c) => clients.includes(c))))
  return relevant.map((v) => {
    const who = v.clients && v.clients.length > 0 ? ` (${v.clients.map((c) => CLIENT_NAMES[c]).join(', ')})` : ''
    const incidents = v.incidents.map((i) => `- ${i.name} (${i.status}${i.impact ? `, ${i.impact} impact` : ''})`)
    return finding(
      'status-incident',
      'warning',
      `${v.name} reports a problem: ${v.description ?? 'see its status page'}`,
      [`${v.name}'s status page${who} says: ${v.description ?? 'not all systems are operational'}.`, ...incidents, 'A connection that fails during an outage may work again once it is over; a server that fails the same way on MCP Medic\'s own test is more likely broken locally.'].join('\n'),
      { evidence: { vendor: v.id, page: v.pageUrl, incidents: v.incidents.map((i) => i.name) }, fix: { summary: `Follow ${v.name}'s status page and try again when it is resolved.`, url: v.pageUrl } }
    )
  })
}

/** The outage line in one sentence, for the CLI's output. */
export function statusLine(check: StatusCheck): string {
  if (check.vendors.length === 0) return 'Status pages: none configured.'
  if (check.offline) return 'Status pages: could not check — you seem offline.'
  const incidents = check.vendors.filter((v) => v.state === 'incident')
  const unknown = check.vendors.filter((v) => v.state === 'unknown')
  const parts = incidents.map((v) => `${v.name}: ${v.description ?? 'incident'}`)
  if (parts.length === 0) parts.push(`no incident at ${check.vendors.filter((v) => v.state === 'operational').map((v) => v.name).join(', ')}`)
  if (unknown.length > 0) parts.push(`could not check ${unknown.map((v) => v.name).join(', ')}`)
  return `Status pages: ${parts.join('; ')}.`
}

/** Caches the last check for the app, so every screen asking for the outage line does not read the pages again. */
export class StatusCache {
  private last?: { at: number; check: Promise<StatusCheck> }

  constructor(private readonly maxAgeMs = 60_000) {}

  get(ctx: Pick<EngineContext, 'platform' | 'home' | 'env' | 'fsRoot'>, options: { refresh?: boolean } = {}): Promise<StatusCheck> {
    const now = Date.now()
    if (!options.refresh && this.last && now - this.last.at < this.maxAgeMs) return this.last.check
    const check = checkStatus(ctx)
    this.last = { at: now, check }
    return check
  }
}

/**
 * Starts a check that must not extend a run: `take()` returns the result if it is already in,
 * otherwise undefined, and stops the pending requests so the process can exit at once.
 */
export function statusIfReady(ctx: Pick<EngineContext, 'platform' | 'home' | 'env' | 'fsRoot'>): { take(): StatusCheck | undefined; settled: Promise<void> } {
  const controller = new AbortController()
  let result: StatusCheck | undefined
  const pending = checkStatus(ctx, { signal: controller.signal }).then(
    (check) => {
      result = check
    },
    () => {}
  )
  return {
    settled: pending,
    take() {
      if (!result) controller.abort()
      return result
    }
  }
}
