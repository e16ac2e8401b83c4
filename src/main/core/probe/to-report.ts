import type { Probe, RemoteProbe, TerminalProbe } from '../../../shared/report'
import { neutralize } from '../../../shared/safe-text'
import { redactText, redactUrl } from '../report/redact'
import type { RemoteEvidence } from './remote'
import { sessionFields } from './session'
import type { StdioEvidence } from './stdio'
import type { TerminalRun } from './terminal'

/**
 * The report's view of a remote probe: the common probe fields plus the `remote` block. Every URL
 * is redacted again and every text has the known `secrets` replaced, so nothing configured leaks.
 */
export function probeFromRemote(evidence: RemoteEvidence, secrets: readonly string[], clientLimitMs?: number): Probe {
  // what a remote server sent (bodies, challenges, errors) is made printable too
  const text = (value: string | undefined): string | undefined => (value === undefined ? undefined : neutralize(redactText(value, secrets)))
  const url = (value: string | undefined): string | undefined => (value === undefined ? undefined : redactUrl(value))
  const net = evidence.net
  const tls = net?.tls
  const oauth = evidence.oauth
  const remote: RemoteProbe = {
    url: redactUrl(evidence.url),
    configured: evidence.configured,
    working: evidence.working,
    status: evidence.status,
    failedDuring: evidence.failedDuring,
    headersSent: evidence.headersSent,
    net: net && {
      host: net.host,
      port: net.port,
      addresses: net.dns.addresses.map((a) => a.address),
      dnsError: net.dns.error && `${net.dns.error.code}: ${text(net.dns.error.message)}`,
      tcp: net.tcp.map((t) => ({ address: t.address, ok: t.ok, error: t.error?.code })),
      tls: tls && {
        ok: tls.ok,
        code: tls.error?.code,
        error: text(tls.error?.message),
        protocol: tls.protocol,
        subject: tls.cert?.subject,
        issuer: tls.cert?.issuer,
        validFrom: tls.cert?.validFrom,
        validTo: tls.cert?.validTo,
        selfSigned: tls.cert?.selfSigned
      }
    },
    exchanges: evidence.attempts.flatMap((attempt) =>
      attempt.exchanges.map((x) => ({
        transport: attempt.transport,
        method: x.method,
        url: redactUrl(x.url),
        rpcMethod: x.rpcMethod,
        status: x.status,
        atMs: x.atMs,
        ms: x.ms,
        contentType: x.headers?.['content-type'],
        bodyExcerpt: text(x.bodyExcerpt),
        error: x.error && `${x.error.code}: ${text(x.error.message)}`
      }))
    ),
    oauth: oauth && {
      challenge: text(oauth.challenge ? [oauth.challenge.scheme, ...Object.entries(oauth.challenge.params).map(([k, v]) => `${k}="${v}"`)].join(' ') : undefined),
      resourceMetadataUrl: url(oauth.protectedResource?.url),
      authorizationServers: oauth.protectedResource?.authorizationServers?.map(redactUrl),
      metadataUrl: url(oauth.authorizationServer?.url),
      authorizationEndpoint: url(oauth.authorizationServer?.authorizationEndpoint),
      tokenEndpoint: url(oauth.authorizationServer?.tokenEndpoint),
      registrationEndpoint: url(oauth.authorizationServer?.registrationEndpoint)
    }
  }
  const versions = evidence.attempts.find((a) => a.versions)?.versions
  return {
    outcome: evidence.outcome,
    ms: evidence.ms,
    ...sessionFields(evidence),
    error: text(evidence.error?.message),
    timeoutMs: evidence.timeoutMs,
    ...(clientLimitMs !== undefined && clientLimitMs !== evidence.timeoutMs ? { clientLimitMs } : {}),
    ...(versions ? { protocolAttempts: versions.map((v) => ({ ...v, error: text(v.error) })) } : {}),
    remote
  }
}

/** The report's view of a terminal re-run: outcome and differences, never its environment's values. */
export function terminalProbe(run: TerminalRun): TerminalProbe {
  return {
    outcome: run.evidence.outcome,
    ms: run.evidence.ms,
    exitCode: run.evidence.exit?.code,
    tools: run.evidence.tools,
    ...run.diff
  }
}

/** What a stdio probe adds to the report besides the common fields: versions tried, the terminal re-run, the client's limit. */
export function stdioProbeExtras(evidence: StdioEvidence, run: TerminalRun | undefined, clientLimitMs: number): Partial<Probe> {
  return {
    ...(clientLimitMs !== evidence.timeoutMs ? { clientLimitMs } : {}),
    ...(evidence.attempts ? { protocolAttempts: evidence.attempts } : {}),
    ...(run ? { terminal: terminalProbe(run) } : {})
  }
}
