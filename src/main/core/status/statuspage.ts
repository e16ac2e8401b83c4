import { z } from 'zod'
import type { VendorStatus } from '../../../shared/status'
import type { StatusPage } from './pages'

/**
 * Reads one Atlassian Statuspage summary (`/api/v2/summary.json`) with a short deadline. Never
 * throws: a page that does not answer in time, refuses the connection, answers with an HTTP error
 * or with something that is not a Statuspage summary comes back as `unknown` with the reason.
 */

/** The outage line must never make anyone wait: 3 s per page, all pages at once. */
export const STATUS_TIMEOUT_MS = 3000
/** A summary is a few tens of KB; anything far bigger is not one. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

const SummarySchema = z.object({
  page: z.object({ name: z.string().optional(), url: z.string().optional() }).passthrough().optional(),
  status: z.object({ indicator: z.string(), description: z.string().optional() }).passthrough(),
  incidents: z
    .array(
      z
        .object({
          name: z.string(),
          status: z.string(),
          impact: z.string().optional(),
          updated_at: z.string().nullable().optional(),
          shortlink: z.string().nullable().optional()
        })
        .passthrough()
    )
    .optional()
})

export interface FetchOptions {
  timeoutMs?: number
  /** aborts the read early (the CLI stops waiting when its diagnosis is done) */
  signal?: AbortSignal
}

/** Whether an error means no network at all (vs. a page that answered badly). */
export type Reach = 'answered' | 'unreachable'

export async function fetchStatusPage(page: StatusPage, options: FetchOptions = {}): Promise<VendorStatus & { reach: Reach }> {
  const started = performance.now()
  const timeoutMs = options.timeoutMs ?? STATUS_TIMEOUT_MS
  const base = { id: page.id, name: page.name, pageUrl: page.pageUrl, incidents: [], clients: page.clients }
  const done = (rest: Partial<VendorStatus> & { reach: Reach }): VendorStatus & { reach: Reach } => ({
    ...base,
    state: 'unknown',
    ...rest,
    ms: Math.round(performance.now() - started)
  })
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]
  let body: string
  try {
    const response = await fetch(page.apiUrl, { signal: AbortSignal.any(signals), headers: { accept: 'application/json' }, redirect: 'follow' })
    if (!response.ok) {
      await response.body?.cancel().catch(() => {})
      return done({ reach: 'answered', error: `The status page answered HTTP ${response.status}.` })
    }
    body = await readBounded(response)
  } catch (error) {
    return done(unreachable(error, timeoutMs, options.signal))
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return done({ reach: 'answered', error: 'The status page did not answer with JSON (not a Statuspage summary).' })
  }
  const parsed = SummarySchema.safeParse(json)
  if (!parsed.success) return done({ reach: 'answered', error: 'The answer is JSON but not a Statuspage summary (no status indicator).' })
  const summary = parsed.data
  const incidents = (summary.incidents ?? [])
    .filter((i) => !/^(?:resolved|postmortem|completed)$/i.test(i.status))
    .slice(0, 10)
    .map((i) => ({
      name: i.name.slice(0, 300),
      status: i.status.slice(0, 40),
      ...(i.impact ? { impact: i.impact.slice(0, 40) } : {}),
      ...(i.updated_at ? { updatedAt: i.updated_at } : {}),
      ...(i.shortlink && /^https?:\/\//.test(i.shortlink) ? { url: i.shortlink } : {})
    }))
  const indicator = summary.status.indicator.toLowerCase()
  const state = indicator === 'none' && incidents.length === 0 ? 'operational' : 'incident'
  return done({ reach: 'answered', state, description: summary.status.description?.slice(0, 200), incidents })
}

async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {})
      throw new Error('the answer is larger than a status summary can be')
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function unreachable(error: unknown, timeoutMs: number, outer: AbortSignal | undefined): { reach: Reach; error: string } {
  const e = error as Error & { cause?: { code?: string } }
  if (outer?.aborted) return { reach: 'unreachable', error: 'Not checked: the diagnosis finished first.' }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { reach: 'unreachable', error: `No answer within ${timeoutMs / 1000} s.` }
  const code = e?.cause?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reach: 'unreachable', error: 'The status page’s host does not resolve (offline?).' }
  if (code === 'ECONNREFUSED') return { reach: 'unreachable', error: 'The connection was refused.' }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return { reach: 'unreachable', error: 'No route to the status page (offline?).' }
  if (e?.message === 'the answer is larger than a status summary can be') return { reach: 'answered', error: 'The answer is too large to be a status summary.' }
  return { reach: 'unreachable', error: `Could not reach the status page: ${code ?? e?.message ?? String(error)}.` }
}
