import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import type { ProbeOutcome, ProbeTimings } from '../../../shared/report'
import { redactText, redactUrl } from '../report/redact'
import { TOOL } from '../version'
import { challengeHeader, discoverOAuth, jsonFetcher, type OAuthEvidence } from './oauth'
import { recordingFetch, type HttpExchange } from './remote-fetch'
import { preflightNet, type NetEvidence, type NetOptions } from './remote-net'
import { answeredVersion, isVersionRejection, PROTOCOL_VERSIONS, VersionOfferingTransport, type VersionAttempt } from './versions'
import { countEverything, serverFacts, sessionFields, type SessionFacts } from './session'

export type RemoteKind = 'http' | 'sse'

/** A remote server to probe, as its client would reach it. */
export interface RemoteSpec {
  url: string
  /** the transport the entry is configured with */
  transport: RemoteKind
  /** configured headers: sent as they are, never recorded */
  headers?: Record<string, string>
  /** how long to wait for each answer */
  timeoutMs: number
  /** absolute time (Date.now()) after which nothing more is attempted */
  deadline?: number
  /** values that must not appear in the evidence besides the header values */
  secrets?: readonly string[]
  extraCa?: NetOptions['extraCa']
  lookup?: NetOptions['lookup']
}

/** One try at speaking MCP over one transport. */
export interface TransportAttempt {
  transport: RemoteKind
  ok: boolean
  ms: number
  /** the HTTP status that made it fail, when one did */
  status?: number
  error?: { message: string; code?: number | string }
  failedDuring?: 'initialize' | 'list'
  exchanges: HttpExchange[]
  versions?: VersionAttempt[]
}

/** Everything a remote probe saw. Facts only: rules turn them into findings. */
export interface RemoteEvidence extends SessionFacts {
  outcome: ProbeOutcome
  ms: number
  timeoutMs: number
  /** the URL with its secrets redacted */
  url: string
  configured: RemoteKind
  /** names of the configured headers that were sent */
  headersSent: string[]
  net?: NetEvidence
  attempts: TransportAttempt[]
  /** the transport that completed the handshake, configured or not */
  working?: RemoteKind
  error?: { message: string; code?: number | string }
  failedDuring?: 'url' | 'dns' | 'connect' | 'tls' | 'initialize' | 'list'
  /** the HTTP status that failed the configured transport */
  status?: number
  oauth?: OAuthEvidence
}

const SWITCHABLE = new Set([400, 404, 405, 406, 415])

/**
 * Probes a remote server: checks DNS, TCP and TLS first so a failure names its layer, then speaks
 * MCP through the SDK's transport for the configured type with a recording `fetch`. When that
 * fails in a way the other transport could explain (404, 405, …), the other transport is tried
 * too; on 401/403 OAuth discovery is followed. Never throws; ends every stream it opened.
 */
export async function probeRemote(spec: RemoteSpec): Promise<RemoteEvidence> {
  const t0 = performance.now()
  const secrets = [...Object.values(spec.headers ?? {}), ...(spec.secrets ?? [])]
  const evidence: RemoteEvidence = {
    outcome: 'protocol-error',
    ms: 0,
    timeoutMs: spec.timeoutMs,
    url: redactUrl(spec.url),
    configured: spec.transport,
    headersSent: Object.keys(spec.headers ?? {}),
    attempts: [],
    timings: {}
  }
  const done = (outcome: ProbeOutcome): RemoteEvidence => ({ ...evidence, outcome, ms: Math.round(performance.now() - t0) })
  let url: URL
  try {
    url = new URL(spec.url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.protocol} is not http: or https:`)
  } catch (error) {
    evidence.error = { message: redactText((error as Error).message, secrets) }
    evidence.failedDuring = 'url'
    return done('protocol-error')
  }
  secrets.push(...[...url.searchParams.values()], url.username, url.password)

  const net = await preflightNet(url, { timeoutMs: timeLeft(spec), extraCa: spec.extraCa, lookup: spec.lookup })
  evidence.net = net
  if (net.dns.error) return fail('dns', 'dns-error', net.dns.error)
  if (!net.tcp.some((t) => t.ok)) return fail('connect', 'connection-error', net.tcp[0]?.error ?? { code: 'UNKNOWN', message: 'no address' })
  if (net.tls && !net.tls.ok) return fail('tls', 'tls-error', net.tls.error ?? { code: 'UNKNOWN', message: 'TLS failed' })

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), Math.max(1, (spec.deadline ?? Date.now() + spec.timeoutMs * 3) - Date.now()))
  try {
    const configured = await speak(spec.transport)
    if (configured.result) return finishOk(configured.result, spec.transport)
    const other: RemoteKind = spec.transport === 'http' ? 'sse' : 'http'
    const first = configured.attempt
    if (first.status !== undefined && SWITCHABLE.has(first.status) && timeLeft(spec) > 1) {
      const second = await speak(other)
      if (second.result) {
        evidence.working = other
        evidence.timings = second.result.timings
        Object.assign(evidence, pick(second.result))
      }
    }
    evidence.error = first.error
    evidence.failedDuring = first.failedDuring
    evidence.status = first.status
    if (first.status === 401 || first.status === 403) {
      evidence.oauth = await discoverOAuth(url, challengeHeader(first.exchanges), jsonFetcher(recordingFetch(first.exchanges, fetchOptions())))
    }
    return done(failureOutcome(first))
  } finally {
    clearTimeout(timer)
    controller.abort()
  }

  function fetchOptions(): Parameters<typeof recordingFetch>[1] {
    return { t0, signal: controller.signal, secrets }
  }

  function fail(layer: 'dns' | 'connect' | 'tls', outcome: ProbeOutcome, error: { code: string; message: string }): RemoteEvidence {
    evidence.failedDuring = layer
    evidence.error = { message: redactText(error.message, secrets), code: error.code }
    return done(outcome)
  }

  function finishOk(result: McpResult, kind: RemoteKind): RemoteEvidence {
    evidence.working = kind
    evidence.timings = result.timings
    Object.assign(evidence, pick(result))
    if (result.listError) {
      evidence.error = result.listError
      evidence.failedDuring = 'list'
      return done('crash-after-start')
    }
    return done('ok')
  }

  /** MCP over one transport, offering older protocol versions when the newest is refused. */
  async function speak(kind: RemoteKind): Promise<{ attempt: TransportAttempt; result?: McpResult }> {
    const started = performance.now()
    const attempt: TransportAttempt = { transport: kind, ok: false, ms: 0, exchanges: [] }
    evidence.attempts.push(attempt)
    const versions: VersionAttempt[] = []
    for (const version of PROTOCOL_VERSIONS) {
      const outcome = await connectOnce(kind, version, attempt.exchanges)
      attempt.ms = Math.round(performance.now() - started)
      if (outcome.result) {
        attempt.ok = true
        if (versions.length > 0) attempt.versions = [...versions, { offered: version, result: 'accepted', answered: outcome.result.protocolVersion }]
        return { attempt, result: outcome.result }
      }
      const error = outcome.error!
      attempt.error = { message: redactText(error.message, secrets), code: error.code }
      attempt.status = outcome.status
      attempt.failedDuring = 'initialize'
      const body = attempt.exchanges.at(-1)?.bodyExcerpt ?? ''
      const refused = isVersionRejection(error.message, body)
      const answered = answeredVersion(error.message)
      versions.push({ offered: version, result: refused ? 'rejected' : 'failed', ...(answered ? { answered } : {}), error: attempt.error.message })
      if (!refused || timeLeft(spec) <= 1) break
    }
    if (versions.length > 1) attempt.versions = versions
    return { attempt }
  }

  async function connectOnce(kind: RemoteKind, version: string, exchanges: HttpExchange[]): Promise<{ result?: McpResult; error?: { message: string; code?: number | string }; status?: number }> {
    const fetchFn = recordingFetch(exchanges, fetchOptions())
    const requestInit: RequestInit = { headers: { ...(spec.headers ?? {}) } }
    const inner: Transport =
      kind === 'http'
        ? new StreamableHTTPClientTransport(url, { fetch: fetchFn, requestInit })
        : new SSEClientTransport(url, { fetch: fetchFn, requestInit })
    const transport = new VersionOfferingTransport(inner, version)
    const client = new Client({ name: 'mcp-medic', version: TOOL.version }, { capabilities: {} })
    const from = exchanges.length
    try {
      await client.connect(transport, { timeout: timeLeft(spec) })
      return { result: await listAll(client, t0, spec) }
    } catch (error) {
      const status = httpStatus(error, exchanges.slice(from))
      return { error: describe(error), status }
    } finally {
      if (inner instanceof StreamableHTTPClientTransport && inner.sessionId) {
        await Promise.race([inner.terminateSession().catch(() => {}), delay(1000)])
      }
      await client.close().catch(() => {})
    }
  }
}

interface McpResult extends SessionFacts {
  listError?: { message: string; code?: number | string }
}

async function listAll(client: Client, t0: number, spec: RemoteSpec): Promise<McpResult> {
  const timings: ProbeTimings = { initializeMs: Math.round(performance.now() - t0) }
  const result: McpResult = {
    timings,
    ...serverFacts(client),
    protocolVersion: (client.transport as VersionOfferingTransport | undefined)?.protocolVersion
  }
  try {
    const counts = await countEverything(client, result.capabilities ?? {}, () => timeLeft(spec), () => {
      timings.toolsListMs = Math.round(performance.now() - t0)
    })
    Object.assign(result, counts)
  } catch (error) {
    result.listError = describe(error)
  }
  return result
}

function pick(result: McpResult): Partial<RemoteEvidence> {
  return { ...sessionFields(result), capabilities: result.capabilities }
}

function failureOutcome(attempt: TransportAttempt): ProbeOutcome {
  if (attempt.status !== undefined) return 'http-error'
  if (attempt.error?.code === ErrorCode.RequestTimeout) return 'timeout'
  // The preflight trusted an extra CA (as the client does) that this process's fetch cannot use.
  if (attempt.exchanges.some((x) => x.error && /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(x.error.code))) return 'tls-error'
  if (attempt.exchanges.some((x) => x.error && x.error.code !== 'ABORT_ERR' && x.error.code !== 'UNKNOWN')) return 'connection-error'
  return 'protocol-error'
}

/** The HTTP status behind a transport error: the error's own code, else the last failed exchange. */
function httpStatus(error: unknown, exchanges: readonly HttpExchange[]): number | undefined {
  const code = (error as { code?: unknown })?.code
  if (!(error instanceof McpError) && typeof code === 'number' && code >= 400 && code < 600) return code
  return exchanges.filter((x) => x.status !== undefined && x.status >= 400).at(-1)?.status
}

function describe(error: unknown): { message: string; code?: number | string } {
  const e = error as { message?: string; code?: number | string }
  const message = (e?.message ?? String(error)).replace(/^(MCP error -?\d+: )\1/, '$1')
  return { message, ...(e?.code !== undefined ? { code: e.code } : {}) }
}

function timeLeft(spec: RemoteSpec): number {
  if (spec.deadline === undefined) return spec.timeoutMs
  return Math.max(1, Math.min(spec.timeoutMs, spec.deadline - Date.now()))
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
