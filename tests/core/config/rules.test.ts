import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { configFindings } from '../../../src/main/core/diagnose/rules/config'
import type { EngineContext } from '../../../src/main/core/context'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import type { ClientId } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

const FILES: Partial<Record<ClientId, string>> = {
  'claude-code': '.claude.json',
  'claude-desktop': '.config/Claude/claude_desktop_config.json',
  cursor: '.cursor/mcp.json',
  cline: '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
  vscode: '.config/Code/User/mcp.json',
  windsurf: '.codeium/windsurf/mcp_config.json'
}

/** Discovers one entry written in a client's user file, with the static rules applied. */
async function entry(client: ClientId, raw: unknown, options: { ctx?: Partial<EngineContext>; file?: object } = {}): Promise<ServerEntry> {
  const key = client === 'vscode' ? 'servers' : 'mcpServers'
  await t.write(FILES[client]!, { ...(options.file ?? {}), [key]: { it: raw } })
  const found = await discoverAll(t.context(options.ctx), { clients: [client] })
  const server = found.servers.find((s) => s.name === 'it')
  if (!server) throw new Error(`no server: ${JSON.stringify(found.findings)}`)
  return server
}
const codes = (s: ServerEntry) => s.findings.map((f) => `${f.code}/${f.severity}`)

describe('static config rules', () => {
  it('command-contains-args for a whole command line in "command", with the split as the fix', async () => {
    const s = await entry('claude-code', { command: 'npx -y @acme/server', args: ['--port', '1'] })
    expect(codes(s)).toEqual(['command-contains-args/error'])
    expect(s.findings[0]!.fix!.summary).toContain('"npx"')
    expect(s.findings[0]!.fix!.summary).toContain('["-y","@acme/server","--port","1"]')
  })

  it('a command with spaces that is an existing file is fine', async () => {
    const script = await t.write('My Tools/server', '#!/bin/sh\n')
    expect(codes(await entry('claude-code', { command: script }))).toEqual([])
  })

  it('shell quoting inside args, and a flag glued to its value', async () => {
    const s = await entry('claude-desktop', { command: 'node', args: ['"C:/Program Files/srv/index.js"', '--port 3000'] })
    expect(codes(s)).toEqual(expect.arrayContaining(['command-contains-args/error', 'command-contains-args/warning']))
  })

  it('windows-cmd-wrapper-needed for npx in Claude Code and Cline on Windows, not on Linux or in Cursor', async () => {
    // the rule is pure: entries read on this machine, judged as a Windows machine would run them
    const win = (s: ServerEntry) => configFindings({ ...t.context(), platform: 'win32' }, s).map((f) => `${f.code}/${f.severity}`)
    expect(win(await entry('claude-code', { command: 'npx', args: ['-y', 'x'] }))).toContain('windows-cmd-wrapper-needed/warning')
    const cline = await entry('cline', { command: 'npx.cmd', args: ['-y', 'x'] })
    expect(win(cline)).toContain('windows-cmd-wrapper-needed/error')
    const fix = configFindings({ ...t.context(), platform: 'win32' }, cline).find((f) => f.code === 'windows-cmd-wrapper-needed')!.fix!.summary
    expect(fix).toContain('["/c","npx","-y","x"]')
    expect(win(await entry('claude-code', { command: 'cmd', args: ['/c', 'npx', '-y', 'x'] }))).toEqual([])
    expect(codes(await entry('claude-code', { command: 'npx', args: ['-y', 'x'] }))).toEqual([])
    expect(win(await entry('cursor', { command: 'npx', args: ['-y', 'x'] }))).toEqual([])
  })

  it('docker run without -i, or with -d', async () => {
    expect(codes(await entry('claude-code', { command: 'docker', args: ['run', '--rm', 'mcp/fetch'] }))).toEqual(['config-invalid-entry/error'])
    expect(codes(await entry('claude-code', { command: 'docker', args: ['run', '-d', '-i', 'mcp/fetch'] }))).toEqual(['config-invalid-entry/error'])
    expect(codes(await entry('claude-code', { command: 'docker', args: ['run', '-i', '--rm', 'mcp/fetch'] }))).toEqual([])
    expect(codes(await entry('claude-code', { command: 'docker', args: ['run', '-it', 'mcp/fetch'] }))).toEqual([])
  })

  it('a TAB in a path from an unescaped Windows backslash', async () => {
    await t.write('.claude.json', '{"mcpServers": {"it": {"command": "node", "args": ["c:\\temp\\new.js"]}}}')
    const found = await discoverAll(t.context(), { clients: ['claude-code'] })
    const f = found.servers[0]!.findings.find((x) => x.code === 'config-invalid-entry')!
    expect(f.detail).toMatch(/TAB/)
    expect(f.evidence).toMatchObject({ jsonPath: 'mcpServers.it.args[0]', line: 1 })
  })

  it('cwd-not-found for a configured folder that does not exist', async () => {
    const s = await entry('cline', { command: 'node', args: ['-v'], cwd: path.join(t.home, 'gone') })
    expect(codes(s)).toEqual(['cwd-not-found/error'])
  })

  it('file-not-found for an unbuilt build/index.js, naming the build script', async () => {
    await t.write('srv/package.json', { name: 'srv', scripts: { build: 'tsc' } })
    const s = await entry('claude-code', { command: 'node', args: [path.join(t.home, 'srv', 'build', 'index.js')] })
    expect(codes(s)).toEqual(['file-not-found/error'])
    expect(s.findings[0]!.detail).toMatch(/"build" folder .* "build" script: the server was never built, and its dependencies were never installed/)
    expect(s.findings[0]!.fix!.command).toBe(`cd ${path.join(t.home, 'srv')} && npm install && npm run build`)
  })

  it('no file-not-found for data paths a server may create, or for python -m', async () => {
    expect(codes(await entry('claude-code', { command: 'npx', args: ['-y', 'mcp-sqlite', path.join(t.home, 'new.db')] }))).toEqual([])
    expect(codes(await entry('claude-code', { command: 'python3', args: ['-m', 'my_server'] }))).toEqual([])
  })

  it('relative-path in Claude Desktop (it starts servers in its own folder) and in user-wide entries', async () => {
    expect(codes(await entry('claude-desktop', { command: 'node', args: ['./server.js'] }))).toEqual(['relative-path/error'])
    await t.write('server.js', '')
    expect(codes(await entry('claude-code', { command: 'node', args: ['server.js'] }))).toEqual(['relative-path/warning'])
  })

  it('"~" is not expanded without a shell', async () => {
    await t.write('srv/index.js', '')
    const s = await entry('cursor', { command: 'node', args: ['~/srv/index.js'] })
    expect(codes(s)).toEqual(['relative-path/warning'])
    expect(s.findings[0]!.title).toMatch(/not expanded/)
  })

  it('invalid-url for a URL without a scheme or with ws://', async () => {
    expect(codes(await entry('claude-code', { type: 'http', url: 'example.com/mcp' }))).toEqual(['invalid-url/error'])
    expect(codes(await entry('claude-code', { type: 'http', url: 'ws://localhost:3000' }))).toEqual(['invalid-url/error'])
    expect(codes(await entry('claude-code', { type: 'http', url: 'https://example.com/mcp' }))).toEqual([])
  })

  it('env-placeholder for README leftovers, never showing the value', async () => {
    const s = await entry('claude-desktop', { command: 'node', args: ['-v'], env: { API_KEY: 'PUT_YOUR_KEY_HERE', EMPTY: '', REAL: 'sk-live-1234567890abcdef' } })
    expect(codes(s)).toEqual(['env-placeholder/warning', 'env-placeholder/warning'])
    expect(JSON.stringify(s.findings)).not.toContain('PUT_YOUR_KEY_HERE')
    expect(JSON.stringify(s.findings)).not.toContain('sk-live')
  })

  it('env-unexpanded by each client\'s own syntax', async () => {
    const env = { ctx: { env: { PATH: process.env.PATH, HOME: t.home, SET_ME: 'x' } } }
    // Claude Desktop expands nothing
    expect(codes(await entry('claude-desktop', { command: 'node', args: ['-v'], env: { K: '${SET_ME}' } }, env))).toEqual(['env-unexpanded/error'])
    // Claude Code expands ${VAR}, fails on an unset one without a default, accepts a default
    expect(codes(await entry('claude-code', { command: 'node', args: ['-v'], env: { K: '${SET_ME}' } }, env))).toEqual([])
    expect(codes(await entry('claude-code', { command: 'node', args: ['-v'], env: { K: '${NOT_SET}' } }, env))).toEqual(['env-unexpanded/error'])
    expect(codes(await entry('claude-code', { command: 'node', args: ['-v'], env: { K: '${NOT_SET:-fallback}' } }, env))).toEqual([])
    expect(codes(await entry('claude-code', { command: 'node', args: ['-v'], env: { K: '${env:SET_ME}' } }, env))).toEqual(['env-unexpanded/error'])
    // Cursor and Windsurf use ${env:VAR}
    expect(codes(await entry('cursor', { command: 'node', args: ['-v'], env: { K: '${env:SET_ME}' } }, env))).toEqual([])
    expect(codes(await entry('windsurf', { command: 'node', args: ['-v'], env: { K: '${env:NOT_SET}' } }, env))).toEqual(['env-unexpanded/warning'])
    // VS Code inputs must be declared
    const vs = await entry('vscode', { type: 'http', url: 'https://x.example/mcp', headers: { A: '${input:tok}' } }, { ...env, file: { inputs: [{ id: 'other', type: 'promptString' }] } })
    expect(codes(vs)).toEqual(['env-unexpanded/error'])
    // a shell command expands $VAR itself
    expect(codes(await entry('claude-desktop', { command: 'bash', args: ['-c', 'exec node $HOME/x.js'] }, env))).toEqual([])
  })

  it('transport hints: Cline assumes SSE without a type; an /sse URL typed as http', async () => {
    expect(codes(await entry('cline', { url: 'https://x.example/mcp' }))).toEqual(['transport-mismatch/warning'])
    expect(codes(await entry('claude-code', { type: 'http', url: 'https://x.example/sse' }))).toEqual(['transport-mismatch/warning'])
  })

  it('unknown fields from other dialects, with the field the client reads', async () => {
    const s = await entry('claude-code', { command: 'node', args: ['-v'], environment: { A: 'b' }, cwd: '/tmp' })
    expect(s.findings.map((f) => f.title)).toEqual(['Unknown field "environment" in mcpServers.it', 'Unknown field "cwd" in mcpServers.it'])
    expect(s.findings[0]!.fix!.summary).toBe('Rename "environment" to "env".')
    expect(s.findings[1]!.detail).toMatch(/no working-directory setting/)
  })

  it('config-wrong-key and nested server lists', async () => {
    await t.write('.cursor/mcp.json', { servers: { a: { command: 'x' } } })
    const found = await discoverAll(t.context(), { clients: ['cursor'] })
    expect(found.findings.map((f) => f.code)).toEqual(['config-wrong-key'])
    expect(found.findings[0]!.evidence).toMatchObject({ key: 'servers', expected: 'mcpServers', line: 2, column: 3 })
    const nested = await entry('vscode', { mcpServers: { inner: { command: 'x' } } })
    expect(nested.findings[0]!.detail).toMatch(/nested one level too deep/)
  })
})

describe('secrets in entries never reach a finding or the report', () => {
  it('keeps tokens in command lines, URLs, env and headers out of the diagnosis', async () => {
    const { diagnose } = await import('../../../src/main/core/diagnose/run')
    const secret = 'sk-live-0123456789abcdefSECRET'
    await t.write('.claude.json', {
      mcpServers: {
        line: { command: `npx -y tool --api-key=${secret}`, args: [] },
        glued: { command: 'node', args: ['-v', `--token ${secret}`] },
        url: { type: 'http', url: `api.example.com/mcp?key=${secret}` },
        sse: { type: 'http', url: `https://user:${secret}@x.example/sse?token=${secret}` },
        env: { command: 'node', args: ['-v'], env: { API_KEY: secret, PORT: 12345678 } },
        docker: { command: 'docker', args: ['run', '-e', `TOKEN=${secret}`, 'img'] }
      }
    })
    await t.write('.codeium/windsurf/mcp_config.json', { mcpServers: { w: { serverUrl: `https://x.example/mcp`, headers: { Authorization: `Bearer ${secret}` } } } })
    const report = await diagnose(t.context(), { probe: false })
    const text = JSON.stringify(report)
    expect(report.servers.length).toBe(7)
    expect(text).not.toContain(secret)
    expect(text).not.toContain('12345678')
    expect(report.servers.find((s) => s.name === 'line')!.findings[0]!.code).toBe('command-contains-args')
    expect(report.servers.find((s) => s.name === 'url')!.findings.map((f) => f.code)).toContain('invalid-url')
  })
})
