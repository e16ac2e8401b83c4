import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DIALECTS, dialectFor } from '../../../src/main/core/clients/dialects'
import { normalizeEntry } from '../../../src/main/core/clients/normalize'
import { schemaFor } from '../../../src/main/core/clients/schema'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { CLIENT_IDS, type ClientId } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** Where each client's user file is on a Linux machine, and how its servers are written there. */
const FILES: Record<string, { file: string; write: (servers: Record<string, unknown>) => string | object }> = {
  'claude-code': { file: '.claude.json', write: (s) => ({ mcpServers: s }) },
  cursor: { file: '.cursor/mcp.json', write: (s) => ({ mcpServers: s }) },
  vscode: { file: '.config/Code/User/mcp.json', write: (s) => ({ servers: s }) },
  windsurf: { file: '.codeium/windsurf/mcp_config.json', write: (s) => ({ mcpServers: s }) },
  cline: { file: '.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', write: (s) => ({ mcpServers: s }) },
  zed: { file: '.config/zed/settings.json', write: (s) => ({ context_servers: s }) },
  codex: { file: '.codex/config.toml', write: (s) => Object.entries(s).map(([name, text]) => `[mcp_servers.${name}]\n${String(text)}\n`).join('\n') },
  goose: { file: '.config/goose/config.yaml', write: (s) => `extensions:\n${Object.entries(s).map(([name, text]) => `  ${name}:\n${String(text).replace(/^/gm, '    ')}`).join('\n')}\n` },
  continue: { file: '.continue/config.yaml', write: (s) => `name: a\nversion: 1.0.0\nschema: v1\nmcpServers:\n${Object.values(s).map((text) => String(text).replace(/^/gm, '    ').replace(/^ {4}/, '  - ')).join('\n')}\n` }
}

/** Writes servers into a client's user file and discovers them, static rules included. */
async function discover(client: ClientId, servers: Record<string, unknown>): Promise<Record<string, ServerEntry>> {
  const spec = FILES[client]!
  await t.write(spec.file, spec.write(servers))
  const found = await discoverAll(t.context({ platform: 'linux' }), { clients: [client] })
  return Object.fromEntries(found.servers.map((s) => [s.name, s]))
}
const problems = (s: ServerEntry | undefined): string[] => (s?.findings ?? []).filter((f) => f.code === 'config-invalid-entry').map((f) => `${f.severity}@${f.evidence?.jsonPath}`)

describe('one zod schema per dialect', () => {
  it('every client (and Continue\'s JSON drop-ins) has its own schema, and each accepts a plain local server', () => {
    for (const client of CLIENT_IDS) {
      const spec = DIALECTS[client]
      const schema = schemaFor(spec)
      expect(schema, client).toBeInstanceOf(z.ZodType)
      expect(schemaFor(spec), client).toBe(schema)
    }
    expect(dialectFor('continue', 'json')).not.toBe(dialectFor('continue', 'yaml'))
    const local = (spec: (typeof DIALECTS)[ClientId]): Record<string, unknown> => ({
      [spec.commandKey ?? 'command']: 'node',
      [spec.argsKey ?? 'args']: ['server.js'],
      ...(spec.client === 'goose' ? { name: 'x', type: 'stdio', enabled: true } : {}),
      ...(spec.client === 'continue' ? { name: 'x' } : {})
    })
    for (const client of CLIENT_IDS) expect(schemaFor(DIALECTS[client]).safeParse(local(DIALECTS[client])).success, client).toBe(true)
  })

  it('keeps the JSON path of the bad field, odd keys quoted, and never shows a value', () => {
    const read = normalizeEntry({ command: 'node', env: { 'WITH SPACE': 42, OK: 'sk-live-0123456789abcdefSECRET' }, args: ['a', 7] }, DIALECTS['claude-code'], 'mcpServers.it', 'file (mcpServers.it)')
    expect(read.findings.map((f) => f.evidence?.jsonPath)).toEqual(['mcpServers.it.args[1]', 'mcpServers.it.env["WITH SPACE"]'])
    expect(read.findings[1]!.detail).toBe('file (mcpServers.it): is a number; write it as a string, in quotes')
    // what can still be read is read
    expect(read).toMatchObject({ command: 'node', args: ['a', '7'], env: { 'WITH SPACE': '42' } })
    expect(JSON.stringify(read.findings)).not.toContain('SECRET')
  })

  it('one string in "args" is read as one argument, and the fix splits it with secrets replaced', () => {
    const read = normalizeEntry({ command: 'npx', args: '-y @acme/server --api-key=sk-live-0123456789abcdefSECRET' }, DIALECTS.cursor, 'mcpServers.it', 'w')
    expect(read.args).toEqual(['-y @acme/server --api-key=sk-live-0123456789abcdefSECRET'])
    expect(read.findings[0]!.detail).toMatch(/not one string: Cursor does not split it into arguments/)
    expect(read.findings[0]!.fix!.summary).toBe('Write each argument as its own item: ["-y","@acme/server","--api-key=<redacted>"].')
  })

  it('a type that is an Object.prototype name is an unknown type, not a crash or a misread', () => {
    const read = normalizeEntry({ type: 'constructor', command: 'node' }, DIALECTS.cline, 'mcpServers.it', 'w')
    expect(read).toMatchObject({ transport: 'stdio', command: 'node' })
    expect(read.findings.map((f) => f.detail)).toEqual(['w: unknown type "constructor"; Cline accepts "stdio", "sse", "streamableHttp"'])
  })
})

describe('config-wrong-key from each dialect\'s file schema', () => {
  it('Goose servers under "mcpServers" are found, with the line, and so is VS Code\'s old "mcp" layout', async () => {
    await t.write('.config/goose/config.yaml', 'GOOSE_PROVIDER: openai\nmcpServers:\n  fetch:\n    command: uvx\n')
    await t.write('.config/Code/User/mcp.json', { mcp: { servers: { a: { command: 'x' } } } })
    const found = await discoverAll(t.context({ platform: 'linux' }), { clients: ['goose', 'vscode'] })
    expect(found.findings.map((f) => [f.code, f.evidence?.key, f.evidence?.expected, f.evidence?.line])).toEqual([
      ['config-wrong-key', 'mcp', 'servers', 2],
      ['config-wrong-key', 'mcpServers', 'extensions', 2]
    ])
    expect(found.findings[1]!.detail).toBe('Goose reads servers only from the "extensions" key of this file; "mcpServers" is the spelling of Claude, Cursor and Continue, so every server in it is ignored.')
  })
})

describe('client-specific rules', () => {
  it('VS Code takes numbers and null in env; Claude Code does not', async () => {
    const vs = await discover('vscode', { it: { command: 'node', args: ['-v'], env: { PORT: 8080, UNSET: null, NAME: 'x' } } })
    expect(problems(vs.it)).toEqual([])
    expect(vs.it!.env).toEqual({ PORT: '8080', NAME: 'x' })
    const cc = await discover('claude-code', { it: { command: 'node', args: ['-v'], env: { PORT: 8080 } } })
    expect(problems(cc.it)).toEqual(['error@mcpServers.it.env.PORT'])
  })

  it('Cline holds the whole file to its schema: a wrong type in autoApprove, disabled or timeout is an error', async () => {
    const found = await discover('cline', { it: { command: 'node', args: ['-v'], autoApprove: 'all', disabled: 'yes', timeout: 0 } })
    expect(problems(found.it)).toEqual(['error@mcpServers.it.autoApprove', 'error@mcpServers.it.disabled', 'error@mcpServers.it.timeout'])
    expect(found.it!.findings[0]!.detail).toMatch(/must be a list\. Cline checks the whole file/)
    expect(found.it!.findings[2]!.detail).toMatch(/must be at least 1/)
  })

  it('Windsurf carries on past a wrong "disabled": a warning', async () => {
    const found = await discover('windsurf', { it: { command: 'node', args: ['-v'], disabled: 'yes' } })
    expect(problems(found.it)).toEqual(['warning@mcpServers.it.disabled'])
    expect(found.it!.findings[0]!.detail).toMatch(/must be true or false; Windsurf may ignore it/)
  })

  it('Codex: a command and a URL is one error (not also a warning), an inline token, a "type", a number written as a string', async () => {
    const found = await discover('codex', {
      both: 'command = "npx"\nurl = "https://x.example/mcp"',
      token: 'url = "https://x.example/mcp"\nbearer_token = "abc"',
      typed: 'type = "stdio"\ncommand = "npx"\nargs = []',
      slow: 'command = "npx"\nargs = []\nstartup_timeout_sec = "20"'
    })
    expect(problems(found.both)).toEqual(['error@mcp_servers.both.url'])
    expect(found.both!.findings[0]!.title).toBe('"both" mixes a command and a URL')
    expect(problems(found.token)).toEqual(['error@mcp_servers.token.bearer_token'])
    expect(problems(found.typed)).toEqual(['warning@mcp_servers.typed.type'])
    expect(problems(found.slow)).toEqual(['error@mcp_servers.slow.startup_timeout_sec'])
    expect(found.slow!.findings[0]!.detail).toMatch(/must be a number\. Codex refuses to load a config\.toml/)
    expect(JSON.stringify(found.token!.findings)).not.toContain('abc')
  })

  it('Zed: "enabled" must be a boolean, a command needs "args", and "type" is not Zed\'s', async () => {
    const found = await discover('zed', { a: { command: 'x', enabled: 'no', args: [] }, b: { command: 'x' }, c: { type: 'http', url: 'https://x.example/mcp' } })
    expect(problems(found.a)).toEqual(['error@context_servers.a.enabled'])
    expect(problems(found.b)).toEqual(['warning@context_servers.b.args'])
    expect(found.b!.findings[0]!.title).toBe('"b" has no "args"')
    expect(problems(found.c)).toEqual([])
  })

  it('Goose: enabled, name and type are required, stdio needs args, SSE is no longer started; built-ins are not checked as servers', async () => {
    const found = await discover('goose', {
      ok: 'name: ok\ntype: stdio\nenabled: true\ncmd: uvx\nargs: [x]',
      bare: 'cmd: uvx\nargs: [x]',
      noargs: 'name: noargs\ntype: stdio\nenabled: true\ncmd: uvx',
      old: 'name: old\ntype: sse\nenabled: true\nuri: https://x.example/sse',
      dev: 'name: developer\ntype: builtin\nenabled: true\nbundled: true\ntimeout: 300',
      wrong: 'name: wrong\ntype: stdio\nenabled: "yes"\ncmd: uvx\nargs: [x]\ntimeout: -1'
    })
    expect(problems(found.ok)).toEqual([])
    expect(problems(found.bare)).toEqual(['error@extensions.bare.type', 'error@extensions.bare.name', 'error@extensions.bare.enabled'])
    expect(found.bare!.findings[0]!.detail).toMatch(/Goose needs "type": "stdio", "sse", "streamable_http"/)
    expect(found.bare!.findings[2]!.detail).toMatch(/Goose needs "enabled" \(true or false\)\. Goose skips an extension it cannot read/)
    expect(problems(found.noargs)).toEqual(['error@extensions.noargs.args'])
    expect(problems(found.old)).toEqual(['warning@extensions.old.type'])
    expect(found.old).toMatchObject({ transport: 'sse', url: 'https://x.example/sse' })
    expect(problems(found.dev)).toEqual([])
    expect(found.dev!.effective!.reason).toMatch(/runs inside Goose/)
    expect(problems(found.wrong)).toEqual(['error@extensions.wrong.enabled', 'error@extensions.wrong.timeout'])
  })

  it('Continue (YAML): every item needs a name, headers sit in requestOptions, only its own type names', async () => {
    const found = await discover('continue', {
      a: 'name: db\ncommand: npx\nargs: [-y, db]',
      b: 'command: uvx\nargs: [fetch]',
      c: 'name: remote\ntype: streamable-http\nurl: https://x.example/mcp\nrequestOptions:\n  headers:\n    Authorization: Bearer x',
      d: 'name: typo\ntype: http\nurl: https://x.example/mcp\nheaders:\n  A: b'
    })
    expect(Object.keys(found)).toEqual(['db', '#2', 'remote', 'typo'])
    expect(problems(found.db)).toEqual([])
    expect(problems(found['#2'])).toEqual(['error@mcpServers["#2"].name'])
    expect(found['#2']!.findings[0]!.evidence).toMatchObject({ line: 8, column: 5 })
    expect(found.remote).toMatchObject({ transport: 'http', headers: { Authorization: 'Bearer x' } })
    expect(problems(found.typo)).toEqual(['error@mcpServers.typo.type', 'warning@mcpServers.typo.headers'])
    expect(found.typo!.findings[1]!.detail).toMatch(/Continue does not read "headers"; it reads "requestOptions\.headers"/)
    expect(found.typo!.findings[1]!.fix!.summary).toBe('Move "headers" to "requestOptions.headers".')
  })

  it('Continue: a second item of the same name is listed, not hidden; a map where the list belongs is reported', async () => {
    await t.write('.continue/config.yaml', 'mcpServers:\n  - name: a\n    command: x\n    args: []\n  - name: a\n    command: y\n    args: []\n')
    let found = await discoverAll(t.context({ platform: 'linux' }), { clients: ['continue'] })
    expect(found.servers.map((s) => [s.name, s.command])).toEqual([['a', 'x'], ['a (#2)', 'y']])
    await t.write('.continue/config.yaml', 'mcpServers:\n  db:\n    command: x\n')
    found = await discoverAll(t.context({ platform: 'linux' }), { clients: ['continue'] })
    expect(found.findings.map((f) => [f.code, f.severity, f.evidence?.line])).toEqual([['config-invalid-entry', 'error', 1]])
  })

  it('Continue\'s JSON drop-ins use Claude Desktop\'s fields: type "http", headers, and envFile is not supported', async () => {
    const project = `${t.home}/proj`
    await t.write('proj/.continue/mcpServers/mcp.json', { mcpServers: { web: { type: 'http', url: 'https://x.example/mcp', headers: { A: 'b' } }, local: { command: 'node', args: ['-v'], envFile: '.env' } } })
    const found = await discoverAll(t.context({ platform: 'linux' }), { clients: ['continue'], projects: [project] })
    const by = Object.fromEntries(found.servers.map((s) => [s.name, s]))
    expect(by.web).toMatchObject({ scope: 'project', transport: 'http', headers: { A: 'b' } })
    expect(problems(by.web)).toEqual([])
    expect(problems(by.local)).toEqual(['warning@mcpServers.local.envFile'])
  })
})
