import { finding, type Finding } from '../../../../shared/findings'
import { formatMs } from '../../../../shared/present'
import { CLIENT_NAMES } from '../../../../shared/report'
import type { ServerEntry } from '../../clients/types'
import type { RemoteEvidence, RemoteKind } from '../../probe/remote'
import { CERT_WORDS } from '../../probe/remote-net'
import { shellQuote } from '../text'
import { slowStartupFinding, versionMismatchFinding } from './stdio'

const KIND_NAMES: Record<RemoteKind, string> = { http: 'Streamable HTTP', sse: 'SSE (legacy HTTP+SSE)' }

/**
 * Rules for a remote (Streamable HTTP or SSE) server: read the remote probe's evidence and name
 * the layer that failed (DNS, TCP, TLS, HTTP, auth, MCP) in words a user can act on.
 */
export function remoteFindings(entry: ServerEntry, evidence: RemoteEvidence): Finding[] {
  const out: Finding[] = []
  const net = evidence.net
  const where = net ? `${net.host}:${net.port}` : evidence.url
  switch (evidence.outcome) {
    case 'dns-error':
      out.push(
        finding('dns-failure', 'error', `${net?.host ?? 'The host'} does not resolve`, `Looking up ${net?.host} failed (${evidence.error?.code}): ${evidence.error?.message}. No address means no connection, whatever the client.`, {
          evidence: { host: net?.host, code: evidence.error?.code },
          fix: { summary: 'Check the host name in the URL for typos; if it is an internal name, connect to the VPN or network that knows it.' }
        })
      )
      break
    case 'connection-error': {
      const tried = (net?.tcp ?? []).map((t) => `${t.address}: ${t.ok ? 'connected' : (t.error?.code ?? 'failed')}`)
      const fromFetch = evidence.error && evidence.failedDuring !== 'connect' ? ` The request failed with: ${evidence.error.message}.` : ''
      out.push(
        finding('connection-refused', 'error', `Nothing accepts connections at ${where}`, `MCP Medic tried ${tried.join(', ') || where}.${fromFetch} Either the server is not running, or it listens on another port or address.`, {
          evidence: { host: net?.host, port: net?.port, attempts: net?.tcp },
          fix: {
            summary:
              net?.host === 'localhost'
                ? 'Start the server, check its port, and try 127.0.0.1 instead of localhost (localhost may resolve to ::1 while the server listens on IPv4 only).'
                : 'Start the server and check the port in the URL; a server in a container must listen on 0.0.0.0 and publish the port.'
          }
        })
      )
      break
    }
    case 'tls-error':
      out.push(tlsFinding(evidence))
      break
    case 'http-error':
      if (evidence.working && evidence.working !== evidence.configured) out.push(transportMismatchFinding(entry, evidence))
      else if (evidence.status === 401 || evidence.status === 403) out.push(authFinding(entry, evidence))
      else out.push(httpErrorFinding(evidence))
      break
    case 'timeout':
      out.push(
        finding('handshake-timeout', 'error', `No answer to \`initialize\` within ${formatMs(evidence.timeoutMs)}`, `${where} accepts connections, but the MCP handshake got no answer over ${KIND_NAMES[evidence.configured]}.`, {
          evidence: { timeoutMs: evidence.timeoutMs, exchanges: lastExchanges(evidence) },
          fix: { summary: 'Check that the URL points at the MCP endpoint (often /mcp or /sse) and that the server is not stuck.' }
        })
      )
      break
    case 'crash-after-start':
      out.push(
        finding('crash-after-start', 'error', 'The server connected, then failed to list its tools', `The handshake succeeded, but \`tools/list\` failed: ${evidence.error?.message ?? 'no answer'}.`, {
          evidence: { error: evidence.error?.message }
        })
      )
      break
    case 'protocol-error': {
      const versions = evidence.attempts[0]?.versions
      if (versions && versions.every((v) => v.result === 'rejected')) out.push(versionMismatchFinding(versions.map((v) => v.offered), evidence.error?.message ?? ''))
      else if (evidence.working && evidence.working !== evidence.configured) out.push(transportMismatchFinding(entry, evidence))
      else if (evidence.failedDuring !== 'url') {
        out.push(
          finding('handshake-failed', 'error', 'The server answered the handshake with an error', evidence.error?.message ?? 'unknown error', {
            evidence: { error: evidence.error?.message, exchanges: lastExchanges(evidence) }
          })
        )
      }
      break
    }
    default:
      break
  }
  const slow = slowStartupFinding(entry, evidence)
  if (slow) out.push(slow)
  return out
}

function tlsFinding(evidence: RemoteEvidence): Finding {
  const tls = evidence.net?.tls
  if (tls?.ok) {
    return finding('tls-error', 'warning', 'The certificate is trusted only through NODE_EXTRA_CA_CERTS', `The certificate of ${evidence.net?.host} verifies with the extra CA file ${tls.extraCa ?? ''} that the client trusts, but MCP Medic's own process was not started with it, so the MCP check could not go on (${evidence.error?.message ?? 'TLS failed'}).`, {
      evidence: { extraCa: tls.extraCa, error: evidence.error?.message },
      fix: { summary: 'Start MCP Medic with the same NODE_EXTRA_CA_CERTS to finish the check.' }
    })
  }
  const code = tls?.error?.code ?? 'UNKNOWN'
  const words = CERT_WORDS[code] ?? tls?.error?.message ?? 'the TLS handshake failed'
  const cert = tls?.cert
  const certLine = cert ? ` The certificate is for "${cert.subject}", issued by "${cert.issuer}", valid ${cert.validFrom} to ${cert.validTo}.` : ''
  const privateCa = ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].includes(code)
  return finding('tls-error', 'error', `The TLS certificate of ${evidence.net?.host} is not trusted: ${words}`, `The connection to ${evidence.net?.host}:${evidence.net?.port} fails its certificate check (${code}).${certLine} Node-based clients trust only their built-in CAs plus NODE_EXTRA_CA_CERTS, not the system store.`, {
    evidence: { code, cert, extraCa: tls?.extraCa },
    fix: privateCa
      ? {
          summary: "Give the client the CA that signed the certificate: save it as a PEM file and set NODE_EXTRA_CA_CERTS to that file in the client's environment (then restart the client). Turning verification off (NODE_TLS_REJECT_UNAUTHORIZED=0) is for testing only.",
          command: 'export NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem'
        }
      : { summary: code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'Use the host name the certificate was issued for.' : 'Have the certificate renewed or fixed on the server.' }
  })
}

function authFinding(entry: ServerEntry, evidence: RemoteEvidence): Finding {
  const oauth = evidence.oauth
  const challenge = oauth?.challenge
  const lines: string[] = [`The server answered HTTP ${evidence.status} to the MCP handshake.`]
  if (evidence.headersSent.some((h) => h.toLowerCase() === 'authorization')) lines.push('The configured Authorization header was sent and refused: the token is wrong, expired or lacks a scope.')
  if (challenge) lines.push(`Its challenge: ${challenge.scheme}${Object.entries(challenge.params).map(([k, v]) => ` ${k}="${v}"`).join(',')}.`)
  const prm = oauth?.protectedResource
  if (prm?.authorizationServers?.length) lines.push(`OAuth discovery: ${prm.url} names the authorization server ${prm.authorizationServers.join(', ')}.`)
  else if (prm) lines.push(`OAuth discovery: no protected-resource metadata at ${prm.url} (${prm.error ?? prm.status}).`)
  const as = oauth?.authorizationServer
  if (as?.tokenEndpoint || as?.authorizationEndpoint) {
    lines.push(
      as.registrationEndpoint
        ? `Its metadata (${as.url}) offers dynamic client registration at ${as.registrationEndpoint}, so a client can sign in on its own.`
        : `Its metadata (${as.url}) has no registration_endpoint: it does not support dynamic client registration, so the client needs a pre-registered client ID.`
    )
  } else if (as) lines.push(`No authorization server metadata at ${as.url} (${as.error ?? as.status}).`)
  const waf = evidence.status === 403 && /<html|cloudflare|access denied/i.test(evidence.attempts[0]?.exchanges.find((x) => x.status === 403)?.bodyExcerpt ?? '')
  if (waf) lines.push('The 403 came with an HTML page: a firewall or bot protection in front of the server may be blocking the client.')
  const dcrMissing = Boolean(as && (as.tokenEndpoint || as.authorizationEndpoint) && !as.registrationEndpoint)
  const signIn =
    entry.client === 'claude-code'
      ? 'Sign in from Claude Code: run /mcp, choose the server and authenticate.'
      : `Sign in from ${CLIENT_NAMES[entry.client]} (its MCP server list offers to authenticate).`
  return finding('auth-required', 'error', `The server requires authorization (HTTP ${evidence.status})`, lines.join(' '), {
    evidence: { status: evidence.status, challenge, oauth, headersSent: evidence.headersSent },
    fix: {
      summary: dcrMissing
        ? 'Register an OAuth app with the provider and configure its client ID (and secret) for this server, or use a personal access token in an Authorization header if the server accepts one.'
        : `${signIn} Or, if the server accepts tokens, add a header "Authorization": "Bearer <token>" to the entry.`
    }
  })
}

function transportMismatchFinding(entry: ServerEntry, evidence: RemoteEvidence): Finding {
  const working = evidence.working!
  const failedWith = evidence.status !== undefined ? `HTTP ${evidence.status}` : (evidence.error?.message ?? 'an error')
  const change = `"type": "${working}"`
  return finding('transport-mismatch', 'error', `This server speaks ${KIND_NAMES[working]}, not ${KIND_NAMES[evidence.configured]}`, `The entry says ${KIND_NAMES[evidence.configured]}, which failed with ${failedWith}. Over ${KIND_NAMES[working]} the same URL completed the handshake${evidence.tools !== undefined ? ` and listed ${evidence.tools} tools` : ''}.`, {
    evidence: { configured: evidence.configured, working, status: evidence.status, error: evidence.error?.message },
    fix: {
      summary: `In ${entry.configPath}, set ${change} in the "${entry.name}" entry, then restart ${CLIENT_NAMES[entry.client]}.`,
      ...(entry.client === 'claude-code'
        ? { command: `claude mcp remove --scope ${entry.scope} ${shellQuote(entry.name)} && claude mcp add --scope ${entry.scope} --transport ${working} ${shellQuote(entry.name)} ${shellQuote(evidence.url)}` }
        : {})
    }
  })
}

function httpErrorFinding(evidence: RemoteEvidence): Finding {
  const status = evidence.status
  const exchange = evidence.attempts[0]?.exchanges.filter((x) => x.status === status).at(-1)
  const body = exchange?.bodyExcerpt
  const hint =
    status === 404
      ? ' Nothing is served at that path: MCP endpoints are usually /mcp (Streamable HTTP) or /sse (SSE); check the URL.'
      : status === 421 || (status === 403 && /host/i.test(body ?? ''))
        ? ' The server rejects the Host header (DNS-rebinding protection): add this host name to its allowed hosts.'
        : status === 400 && /session/i.test(body ?? evidence.error?.message ?? '')
          ? ' The server wants a session it does not have: restart the client, or run the server statelessly or with sticky sessions.'
          : status !== undefined && status >= 500
            ? ' The server itself failed: its own logs say why.'
            : ''
  return finding('http-error', 'error', `The server answered HTTP ${status}${exchange?.statusText ? ` ${exchange.statusText}` : ''}`, `${exchange?.method ?? 'The request'} ${exchange?.url ?? evidence.url} got HTTP ${status}.${hint}${body ? `\n\n${body.slice(0, 500)}` : ''}`, {
    evidence: { status, bodyExcerpt: body, exchanges: lastExchanges(evidence) }
  })
}

function lastExchanges(evidence: RemoteEvidence): unknown[] {
  return (evidence.attempts[0]?.exchanges ?? []).slice(-3).map((x) => ({ method: x.method, url: x.url, status: x.status, error: x.error?.code }))
}
