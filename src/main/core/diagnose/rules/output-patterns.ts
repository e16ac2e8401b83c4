/**
 * The regex bank for what servers print (failures.md, "Stderr / log regex bank"): each detector
 * reads the lines a server printed and returns what it recognised, with the line that says it.
 * Pure: no findings here, only recognition. Every pattern runs on single lines of bounded length,
 * so hostile output cannot make matching slow.
 */
import { readableLines } from './env-names'

export interface Hit {
  /** the line that says it, trimmed (at most 300 characters) */
  line: string
}

/** The first line matching `pattern`, with its match. */
export function firstLine(lines: readonly string[], pattern: RegExp): (Hit & { match: RegExpExecArray }) | undefined {
  for (const raw of lines) {
    const match = pattern.exec(raw)
    if (match) {
      const t = raw.trim()
      return { line: t.length > 300 ? `${t.slice(0, 297)}…` : t, match }
    }
  }
  return undefined
}

export { readableLines }

/** A module or package the runtime could not load. */
export interface MissingModule extends Hit {
  runtime: 'python' | 'node'
  module: string
  /** the module is a file path (an unbuilt `dist/index.js`), not a package name */
  isPath: boolean
  /** Python's "cannot import name X from Y": the package is there but another version */
  wrongVersion?: boolean
}

export function missingModule(lines: readonly string[]): MissingModule | undefined {
  const py = firstLine(lines, /ModuleNotFoundError: No module named ['"]?([\w.]+)['"]?|ImportError: No module named ['"]?([\w.]+)/)
  if (py) return { line: py.line, runtime: 'python', module: (py.match[1] ?? py.match[2])!, isPath: false }
  const pyName = firstLine(lines, /ImportError: cannot import name ['"]?(\w+)['"]? from ['"]?([\w.]+)/)
  if (pyName) return { line: pyName.line, runtime: 'python', module: pyName.match[2]!, isPath: false, wrongVersion: true }
  const node = firstLine(lines, /Cannot find (?:module|package) ['"]([^'"]{1,400})['"]/)
  if (node) {
    const module = node.match[1]!
    return { line: node.line, runtime: 'node', module, isPath: /^(?:[./\\]|[A-Za-z]:[\\/])/.test(module) }
  }
  const code = firstLine(lines, /\b(?:ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND)\b/)
  return code ? { line: code.line, runtime: 'node', module: '', isPath: false } : undefined
}

/** npx's or uv's cache is damaged (failures.md npx-cache-corrupt). */
export function cacheCorrupt(lines: readonly string[]): Hit | undefined {
  return firstLine(lines, /\bENOTEMPTY\b.*(?:_npx|npm)|_npx[\\/].*ERR_MODULE_NOT_FOUND|ERR_MODULE_NOT_FOUND.*_npx[\\/]|EPERM.*npm-cache[\\/]_npx|npm (?:error|ERR!) code ENOTEMPTY/)
}

/** The package could not be fetched or has nothing to run (npm E404, no bin, uvx unresolvable, image missing). */
export interface MissingPackage extends Hit {
  kind: 'not-in-registry' | 'no-executable' | 'image' | 'offline'
  name?: string
}

export function missingPackage(lines: readonly string[]): MissingPackage | undefined {
  const e404 = firstLine(lines, /\bE404\b|\b404 Not Found\b/)
  if (e404) {
    const inRegistry = namedAfter(lines, /['"]?((?:@[\w.-]+\/)?[\w.-]+)@\S*['"]? is not in (?:this|the npm) registry/)
    const fromUrl = namedAfter(lines, /GET https?:\/\/[^\s/]+\/((?:@[\w.-]+(?:%2[fF]|\/))?[\w.-]+)/)?.replace(/%2[fF]/, '/')
    return { line: e404.line, kind: 'not-in-registry', name: inRegistry ?? fromUrl }
  }
  const noBin = firstLine(lines, /could not determine executable to run/)
  if (noBin) return { line: noBin.line, kind: 'no-executable' }
  const uv = firstLine(lines, /Because ([\w.-]+) was not found in the package registry|No solution found when resolving (?:tool )?dependencies|Could not find a version that satisfies the requirement ([\w.-]+)|No matching distribution found for ([\w.-]+)/)
  if (uv) return { line: uv.line, kind: 'not-in-registry', name: uv.match[1] ?? uv.match[2] ?? uv.match[3] ?? namedAfter(lines, /Because ([\w.-]+) was not found in the package registry/) }
  // npx on a cold cache, running a bin the package does not have: "sh: 1: mongodb-mcp-server: not found"
  const shNotFound = firstLine(lines, /^sh: \d+: ([\w@/.-]+): not found$/)
  if (shNotFound) return { line: shNotFound.line, kind: 'no-executable', name: shNotFound.match[1] }
  const uvSpawn = firstLine(lines, /Failed to spawn: `([^`]+)`/)
  if (uvSpawn) return { line: uvSpawn.line, kind: 'no-executable', name: uvSpawn.match[1] }
  const image = firstLine(lines, /pull access denied for ([\w./:-]+)|manifest for ([\w./:@-]+) not found|manifest unknown|repository does not exist|invalid reference format/)
  if (image) return { line: image.line, kind: 'image', name: image.match[1] ?? image.match[2] ?? namedAfter(lines, /Unable to find image '([^']+)' locally/) }
  const offline = firstLine(lines, /request to https?:\/\/(?:registry\.npmjs\.org|[\w.-]*registry[\w.-]*)\S* failed|(?:npm (?:error|ERR!) (?:code )?(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT))|Failed to fetch: `https?:\/\/pypi|dial tcp: lookup registry-1\.docker\.io/)
  if (offline) return { line: offline.line, kind: 'offline' }
  return undefined
}

function namedAfter(lines: readonly string[], pattern: RegExp): string | undefined {
  for (const l of lines) {
    const m = pattern.exec(l)
    if (m?.[1]) return m[1]
  }
  return undefined
}

/** Permission denied on a file the server needs (EACCES, PermissionError, `sh: …: Permission denied`). */
export interface Denied extends Hit {
  path?: string
  /** the operation refused: open, mkdir, spawn, … */
  op?: string
}

export function permissionDenied(lines: readonly string[]): Denied | undefined {
  const node = firstLine(lines, /EACCES: permission denied,? (\w+) '([^']+)'/)
  if (node) return { line: node.line, op: node.match[1], path: node.match[2] }
  const py = firstLine(lines, /PermissionError: \[Errno 13\] Permission denied: '([^']+)'/)
  if (py) return { line: py.line, path: py.match[1] }
  const sh = firstLine(lines, /^(?:sh|bash|zsh|\/bin\/sh)(?::\s*\d+)?:\s*(\S+): Permission denied/)
  if (sh) return { line: sh.line, op: 'exec', path: sh.match[1] }
  const spawn = firstLine(lines, /spawn (\S+) EACCES/)
  if (spawn) return { line: spawn.line, op: 'spawn', path: spawn.match[1] }
  return undefined
}

/** A write refused because the working folder is read-only or `/` (failures.md relative-path-cwd). */
export function readOnlyCwd(lines: readonly string[]): (Hit & { path?: string }) | undefined {
  const hit = firstLine(lines, /EROFS[^']*'([^']+)'|Read-only file system: '([^']+)'|ENOENT: no such file or directory, mkdir '(\/[^/']+)'/)
  return hit && { line: hit.line, path: hit.match[1] ?? hit.match[2] ?? hit.match[3] }
}

/** A Python server that crashed writing a character the Windows console code page lacks. */
export function consoleEncoding(lines: readonly string[]): Hit | undefined {
  return firstLine(lines, /UnicodeEncodeError|UnicodeDecodeError|'charmap' codec|codec can't encode/)
}

/** The server says a port it wants is taken. */
export function portInUse(lines: readonly string[]): Hit | undefined {
  return firstLine(lines, /EADDRINUSE|address already in use|Errno 98|WinError 10048|port \d{2,5} is (?:already )?in use/i)
}

/** Network failures, as a bridge reports them about its upstream (or a server about its backend). */
export interface NetworkHit extends Hit {
  kind: 'tls' | 'dns' | 'refused' | 'auth' | 'http'
  /** host:port for refused, the host for dns, the HTTP status for http and auth */
  target?: string
  status?: number
}

const TLS = /\b(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERTIFICATE_VERIFY_FAILED)\b|self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate|certificate verify failed|certificate has expired|wrong version number|SSL routines/i
const DNS = /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([^\s'",)]+)|Could not resolve host:? ([^\s'",)]+)|(?:Name or service not known|nodename nor servname provided|Temporary failure in name resolution|No address associated with hostname)/
const REFUSED = /connect ECONNREFUSED ([[\]\w.:%-]+:\d+)|ECONNREFUSED|\[Errno 111\] Connection refused|Connection refused|All connection attempts failed/
const AUTH =
  /\b(?:HTTP|status(?: code)?:?)\s*\(?(40[13])\b|\b(40[13])\s+(?:Unauthorized|Forbidden)\b|RegistrationRejectedError|does not support dynamic client registration|Needs authentication|Authentication required|Please authorize this client by visiting|invalid_token|invalid_client|\bUnauthorized\b/i
const HTTP_STATUS = /\b(?:HTTP|Non-200 status code|status(?: code)?:?)\s*\(?([45]\d\d)\b/

/**
 * The network failure the lines report, most specific first: TLS, DNS, connection refused,
 * authentication, another HTTP status.
 */
export function networkFailure(lines: readonly string[]): NetworkHit | undefined {
  const tls = firstLine(lines, TLS)
  if (tls) return { line: tls.line, kind: 'tls', target: tls.match[1] }
  const dns = firstLine(lines, DNS)
  if (dns) return { line: dns.line, kind: 'dns', target: dns.match[1] ?? dns.match[2] }
  const refused = firstLine(lines, REFUSED)
  if (refused) return { line: refused.line, kind: 'refused', target: refused.match[1] ?? namedAfter(lines, /connect ECONNREFUSED ([[\]\w.:%-]+:\d+)/) }
  const auth = firstLine(lines, AUTH)
  if (auth) {
    const status = Number(auth.match[1] ?? auth.match[2]) || undefined
    return { line: auth.line, kind: 'auth', status }
  }
  const http = firstLine(lines, HTTP_STATUS)
  if (http) return { line: http.line, kind: 'http', status: Number(http.match[1]) }
  return undefined
}

/** A bridge between stdio and a remote server, by the command or the package it runs. */
const BRIDGES = /^(?:mcp-remote|mcp-proxy|supergateway|mcp-remote-client|mcp-stdio-proxy|mcp-sse-bridge|mcp-http-bridge|mcp-gateway|remote-mcp|mcp-bridge|mcp-proxy-server)$/

/** The bridge the entry runs and the upstream URL it is given, when it runs one. */
export function bridgeOf(command: string, args: readonly string[]): { name: string; url?: string } | undefined {
  const words = [command, ...args]
  for (const word of words) {
    const base = word.split(/[\\/]/).pop() ?? word
    const name = base.replace(/^@[\w.-]+\//, '').replace(/@[^@]*$/, '').replace(/\.(?:js|cmd|exe|py)$/i, '')
    const scoped = /^@[\w.-]+\/([\w.-]+?)(?:@[^/]*)?$/.exec(word)?.[1]
    const candidate = BRIDGES.test(name) ? name : scoped && BRIDGES.test(scoped) ? scoped : undefined
    if (candidate) return { name: candidate, url: args.find((a) => /^https?:\/\//i.test(a)) }
  }
  return undefined
}
