import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, Socket } from 'node:net'
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls'

/** A network error as recorded: the errno-style code and Node's message. */
export interface NetError {
  code: string
  message: string
}

/** What the layers under HTTP said about a URL's host: name resolution, TCP, TLS. */
export interface NetEvidence {
  host: string
  port: number
  dns: { ms: number; addresses: { address: string; family: number }[]; error?: NetError; literal?: boolean }
  /** one TCP connect per resolved address (a `localhost` that resolves to ::1 and 127.0.0.1 tries both) */
  tcp: { address: string; ok: boolean; ms: number; error?: NetError }[]
  tls?: TlsEvidence
}

export interface TlsEvidence {
  ok: boolean
  ms: number
  /** the certificate problem, in Node's words and code (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …) */
  error?: NetError
  servername?: string
  protocol?: string
  cert?: { subject: string; issuer: string; validFrom: string; validTo: string; selfSigned: boolean; altNames?: string; fingerprint256: string }
  /** the extra CA file that was trusted besides Node's built-in roots (NODE_EXTRA_CA_CERTS) */
  extraCa?: string
}

export interface NetOptions {
  timeoutMs: number
  /** PEM text of extra CA certificates the client trusts, and where they came from */
  extraCa?: { file: string; pem: string }
  /** resolves a host name; `dns.lookup` (the system resolver, as fetch uses) by default */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>
}

/**
 * Checks the layers under HTTP one by one, so a failure names its layer: does the host resolve,
 * does anything accept a TCP connection at each address, and (for https) does the certificate
 * verify against Node's roots (plus `extraCa`). Never throws; a layer that failed stops the next.
 */
export async function preflightNet(url: URL, options: NetOptions): Promise<NetEvidence> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  const evidence: NetEvidence = { host, port, dns: { ms: 0, addresses: [] }, tcp: [] }
  const t0 = performance.now()
  if (isIP(host)) evidence.dns = { ms: 0, addresses: [{ address: host, family: isIP(host) }], literal: true }
  else {
    try {
      const lookup = options.lookup ?? ((h: string) => dnsLookup(h, { all: true, verbatim: true }))
      const addresses = await withTimeout(lookup(host), options.timeoutMs, 'ETIMEOUT', `resolving ${host} took too long`)
      evidence.dns = { ms: since(t0), addresses: addresses.map(({ address, family }) => ({ address, family })) }
    } catch (error) {
      evidence.dns = { ms: since(t0), addresses: [], error: netError(error) }
      return evidence
    }
  }
  const addresses = evidence.dns.addresses.slice(0, 4)
  evidence.tcp = await Promise.all(addresses.map(({ address }) => tcpConnect(address, port, options.timeoutMs)))
  const reachable = evidence.tcp.find((t) => t.ok)
  if (reachable && url.protocol === 'https:') {
    evidence.tls = await tlsCheck(reachable.address, port, isIP(host) ? undefined : host, options)
  }
  return evidence
}

function tcpConnect(address: string, port: number, timeoutMs: number): Promise<NetEvidence['tcp'][number]> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (error?: unknown): void => {
      socket.destroy()
      resolve({ address, ok: error === undefined, ms: since(t0), ...(error === undefined ? {} : { error: netError(error) }) })
    }
    socket.setTimeout(timeoutMs, () => done(Object.assign(new Error(`connect ETIMEDOUT ${address}:${port}`), { code: 'ETIMEDOUT' })))
    socket.once('error', (error) => done(error))
    socket.connect(port, address, () => done())
  })
}

function tlsCheck(address: string, port: number, servername: string | undefined, options: NetOptions): Promise<TlsEvidence> {
  const t0 = performance.now()
  const ca = options.extraCa ? [...rootCertificates, options.extraCa.pem] : undefined
  return new Promise((resolve) => {
    let settled = false
    const socket: TLSSocket = tlsConnect({ host: address, port, servername, rejectUnauthorized: false, ...(ca ? { ca } : {}) })
    const finish = (result: Omit<TlsEvidence, 'ms'>): void => {
      if (settled) return
      settled = true
      socket.destroy()
      resolve({ ...result, ms: since(t0), servername, ...(options.extraCa ? { extraCa: options.extraCa.file } : {}) })
    }
    socket.setTimeout(options.timeoutMs, () => finish({ ok: false, error: { code: 'ETIMEDOUT', message: 'the TLS handshake took too long' } }))
    socket.once('error', (error) => finish({ ok: false, error: netError(error) }))
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      const cert = peer && Object.keys(peer).length > 0 ? describeCert(peer) : undefined
      let error: NetError | undefined
      if (socket.authorizationError) {
        const code = String(socket.authorizationError)
        error = { code, message: CERT_WORDS[code] ?? code }
      } else if (servername && peer) {
        const mismatch = checkServerIdentity(servername, peer)
        if (mismatch) error = netError(mismatch)
      }
      finish({ ok: error === undefined, protocol: socket.getProtocol() ?? undefined, cert, ...(error ? { error } : {}) })
    })
  })
}

/** Certificate verification codes in words a user can act on. */
export const CERT_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed: nothing vouches for it',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed root that is not trusted (a company proxy or a private CA)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate was issued by a CA that is not trusted here (a company proxy or a private CA)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate cannot be verified: its issuer is missing from the chain the server sends',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check the clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name'
}

function describeCert(peer: PeerCertificate): NonNullable<TlsEvidence['cert']> {
  const name = (part: Record<string, string | string[]> | undefined): string =>
    part ? Object.entries(part).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ') : ''
  const subject = name(peer.subject as unknown as Record<string, string>)
  const issuer = name(peer.issuer as unknown as Record<string, string>)
  return {
    subject,
    issuer,
    validFrom: peer.valid_from,
    validTo: peer.valid_to,
    selfSigned: subject === issuer,
    altNames: peer.subjectaltname,
    fingerprint256: peer.fingerprint256
  }
}

/** The code and message of any thrown value; `UNKNOWN` when it has no code. */
export function netError(error: unknown): NetError {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }
  const code = e?.code ?? e?.cause?.code ?? 'UNKNOWN'
  return { code: String(code), message: e?.cause?.message ?? e?.message ?? String(error) }
}

function withTimeout<T>(promise: Promise<T>, ms: number, code: string, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code })), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function since(t0: number): number {
  return Math.round(performance.now() - t0)
}
