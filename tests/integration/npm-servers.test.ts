import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnose } from '../../src/main/core/diagnose/run'
import type { LoginShellResult } from '../../src/main/core/env/login-shell'
import type { Report, ServerReport } from '../../src/shared/report'
import { makeHome, type TempHome } from '../helpers/home'

/**
 * The servers the README's users install, from npm (pinned devDependencies), each started the
 * way a client starts it and broken the way users break it. What each really prints is in the
 * comments (checked by hand with these versions). Everything is offline: the "remote" servers
 * are loopback ports, and no package is fetched (the bins are the installed ones).
 *
 *   @modelcontextprotocol/server-brave-search 0.6.2   no key: "Error: BRAVE_API_KEY environment variable is required", exit 1
 *   @modelcontextprotocol/server-slack 2025.4.25      no tokens: "Please set SLACK_BOT_TOKEN and SLACK_TEAM_ID environment variables", exit 1
 *   @modelcontextprotocol/server-postgres 0.6.2       closed port: connects, 1 tool, then resources/list fails "connect ECONNREFUSED 127.0.0.1:PORT"
 *   @modelcontextprotocol/server-github 2025.4.8      no token: connects with 26 tools ("GitHub MCP Server running on stdio"); only tool calls fail
 *   @modelcontextprotocol/server-filesystem 2026.8.31 missing folder: "Warning: Cannot access directory /x, skipping" then "Error: None of the specified directories are accessible", exit 1
 *   mcp-remote 0.15.1                                  closed port: "Connection error: TypeError: fetch failed … [cause]: Error: connect ECONNREFUSED 127.0.0.1:PORT", exit 1;
 *                                                      401 server: "RegistrationRejectedError: Dynamic Client Registration rejected (HTTP 401)", exit 1
 *   @modelcontextprotocol/server-everything 2026.8.31 healthy: "Starting default (STDIO) server...", 13 tools
 */

const BIN = path.resolve(__dirname, '../../node_modules/.bin')
const bin = (name: string): string => path.join(BIN, name)

let t: TempHome
let report: Report
let closedPort: number
let unauthorized: http.Server
const servers: Record<string, ServerReport> = {}

/** A port nothing listens on: taken from the system, then let go. */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

beforeAll(async () => {
  t = await makeHome()
  closedPort = await freePort()
  // a loopback server that answers every request 401, as a remote MCP server behind auth does
  unauthorized = http.createServer((_req, res) => {
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="mcp"', 'content-type': 'application/json' })
    res.end('{"error":"unauthorized"}')
  })
  await new Promise<void>((resolve) => unauthorized.listen(0, '127.0.0.1', resolve))
  const authPort = (unauthorized.address() as net.AddressInfo).port
  const missing = path.join(t.home, 'no-such-folder')

  // Claude Desktop passes only a few variables: a key exported in the shell does not arrive.
  await t.write('.config/Claude/claude_desktop_config.json', {
    mcpServers: {
      brave: { command: bin('mcp-server-brave-search') },
      slack: { command: bin('mcp-server-slack') },
      filesystem: { command: bin('mcp-server-filesystem'), args: [missing] }
    }
  })
  // the same brave server in Cursor, with its key: the copy to offer
  await t.write('.cursor/mcp.json', { mcpServers: { 'brave-search': { command: bin('mcp-server-brave-search'), env: { BRAVE_API_KEY: 'BSA-cursor-key-0042' } } } })
  await t.write('.claude.json', {
    mcpServers: {
      postgres: { command: bin('mcp-server-postgres'), args: [`postgresql://app:pg-pass-77@127.0.0.1:${closedPort}/app`] },
      github: { command: bin('mcp-server-github') },
      'remote-closed': { command: bin('mcp-remote'), args: [`http://127.0.0.1:${closedPort}/mcp`] },
      'remote-401': { command: bin('mcp-remote'), args: [`http://127.0.0.1:${authPort}/mcp`] },
      everything: { command: bin('mcp-server-everything') }
    }
  })
  const shell: LoginShellResult = { shell: '/bin/bash', args: ['-l', '-i', '-c'], ms: 4, env: { PATH: process.env.PATH ?? '', HOME: t.home, BRAVE_API_KEY: 'BSA-shell-key-0099' } }
  report = await diagnose(t.context(), { timeoutMs: 15_000, readLoginShell: async () => shell, clients: ['claude-desktop', 'cursor', 'claude-code'] })
  for (const s of report.servers) servers[s.name] = s
}, 60_000)

afterAll(async () => {
  await new Promise<void>((resolve) => unauthorized.close(() => resolve()))
  await t.cleanup()
})

const errors = (s: ServerReport) => s.findings.filter((f) => f.severity === 'error')

describe('real npm servers, each with its real failure', () => {
  it('brave-search without its key: env-missing BRAVE_API_KEY, found in the login shell and in the Cursor entry', () => {
    const brave = servers.brave!
    expect(brave.probe).toMatchObject({ outcome: 'exited', exitCode: 1 })
    expect(errors(brave).map((f) => f.code)).toEqual(['env-missing'])
    expect(errors(brave)[0]!.evidence).toMatchObject({
      variables: ['BRAVE_API_KEY'],
      inLoginShell: ['BRAVE_API_KEY'],
      inOtherEntries: [{ name: 'BRAVE_API_KEY', serverId: servers['brave-search']!.id }],
      exitCode: 1
    })
    expect(errors(brave)[0]!.evidence!.stderrTail).toContain('BRAVE_API_KEY environment variable is required')
    // the Cursor copy has its key and works
    expect(servers['brave-search']).toMatchObject({ status: 'ok', probe: { outcome: 'ok', tools: 2 } })
  })

  it('slack without tokens: env-missing naming both', () => {
    expect(errors(servers.slack!).map((f) => f.code)).toEqual(['env-missing'])
    expect(errors(servers.slack!)[0]!.evidence!.variables).toEqual(['SLACK_BOT_TOKEN', 'SLACK_TEAM_ID'])
  })

  it('postgres pointed at a closed port: crash-after-start naming its database, the password masked', () => {
    const pg = servers.postgres!
    expect(pg.probe).toMatchObject({ outcome: 'crash-after-start', tools: 1 })
    expect(errors(pg).map((f) => f.code)).toEqual(['crash-after-start'])
    expect(errors(pg)[0]).toMatchObject({ title: `The server's backend at 127.0.0.1:${closedPort} refuses connections`, evidence: { cause: 'backend-refused' } })
    expect(JSON.stringify(pg)).not.toContain('pg-pass-77')
  })

  it('github without a token starts fine (only its tool calls would fail): no error', () => {
    expect(servers.github).toMatchObject({ status: 'ok', probe: { outcome: 'ok', tools: 26 } })
  })

  it('filesystem with a folder that does not exist: file-not-found, the one error', () => {
    const fs = servers.filesystem!
    expect(fs.probe).toMatchObject({ outcome: 'exited', exitCode: 1 })
    expect(errors(fs).map((f) => f.code)).toEqual(['file-not-found'])
    expect(errors(fs)[0]!.evidence).toMatchObject({ path: path.join(t.home, 'no-such-folder'), exitCode: 1 })
  })

  it('mcp-remote to a closed loopback port: connection-refused naming the URL', () => {
    const f = errors(servers['remote-closed']!)
    expect(f.map((x) => x.code)).toEqual(['connection-refused'])
    expect(f[0]!.title).toBe(`Nothing accepts connections at http://127.0.0.1:${closedPort}/mcp`)
    expect(f[0]!.evidence).toMatchObject({ bridge: 'mcp-remote', exitCode: 1 })
  })

  it('mcp-remote to a loopback server answering 401: auth-required naming the URL', () => {
    const f = errors(servers['remote-401']!)
    expect(f.map((x) => x.code)).toEqual(['auth-required'])
    expect(f[0]!.title).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp wants authentication$/)
  })

  it('everything is healthy, chatty stderr and all', () => {
    expect(servers.everything).toMatchObject({ status: 'ok', findings: [], probe: { outcome: 'ok', tools: 13 } })
  })

  it('no key value reaches the report', () => {
    expect(JSON.stringify(report)).not.toMatch(/BSA-cursor-key-0042|BSA-shell-key-0099/)
  })
})
