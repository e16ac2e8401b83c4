import { spawn } from 'node:child_process'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { EventName, EventPayload } from '../shared/contract'
import { dispatch } from '../main/core/api/dispatch'
import { createHandlers, type Handlers } from '../main/core/api/handlers'

/**
 * The browser face: the built renderer and the contract's handlers over HTTP, on 127.0.0.1 only.
 *
 * Every request must carry the session token (query `token`, header `x-mcp-medic-token`, or the
 * cookie set when the page is first opened with the token), a `Host` of 127.0.0.1:PORT or
 * localhost:PORT (so a DNS-rebinding page cannot reach it), and no foreign `Origin`.
 */

export interface ServeOptions {
  port?: number
  open?: boolean
  /** the built renderer; defaults to `../renderer` beside the built CLI */
  rendererDir?: string
  handlers?: Handlers
  /** a fixed token, for tests; random otherwise */
  token?: string
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const COOKIE = 'mcp_medic_token'
const MAX_BODY = 1024 * 1024

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(__dirname, '../renderer'))
  const handlers = options.handlers ?? createHandlers()
  const token = options.token ?? randomBytes(24).toString('base64url')
  const streams = new Set<http.ServerResponse>()
  let port = 0

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${(error as Error).message}`)
      else res.end()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refusal = refuse(req, port, token)
    if (refusal) {
      send(res, refusal.status, 'text/plain; charset=utf-8', `${refusal.message}\n`)
      return
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST\n')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'text/plain; charset=utf-8', 'Content-Type must be application/json\n')
      }
      const body = await readBody(req)
      if (body === undefined) return send(res, 413, 'text/plain; charset=utf-8', 'Request too large\n')
      let message: { channel?: unknown; request?: unknown }
      try {
        message = JSON.parse(body) as typeof message
      } catch {
        return send(res, 400, 'text/plain; charset=utf-8', 'Body is not JSON\n')
      }
      const result = await dispatch(handlers, message.channel, message.request, { emit }, (m) => process.stderr.write(`${m}\n`))
      return send(res, 200, 'application/json', JSON.stringify(result))
    }
    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Content-Type-Options': 'nosniff'
      })
      res.write(': connected\n\n')
      streams.add(res)
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000)
      req.on('close', () => {
        clearInterval(keepAlive)
        streams.delete(res)
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n')
    const cookie = url.searchParams.get('token') === token ? `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` : undefined
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
    const file = path.resolve(rendererDir, relative)
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n')
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n')
    }
    send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', content, cookie)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/?token=${token}`
  if (options.open) openInBrowser(url)

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end()
        streams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** Why a request is refused, or undefined when it may proceed. */
export function refuse(req: http.IncomingMessage, port: number, token: string): { status: number; message: string } | undefined {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!allowedHosts.includes(req.headers.host ?? '')) return { status: 421, message: 'Unexpected Host header' }
  const origin = req.headers.origin
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { status: 403, message: 'Cross-origin requests are refused' }
  }
  // Browsers say where a request comes from even when they send no Origin (a form, an image):
  // only the page itself ('same-origin') and the user typing the URL ('none') may proceed.
  const site = headerValue(req.headers['sec-fetch-site'])
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, message: 'Cross-site requests are refused' }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
  const presented = [
    url.searchParams.get('token'),
    headerValue(req.headers['x-mcp-medic-token']),
    readCookie(req.headers.cookie, COOKIE)
  ]
  if (!presented.some((t) => t !== null && t !== undefined && sameSecret(t, token))) {
    return { status: 401, message: 'Missing or wrong token: open the URL that `mcp-medic serve` printed' }
  }
  return undefined
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, cookie?: string): void {
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY'
  }
  if (cookie) headers['Set-Cookie'] = cookie
  res.writeHead(status, headers)
  res.end(body)
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(undefined)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => {
    process.stderr.write(`Could not open a browser; open ${url} yourself.\n`)
  }).unref()
}
