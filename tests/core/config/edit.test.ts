import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfigText } from '../../../src/main/core/config/formats'
import { editHistory, undoEdit, type EditRequest } from '../../../src/main/core/config/service'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { AppError } from '../../../src/shared/contract'
import { changedRegion, spanOf, yamlSpanOf } from './span'
import { ctx, dataDir, edit, failure, project, server, setContext, startEmpty, t } from './corpus-session'

const CONTINUE_LISTS = [{ path: ['mcpServers'], key: 'name' }]


/** Edits a server and checks that only its own bytes changed and the file still parses. */
async function editWithin(client: string, scope: string, name: string, op: EditRequest['op']): Promise<string> {
  const s = await server(client, scope, name)
  const before = await readFile(s.configPath, 'utf8')
  const entryPath = [...s.location!.container, name]
  const span = s.location!.format === 'yaml' ? yamlSpanOf(before, entryPath, CONTINUE_LISTS)! : spanOf(before, s.location!.format === 'toml' ? 'toml' : 'json', entryPath)!
  const result = await edit({ serverId: s.id, op })
  const after = await readFile(s.configPath, 'utf8')
  const region = changedRegion(before, after)!
  expect(region.start, `${client}: change starts inside the entry`).toBeGreaterThanOrEqual(span[0])
  expect(region.endBefore, `${client}: change ends inside the entry`).toBeLessThanOrEqual(span[1] + 2)
  expect(parseConfigText(after, s.location!.format).ok).toBe(true)
  expect(result.hashBefore).not.toBe(result.hashAfter)
  return after
}

describe('format-preserving edits on every editable client file', () => {
  const cases: [string, string, string][] = [
    ['claude-code', 'user', 'memory'],
    ['claude-code', 'local', 'memory'],
    ['claude-code', 'project', 'pending'],
    ['claude-desktop', 'user', 'filesystem'],
    ['cursor', 'user', 'browser'],
    ['vscode', 'user', 'playwright'],
    ['windsurf', 'user', 'old-one'],
    ['gemini-cli', 'user', 'local'],
    ['codex', 'user', 'docs'],
    ['cline', 'user', 'weather'],
    ['zed', 'user', 'current'],
    ['lm-studio', 'user', 'hf'],
    ['goose', 'user', 'fetch'],
    ['continue', 'user', 'sqlite'],
    ['continue', 'project', 'sqlite']
  ]
  it.each(cases)('%s %s "%s": set an env var, only inside the entry', async (client, scope, name) => {
    const op = client === 'lm-studio' ? ({ op: 'set-header', key: 'X-Team', value: 'blue' } as const) : ({ op: 'set-env', key: 'LOG_LEVEL', value: 'debug' } as const)
    const after = await editWithin(client, scope, name, op)
    const edited = await server(client, scope, name)
    expect(client === 'lm-studio' ? edited.headers : edited.env).toMatchObject(client === 'lm-studio' ? { 'X-Team': 'blue' } : { LOG_LEVEL: 'debug' })
    expect(edited.findings.filter((f) => f.severity === 'error' && f.code === 'config-invalid-entry')).toEqual([])
    // comments elsewhere in the file survive
    if (client === 'vscode') expect(after).toContain('/* the GitHub server, through its remote endpoint */')
    if (client === 'codex') expect(after).toContain('# servers\n[mcp_servers.docs]')
    if (client === 'zed') expect(after).toContain('// the oldest nested form')
    if (client === 'continue' && scope === 'project') expect(after).toContain('    args: ["-y", \'mcp-sqlite\', ' + project + '/data.db]   # flow list\n    env:\n      LOG_LEVEL: debug\n')
  })

  it('keeps tabs, CRLF line endings and trailing commas as the file had them', async () => {
    const s = await server('cline', 'user', 'weather')
    const crlf = (await readFile(s.configPath, 'utf8')).replace(/\n/g, '\r\n')
    await writeFile(s.configPath, crlf)
    const after = await editWithin('cline', 'user', 'weather', { op: 'set-env', key: 'A', value: '1' })
    expect(after.split('\r\n').length).toBe(after.split('\n').length)
    expect(after).toContain('\t\t\t"env": {\r\n\t\t\t\t"A": "1"\r\n\t\t\t}')
    const vs = await editWithin('vscode', 'user', 'playwright', { op: 'set-args', args: ['@playwright/mcp@latest', '--headless'] })
    expect(vs).toContain('"args": ["@playwright/mcp@latest", "--headless"],')
  })

  it('~/.claude.json: only the entry changes, every other key Claude Code keeps there stays byte for byte', async () => {
    const file = path.join(t.home, '.claude.json')
    const before = await readFile(file, 'utf8')
    await editWithin('claude-code', 'user', 'memory', { op: 'set-command', command: 'bunx' })
    const after = await readFile(file, 'utf8')
    expect(after.replace('"command": "bunx"', '"command": "npx"')).toBe(before)
  })

  it('rename, remove, disable and enable a Codex server in TOML with other tables around it', async () => {
    const s = await server('codex', 'user', 'docs')
    const renamed = await edit({ serverId: s.id, op: { op: 'rename-server', to: 'docs2' } })
    let text = await readFile(s.configPath, 'utf8')
    expect(text).toContain('[mcp_servers.docs2]\ncommand = "npx"')
    expect(text).toContain('[mcp_servers.docs2.env]')
    const again = await edit({ serverId: renamed.serverId!, op: { op: 'disable' } })
    text = await readFile(s.configPath, 'utf8')
    expect(text).toContain('env_vars = ["DOCS_TOKEN"]\nenabled = false\n')
    expect((await server('codex', 'user', 'docs2')).effective!.state).toBe('disabled')
    await edit({ serverId: renamed.serverId!, op: { op: 'enable' } })
    expect((await server('codex', 'user', 'docs2')).effective!.state).toBe('active')
    await edit({ serverId: renamed.serverId!, op: { op: 'remove-server' } })
    text = await readFile(s.configPath, 'utf8')
    expect(text).not.toContain('docs2')
    expect(text).toContain('[profiles.fast]\nmodel = "gpt-5-mini"')
    expect(text).toContain('[tui]\nnotifications = true')
    expect(again.backupId).toMatch(/^\d{8}T\d{6}-[0-9a-f]{8}$/)
  })

  it('adds a server to a file, and to a file that does not exist yet', async () => {
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.client === 'codex' && c.scope === 'user')!
    const added = await edit({ configPath: config.path, op: { op: 'add-server', name: 'fetch', entry: { command: 'uvx', args: ['mcp-server-fetch'], env: { A: 'b' } } } })
    expect((await server('codex', 'user', 'fetch')).id).toBe(added.serverId)
    await startEmpty()
    const cursor = (await discoverAll(ctx, {})).configs.find((c) => c.client === 'cursor' && c.scope === 'user')!
    expect(cursor.exists).toBe(false)
    await edit({ configPath: cursor.path, op: { op: 'add-server', name: 'first', entry: { command: 'npx', args: ['-y', 'x'] } } })
    expect(await readFile(cursor.path, 'utf8')).toBe('{\n  "mcpServers": {\n    "first": {\n      "command": "npx",\n      "args": ["-y", "x"]\n    }\n  }\n}\n')
    const history = await editHistory(ctx, { dataDir })
    await undoEdit(ctx, history[0]!.id, { dataDir })
    await expect(stat(cursor.path)).rejects.toThrow(/ENOENT/)
  })

  it('renames the wrong top-level key in a VS Code workspace file, then its server is read', async () => {
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.client === 'vscode' && c.scope === 'project')!
    await edit({ configPath: config.path, op: { op: 'rename-key', from: 'mcpServers', to: 'servers' } })
    const after = await discoverAll(ctx, {})
    expect(after.findings.some((f) => f.code === 'config-wrong-key')).toBe(false)
    expect(after.servers.some((s) => s.client === 'vscode' && s.name === 'db')).toBe(true)
    expect(await readFile(config.path, 'utf8')).toContain('// wrong key: this is how Claude and Cursor spell it\n  "servers": {')
  })

  it('turns Claude Code servers off per project in ~/.claude.json, and Gemini servers through mcp.excluded', async () => {
    const s = await server('claude-code', 'local', 'memory')
    await edit({ serverId: s.id, op: { op: 'disable' } })
    expect((await server('claude-code', 'local', 'memory')).effective!.state).toBe('disabled')
    const raw = JSON.parse(await readFile(path.join(t.home, '.claude.json'), 'utf8'))
    expect(raw.projects[project].disabledMcpServers).toEqual(['off-locally', 'memory'])
    const g = await server('gemini-cli', 'user', 'local')
    await edit({ serverId: g.id, op: { op: 'enable' } })
    expect((await server('gemini-cli', 'user', 'local')).effective!.state).toBe('active')
  })

  it('sets the transport in each client\'s own words', async () => {
    await edit({ serverId: (await server('gemini-cli', 'user', 'legacy-sse')).id, op: { op: 'set-transport', transport: 'http' } })
    expect(await server('gemini-cli', 'user', 'legacy-sse')).toMatchObject({ transport: 'http', url: 'https://events.example.com/mcp', raw: { httpUrl: 'https://events.example.com/mcp' } })
    await edit({ serverId: (await server('cline', 'user', 'remote')).id, op: { op: 'set-transport', transport: 'http' } })
    expect(await server('cline', 'user', 'remote')).toMatchObject({ transport: 'http', raw: { type: 'streamableHttp' } })
    expect((await failure({ serverId: (await server('codex', 'user', 'figma')).id, op: { op: 'set-transport', transport: 'sse' } })).message).toMatch(/no SSE/)
  })
})

describe('edits that are refused, with nothing written', () => {
  it('refuses an entry the client could not read, a read-only file, an unknown server and a clashing name', async () => {
    const s = await server('cursor', 'user', 'browser')
    const before = await readFile(s.configPath, 'utf8')
    expect((await failure({ serverId: s.id, op: { op: 'replace-entry', entry: { args: ['x'] } } })).message).toMatch(/needs a "command"/)
    expect((await failure({ serverId: s.id, op: { op: 'rename-server', to: 'linear' } })).message).toMatch(/already exists/)
    expect((await failure({ serverId: s.id, op: { op: 'disable' } })).message).toMatch(/no on\/off switch/)
    expect((await failure({ serverId: s.id, op: { op: 'set-cwd', cwd: '/tmp' } })).message).toMatch(/no working-directory setting/)
    expect(await readFile(s.configPath, 'utf8')).toBe(before)
    expect((await failure({ serverId: 'nope', op: { op: 'remove-server' } })).code).toBe('not-found')
    expect((await failure({ configPath: '/etc/passwd', op: { op: 'add-server', name: 'x', entry: { command: 'x' } } })).code).toBe('not-found')
    // a managed file is read only
    await t.write('sys/etc/codex/config.toml', '[mcp_servers.corp]\ncommand = "corp-mcp"\n')
    setContext({ ...ctx, env: { ...ctx.env, MCP_MEDIC_SYSTEM_ROOT: path.join(t.home, 'sys') } })
    const managed = await server('codex', 'managed', 'corp')
    const refused = await failure({ serverId: managed.id, op: { op: 'remove-server' } })
    expect(refused.code).toBe('forbidden')
    expect(refused.message).toMatch(/managed by your administrator/)
  })

  it('refuses when the file changed since it was read (expectedHash), and writes nothing', async () => {
    const found = await discoverAll(ctx, {})
    const config = found.configs.find((c) => c.client === 'windsurf')!
    const s = found.servers.find((x) => x.configPath === config.path)!
    const changed = (await readFile(config.path, 'utf8')).replace('old-mcp', 'newer-mcp')
    await writeFile(config.path, changed)
    const error = await failure({ serverId: s.id, expectedHash: config.hash, op: { op: 'remove-server' } })
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/changed on disk/)
    expect(await readFile(config.path, 'utf8')).toBe(changed)
  })

  it('refuses to edit a file that does not parse', async () => {
    const s = await server('cursor', 'user', 'browser')
    const broken = (await readFile(s.configPath, 'utf8')).replace('"linear": {', '"linear": {,')
    await writeFile(s.configPath, broken)
    const proj = await server('cursor', 'project', 'browser')
    expect(proj).toBeDefined()
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.path === s.configPath)!
    expect((await failure({ configPath: config.path, op: { op: 'add-server', name: 'x', entry: { command: 'x' } } })).message).toMatch(/until it parses/)
    expect(await readFile(s.configPath, 'utf8')).toBe(broken)
  })
})

describe('backups and undo', () => {
  it('keeps a 0600 backup in the data folder, keeps the file mode, and undo restores the bytes', async () => {
    const s = await server('windsurf', 'user', 'old-one')
    const { chmod } = await import('node:fs/promises')
    await chmod(s.configPath, 0o640)
    const before = await readFile(s.configPath)
    const result = await edit({ serverId: s.id, op: { op: 'enable' } })
    expect((await stat(s.configPath)).mode & 0o777).toBe(0o640)
    const backup = path.join(dataDir, 'backups', `${result.backupId}.bak`)
    expect(await readFile(backup)).toEqual(before)
    expect((await stat(backup)).mode & 0o777).toBe(0o600)
    const undone = await undoEdit(ctx, result.backupId, { dataDir })
    expect(await readFile(s.configPath)).toEqual(before)
    expect(undone.configPath).toBe(s.configPath)
    await expect(undoEdit(ctx, result.backupId, { dataDir })).rejects.toThrow(/already undone/)
  })

  it('refuses to undo over changes made after the edit', async () => {
    const s = await server('windsurf', 'user', 'old-one')
    const result = await edit({ serverId: s.id, op: { op: 'enable' } })
    await writeFile(s.configPath, (await readFile(s.configPath, 'utf8')).replace('context7', 'context8'))
    const error = await undoEdit(ctx, result.backupId, { dataDir }).catch((e: AppError) => e)
    expect(error).toMatchObject({ code: 'conflict' })
    expect(await readFile(s.configPath, 'utf8')).toContain('context8')
  })

  it('writes through a symlink to its target, keeping the link', async () => {
    const s = await server('lm-studio', 'user', 'hf')
    const { rename, symlink, lstat } = await import('node:fs/promises')
    const real = path.join(t.home, 'dotfiles', 'mcp.json')
    await (await import('node:fs/promises')).mkdir(path.dirname(real), { recursive: true })
    await rename(s.configPath, real)
    await symlink(real, s.configPath)
    await edit({ serverId: s.id, op: { op: 'set-url', url: 'https://huggingface.co/mcp?login' } })
    expect((await lstat(s.configPath)).isSymbolicLink()).toBe(true)
    expect(await readFile(real, 'utf8')).toContain('https://huggingface.co/mcp?login')
  })
})
