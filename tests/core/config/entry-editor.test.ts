import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeHome, type TempHome } from '../../helpers/home'
import { engine, server } from '../fix/helpers'

/**
 * The step-2 entry editor through the contract: the entry as text in its file's format with
 * secrets masked, checked as it is typed, saved with the hash check and a backup, undone byte for
 * byte; the masks stand for the values they hide.
 */

const KEY = 'sk-editor-0123456789abcdef'
const TOKEN = 'tok-editor-fedcba9876543210'
const HEADER = 'Bearer hdr-editor-5566778899'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('config:entry, config:check, config:save (JSON)', () => {
  const original = `{
  "numStartups": 12,
  "mcpServers": {
    "search": {
      "command": "npx",
      "args": ["-y", "search-mcp", "--token=${TOKEN}"],
      "env": { "API_KEY": "${KEY}", "LOG_LEVEL": "debug", "REGION": "\${REGION}" }
    },
    "remote": { "type": "http", "url": "https://mcp.example.com/mcp?key=${KEY}", "headers": { "Authorization": "${HEADER}" } }
  }
}
`

  it('shows the entry with every secret masked, reveals one on request, and saves around the masks', async () => {
    const file = await t.write('.claude.json', original)
    const e = engine(t)
    const report = await e.call('diagnose:run', { clients: ['claude-code'], probe: false })
    const search = server(report, 'search')
    const shown = await e.call('config:entry', { serverId: search.id })
    // every env value is hidden (as in a report), a reference to a variable is not a value
    expect(shown).toMatchObject({ configPath: file, format: 'json', masked: ['arg:2', 'env:API_KEY', 'env:LOG_LEVEL'], hash: report.configs.find((c) => c.path === file)!.hash })
    expect(JSON.parse(shown.text)).toEqual({ command: 'npx', args: ['-y', 'search-mcp', '--token=<hidden arg:2>'], env: { API_KEY: '<hidden env:API_KEY>', LOG_LEVEL: '<hidden env:LOG_LEVEL>', REGION: '${REGION}' } })

    const revealed = await e.call('config:entry', { serverId: search.id, reveal: ['env:API_KEY'] })
    expect(revealed.text).toContain(KEY)
    expect(revealed.masked).toEqual(['arg:2', 'env:LOG_LEVEL'])

    // the user adds an argument and a variable, leaving the masks alone
    const edited = shown.text.replace('"search-mcp",', '"search-mcp",\n    "--verbose",').replace('"LOG_LEVEL": "<hidden env:LOG_LEVEL>"', '"LOG_LEVEL": "<hidden env:LOG_LEVEL>",\n    "NEW_SECRET": "brand-new-secret-value"')
    const check = await e.call('config:check', { serverId: search.id, text: edited })
    expect(check).toMatchObject({ ok: true, errors: [], findings: [] })
    // the edit changes only what changed, in the file's own layout (one-line lists stay on one line)
    expect(check.diff).toContain('+      "args": ["-y", "search-mcp", "--verbose", "--token=<redacted>"],')
    expect(check.diff).toContain('"REGION": "${REGION}", "NEW_SECRET": "<redacted>" }')
    expect(check.diff).toContain('"url": "https://mcp.example.com/mcp?key=<redacted>",')
    expect(check.diff).not.toContain('brand-new-secret-value')

    const saved = await e.call('config:save', { serverId: search.id, text: edited, expectedHash: shown.hash })
    const after = await readFile(file, 'utf8')
    expect(after).toContain(`"API_KEY": "${KEY}"`)
    expect(after).toContain(`"--token=${TOKEN}"`)
    expect(after).toContain('"NEW_SECRET": "brand-new-secret-value"')
    expect(after).toContain('"numStartups": 12')
    // the other server's line is untouched
    expect(after).toContain(`"remote": { "type": "http", "url": "https://mcp.example.com/mcp?key=${KEY}", "headers": { "Authorization": "${HEADER}" } }`)

    // the same hash again is stale now; undo restores the file byte for byte
    expect(await e.refuse('config:save', { serverId: search.id, text: edited, expectedHash: shown.hash })).toMatchObject({ code: 'conflict' })
    await e.call('config:undo', { backupId: saved.backupId })
    expect(await readFile(file, 'utf8')).toBe(original)

    for (const secret of [KEY, TOKEN, HEADER, 'brand-new-secret-value']) {
      expect(e.transcript.filter((line) => line.includes(secret)).length, secret).toBe(secret === KEY ? 1 : 0)
    }
  })

  it('says where the text does not parse, which mask was changed, and what breaks the client\'s schema', async () => {
    await t.write('.claude.json', original)
    const e = engine(t)
    const search = server(await e.call('diagnose:run', { clients: ['claude-code'], probe: false }), 'search')
    const { text, hash } = await e.call('config:entry', { serverId: search.id })

    const broken = await e.call('config:check', { serverId: search.id, text: text.replace('"npx",', '"npx"') })
    expect(broken.ok).toBe(false)
    expect(broken.errors[0]).toMatchObject({ line: 3 })
    expect(broken.errors[0]!.message).toMatch(/comma/i)

    const changedMask = await e.call('config:check', { serverId: search.id, text: text.replace('<hidden env:API_KEY>', '<hidden env:API_KEY2>') })
    expect(changedMask).toMatchObject({ ok: false, errors: [{ line: 9, message: expect.stringMatching(/<hidden env:API_KEY2> is not a value MCP Medic hid/) }] })

    const schema = await e.call('config:check', { serverId: search.id, text: text.replace(/"args": \[[^\]]*\]/s, '"args": 5') })
    expect(schema.ok).toBe(false)
    expect(schema.findings[0]).toMatchObject({ code: 'config-invalid-entry', severity: 'error' })
    expect(schema.errors[0]?.message).toMatch(/would not work in Claude Code/)

    const notObject = await e.call('config:check', { serverId: search.id, text: '[1, 2]' })
    expect(notObject).toMatchObject({ ok: false, errors: [{ line: 1, column: 1 }] })
    expect(await e.refuse('config:save', { serverId: search.id, text: '[1, 2]', expectedHash: hash })).toMatchObject({ code: 'invalid-request' })
    expect(await e.refuse('config:save', { serverId: search.id, text, expectedHash: 'f'.repeat(64) })).toMatchObject({ code: 'conflict' })

    const unchanged = await e.call('config:check', { serverId: search.id, text })
    expect(unchanged).toMatchObject({ ok: true, diff: '' })
    expect(e.transcript.join('\n')).not.toContain(KEY)
  })

  it('shows an entry that is not an object as written (masked), and saves the object that replaces it', async () => {
    const file = await t.write('.cursor/mcp.json', `{ "mcpServers": { "odd": "npx -y odd --token=${TOKEN}" } }\n`)
    const e = engine(t)
    const odd = server(await e.call('diagnose:run', { clients: ['cursor'], probe: false }), 'odd')
    const shown = await e.call('config:entry', { serverId: odd.id })
    expect(shown.text).toBe('"npx -y odd --token=<redacted>"\n')
    expect((await e.call('config:check', { serverId: odd.id, text: shown.text })).errors[0]).toMatchObject({ line: 1, column: 1 })
    await e.call('config:save', { serverId: odd.id, text: '{ "command": "npx", "args": ["-y", "odd"] }', expectedHash: shown.hash })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { odd: { command: 'npx', args: ['-y', 'odd'] } } })
    expect(e.transcript.join('\n')).not.toContain(TOKEN)
  })

  it('reveals one env, header or argument value on request', async () => {
    await t.write('.claude.json', original)
    const e = engine(t)
    const report = await e.call('diagnose:run', { clients: ['claude-code'], probe: false })
    const search = server(report, 'search')
    const remote = server(report, 'remote')
    expect(await e.call('secret:reveal', { serverId: search.id, kind: 'env', key: 'API_KEY' })).toEqual({ value: KEY })
    expect(await e.call('secret:reveal', { serverId: search.id, kind: 'arg', key: '2' })).toEqual({ value: `--token=${TOKEN}` })
    expect(await e.call('secret:reveal', { serverId: remote.id, kind: 'header', key: 'Authorization' })).toEqual({ value: HEADER })
    expect(await e.refuse('secret:reveal', { serverId: search.id, kind: 'env', key: 'NOPE' })).toMatchObject({ code: 'not-found' })
    expect(await e.refuse('secret:reveal', { serverId: 'claude-code:user:gone:0123456789', kind: 'env', key: 'API_KEY' })).toMatchObject({ code: 'not-found' })
    // the remote entry's URL keeps its host visible, its query value masked
    const shown = await e.call('config:entry', { serverId: remote.id })
    expect(JSON.parse(shown.text)).toEqual({ type: 'http', url: 'https://mcp.example.com/mcp?key=<hidden url>', headers: { Authorization: '<hidden header:Authorization>' } })
  })
})

describe('the editor in TOML (Codex) and YAML (Goose)', () => {
  it('edits a Codex server as TOML and keeps the rest of config.toml, comments included', async () => {
    const original = `# Codex configuration\nmodel = "gpt-5-codex"\n\n# servers\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "mcp-docs"]   # the docs server\n\n[mcp_servers.docs.env]\nDOCS_TOKEN = "${TOKEN}"\n\n[tui]\nnotifications = true\n`
    const file = await t.write('.codex/config.toml', original)
    const e = engine(t)
    const docs = server(await e.call('diagnose:run', { clients: ['codex'], probe: false }), 'docs')
    const shown = await e.call('config:entry', { serverId: docs.id })
    expect(shown.format).toBe('toml')
    expect(shown.text).toBe('command = "npx"\nargs = [ "-y", "mcp-docs" ]\n\n[env]\nDOCS_TOKEN = "<hidden env:DOCS_TOKEN>"\n')
    const edited = shown.text.replace('[ "-y", "mcp-docs" ]', '[ "-y", "mcp-docs@2" ]')
    const check = await e.call('config:check', { serverId: docs.id, text: edited })
    expect(check).toMatchObject({ ok: true })
    expect(check.diff).toContain('+args = ["-y", "mcp-docs@2"]')
    const broken = await e.call('config:check', { serverId: docs.id, text: `${edited}\n[env]\nX = 1\n` })
    expect(broken).toMatchObject({ ok: false, errors: [{ line: 7 }] })
    const saved = await e.call('config:save', { serverId: docs.id, text: edited, expectedHash: shown.hash })
    const after = await readFile(file, 'utf8')
    expect(after).toContain('# Codex configuration')
    expect(after).toContain(`DOCS_TOKEN = "${TOKEN}"`)
    expect(after).toContain('[tui]\nnotifications = true')
    await e.call('config:undo', { backupId: saved.backupId })
    expect(await readFile(file, 'utf8')).toBe(original)
    expect(e.transcript.join('\n')).not.toContain(TOKEN)
  })

  it('edits a Goose extension as YAML', async () => {
    const original = `GOOSE_PROVIDER: openai\nextensions:\n  fetch:\n    cmd: uvx\n    args:\n      - mcp-server-fetch\n    enabled: true\n    envs:\n      FETCH_KEY: ${KEY}\n    name: fetch\n    type: stdio\n    timeout: 300 # seconds\n`
    const file = await t.write('.config/goose/config.yaml', original)
    const e = engine(t, () => t.context({ platform: 'linux', env: { PATH: '/usr/bin:/bin', HOME: t.home, USER: 'tester', SHELL: '/bin/sh' } }))
    const fetch = server(await e.call('diagnose:run', { clients: ['goose'], probe: false }), 'fetch')
    const shown = await e.call('config:entry', { serverId: fetch.id })
    expect(shown.format).toBe('yaml')
    expect(shown.text).toContain('FETCH_KEY: <hidden env:FETCH_KEY>')
    const edited = shown.text.replace('timeout: 300', 'timeout: 600')
    const saved = await e.call('config:save', { serverId: fetch.id, text: edited, expectedHash: shown.hash })
    const after = await readFile(file, 'utf8')
    expect(after).toContain(`FETCH_KEY: ${KEY}`)
    expect(after).toContain('timeout: 600 # seconds')
    await e.call('config:undo', { backupId: saved.backupId })
    expect(await readFile(file, 'utf8')).toBe(original)
    expect(e.transcript.join('\n')).not.toContain(KEY)
  })
})
