import { REDACTED, redactText, redactUrl, replaceSecrets } from '../report/redact'
import { netError, type NetError } from './remote-net'

/** One HTTP request and what came back, as evidence: nothing secret is kept. */
export interface HttpExchange {
  method: string
  /** the URL with userinfo and query values redacted */
  url: string
  /** names of the request headers that were sent (values never kept) */
  requestHeaders: string[]
  /** the JSON-RPC method the body carried, when it was one request */
  rpcMethod?: string
  status?: number
  statusText?: string
  /** response headers that help a diagnosis; secret-bearing ones are redacted */
  headers?: Record<string, string>
  /** the start of the body of a failed response, redacted */
  bodyExcerpt?: string
  atMs: number
  ms: number
  error?: NetError
}

const KEEP_HEADERS = ['content-type', 'www-authenticate', 'allow', 'location', 'server', 'mcp-session-id', 'mcp-protocol-version', 'retry-after', 'via', 'cf-ray']
const SECRET_HEADERS = new Set(['mcp-session-id', 'set-cookie'])
const EXCERPT_BYTES = 2048
const MAX_EXCHANGES = 40

export interface RecordingFetchOptions {
  /** when the probe started (performance.now()), so exchanges carry times since then */
  t0: number
  /** aborts every request still running (the probe's deadline) */
  signal: AbortSignal
  /** values that must not appear in the evidence (configured header values, URL secrets) */
  secrets: readonly string[]
}

/**
 * A `fetch` for the SDK's HTTP transports that records every exchange (status, chosen headers, a
 * redacted excerpt of a failed body, timing) into `log`, and gives up at the probe's deadline.
 * The response handed back to the SDK is untouched.
 */
export function recordingFetch(log: HttpExchange[], options: RecordingFetchOptions): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const exchange: HttpExchange = {
      method,
      url: redactUrl(url),
      requestHeaders: headerNames(init?.headers),
      rpcMethod: rpcMethod(init?.body),
      atMs: Math.round(performance.now() - options.t0),
      ms: 0
    }
    if (log.length < MAX_EXCHANGES) log.push(exchange)
    const started = performance.now()
    const signal = init?.signal ? AbortSignal.any([init.signal, options.signal]) : options.signal
    try {
      const response = await fetch(input, { ...init, signal })
      exchange.ms = Math.round(performance.now() - started)
      exchange.status = response.status
      exchange.statusText = response.statusText
      exchange.headers = keptHeaders(response.headers, options.secrets)
      if (!response.ok) exchange.bodyExcerpt = await excerpt(response.clone(), options.secrets)
      return response
    } catch (error) {
      exchange.ms = Math.round(performance.now() - started)
      exchange.error = netError(error)
      exchange.error.message = redactText(exchange.error.message, options.secrets)
      throw error
    }
  }
}

function headerNames(headers: HeadersInit | undefined): string[] {
  if (!headers) return []
  return [...new Headers(headers).keys()]
}

function rpcMethod(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined
  try {
    const parsed = JSON.parse(body) as { method?: unknown }
    return typeof parsed.method === 'string' ? parsed.method : undefined
  } catch {
    return undefined
  }
}

function keptHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of KEEP_HEADERS) {
    const value = headers.get(name)
    if (value === null) continue
    // A challenge is the server's own words and is parsed later: only known secrets are taken out.
    if (name === 'www-authenticate') out[name] = replaceSecrets(value, secrets).slice(0, 2000)
    else out[name] = SECRET_HEADERS.has(name) ? REDACTED : redactText(value, secrets).slice(0, 1000)
  }
  return out
}

/** The first bytes of a body, without waiting for a stream that never ends. */
async function excerpt(response: Response, secrets: readonly string[]): Promise<string | undefined> {
  const reader = response.body?.getReader()
  if (!reader) return undefined
  const chunks: Uint8Array[] = []
  let size = 0
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), 2000)
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read()
      if (done || !value) break
      chunks.push(value)
      size += value.length
    }
  } catch {
    // cancelled or reset: keep what arrived
  } finally {
    clearTimeout(timer)
    void reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').trim()
  return text === '' ? undefined : redactText(text, secrets)
}
