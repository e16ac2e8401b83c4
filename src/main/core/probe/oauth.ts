import type { HttpExchange } from './remote-fetch'

/** A parsed `WWW-Authenticate` challenge: its scheme and parameters. */
export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** What OAuth discovery (RFC 9728 protected-resource metadata, RFC 8414 server metadata) said. */
export interface OAuthEvidence {
  challenge?: Challenge
  protectedResource?: {
    url: string
    status?: number
    resource?: string
    authorizationServers?: string[]
    scopes?: string[]
    error?: string
  }
  authorizationServer?: {
    url: string
    status?: number
    issuer?: string
    authorizationEndpoint?: string
    tokenEndpoint?: string
    registrationEndpoint?: string
    error?: string
  }
}

/** Parses the first challenge of a `WWW-Authenticate` header (`Bearer realm="x", error="…"`). */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  for (let m = re.exec(match[2]!); m; m = re.exec(match[2]!)) params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1')
  return { scheme: match[1]!, params }
}

/**
 * Follows OAuth discovery from a 401/403: the challenge's `resource_metadata` (or the well-known
 * protected-resource paths of the MCP URL), then the first authorization server's metadata
 * (`oauth-authorization-server`, then `openid-configuration`). Records what each document says,
 * notably whether a `registration_endpoint` exists. Never throws.
 */
export async function discoverOAuth(mcpUrl: URL, wwwAuthenticate: string | undefined, fetchJson: JsonFetch): Promise<OAuthEvidence> {
  const evidence: OAuthEvidence = { challenge: parseChallenge(wwwAuthenticate) }
  const path = mcpUrl.pathname.replace(/\/$/, '')
  const candidates = [
    evidence.challenge?.params.resource_metadata,
    `${mcpUrl.origin}/.well-known/oauth-protected-resource${path}`,
    `${mcpUrl.origin}/.well-known/oauth-protected-resource`
  ].filter((u, i, all): u is string => typeof u === 'string' && u.length > 0 && all.indexOf(u) === i)

  for (const url of candidates) {
    const got = await fetchJson(url)
    evidence.protectedResource = { url, status: got.status, error: got.error }
    if (got.json) {
      const doc = got.json
      evidence.protectedResource = {
        url,
        status: got.status,
        resource: str(doc.resource),
        authorizationServers: strings(doc.authorization_servers),
        scopes: strings(doc.scopes_supported)
      }
      break
    }
  }

  const issuer = evidence.protectedResource?.authorizationServers?.[0] ?? (evidence.protectedResource?.resource ? undefined : mcpUrl.origin)
  if (!issuer) return evidence
  let base: URL
  try {
    base = new URL(issuer)
  } catch {
    evidence.authorizationServer = { url: issuer, error: 'not a URL' }
    return evidence
  }
  const issuerPath = base.pathname.replace(/\/$/, '')
  const asCandidates = [
    `${base.origin}/.well-known/oauth-authorization-server${issuerPath}`,
    `${base.origin}/.well-known/openid-configuration${issuerPath}`,
    ...(issuerPath ? [`${base.origin}${issuerPath}/.well-known/openid-configuration`] : [])
  ]
  for (const url of asCandidates) {
    const got = await fetchJson(url)
    evidence.authorizationServer = { url, status: got.status, error: got.error }
    if (got.json) {
      const doc = got.json
      evidence.authorizationServer = {
        url,
        status: got.status,
        issuer: str(doc.issuer),
        authorizationEndpoint: str(doc.authorization_endpoint),
        tokenEndpoint: str(doc.token_endpoint),
        registrationEndpoint: str(doc.registration_endpoint)
      }
      break
    }
  }
  return evidence
}

/** Fetches a URL expecting a JSON object; never throws. */
export type JsonFetch = (url: string) => Promise<{ status?: number; json?: Record<string, unknown>; error?: string }>

/** A `JsonFetch` built on a recording fetch, so discovery requests appear in the evidence too. */
export function jsonFetcher(fetchFn: typeof fetch): JsonFetch {
  return async (url) => {
    try {
      const response = await fetchFn(url, { headers: { accept: 'application/json' } })
      if (!response.ok) {
        await response.body?.cancel().catch(() => {})
        return { status: response.status, error: `HTTP ${response.status}` }
      }
      const text = (await response.text()).slice(0, 256 * 1024)
      const value = JSON.parse(text) as unknown
      return value && typeof value === 'object' && !Array.isArray(value)
        ? { status: response.status, json: value as Record<string, unknown> }
        : { status: response.status, error: 'not a JSON object' }
    } catch (error) {
      return { error: (error as Error)?.message ?? String(error) }
    }
  }
}

/** The `WWW-Authenticate` header of the first 401/403 exchange. */
export function challengeHeader(exchanges: readonly HttpExchange[]): string | undefined {
  return exchanges.find((x) => x.status === 401 || x.status === 403)?.headers?.['www-authenticate']
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined
}
