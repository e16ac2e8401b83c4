import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { continueUserPath } from '../../../src/main/core/clients/continue'
import { goosePath } from '../../../src/main/core/clients/goose'
import { parseConfigText } from '../../../src/main/core/config/formats'
import { editHistory, undoEdit } from '../../../src/main/core/config/service'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { AppError } from '../../../src/shared/contract'
import { ctx, dataDir, edit, failure, project, server, startEmpty, t } from './corpus-session'


/** The lines of `after` that are not in `before` and the reverse, in order. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n')
  const b = after.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) }
}

describe('Goose: ~/.config/goose/config.yaml is edited in place', () => {
  it('turns an extension off and on by writing "enabled", renames it, and removes it, one line at a time', async () => {
    const file = goosePath(ctx)
    const original = await readFile(file, 'utf8')
    const fetch = await server('goose', 'user', 'fetch')
    await edit({ serverId: fetch.id, op: { op: 'disable' } })
    expect(lineDiff(original, await readFile(file, 'utf8'))).toEqual({ removed: ['    enabled: true'], added: ['    enabled: false'] })
    expect((await server('goose', 'user', 'fetch')).effective!.state).toBe('disabled')
    await edit({ serverId: fetch.id, op: { op: 'enable' } })
    expect(await readFile(file, 'utf8')).toBe(original)

    const renamed = await edit({ serverId: fetch.id, op: { op: 'rename-server', to: 'web fetch' } })
    expect(lineDiff(original, await readFile(file, 'utf8'))).toEqual({ removed: ['  fetch:'], added: ['  web fetch:'] })
    await edit({ serverId: renamed.serverId!, op: { op: 'remove-server' } })
    const removed = await readFile(file, 'utf8')
    expect(removed).toBe('GOOSE_PROVIDER: openai\nextensions:\n  developer:\n    bundled: true\n    enabled: true\n    name: developer\n    type: builtin\n')
    expect(parseConfigText(removed, 'yaml').ok).toBe(true)
  })

  it('sets the command, arguments, a variable and the transport in Goose\'s own words', async () => {
    const file = goosePath(ctx)
    const original = await readFile(file, 'utf8')
    const fetch = await server('goose', 'user', 'fetch')
    await edit({ serverId: fetch.id, op: { op: 'set-command', command: 'C:\\Tools\\uvx.exe' } })
    await edit({ serverId: fetch.id, op: { op: 'set-args', args: ['mcp-server-fetch', '--ignore-robots-txt', '# not a comment'] } })
    await edit({ serverId: fetch.id, op: { op: 'set-env', key: 'HTTP_PROXY', value: 'http://proxy:3128' } })
    const after = await readFile(file, 'utf8')
    expect(lineDiff(original, after)).toEqual({
      removed: ['    cmd: uvx', '    args:', '      - mcp-server-fetch', '    enabled: true', '    envs: {}'],
      added: ['    cmd: C:\\Tools\\uvx.exe', '    args:', '      - mcp-server-fetch', '      - --ignore-robots-txt', '      - "# not a comment"', '    enabled: true', '    envs: { HTTP_PROXY: http://proxy:3128 }']
    })
    expect(await server('goose', 'user', 'fetch')).toMatchObject({ command: 'C:\\Tools\\uvx.exe', args: ['mcp-server-fetch', '--ignore-robots-txt', '# not a comment'], env: { HTTP_PROXY: 'http://proxy:3128' } })
    expect((await failure({ serverId: fetch.id, op: { op: 'set-cwd', cwd: '/tmp' } })).message).toMatch(/Goose has no working-directory setting/)
  })

  it('adds an extension with the fields Goose requires, and refuses an entry Goose would skip', async () => {
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.client === 'goose')!
    await edit({ configPath: config.path, op: { op: 'add-server', name: 'docs', entry: { uri: 'https://docs.example.com/mcp', timeout: 300 } } })
    const text = await readFile(config.path, 'utf8')
    expect(text.endsWith('    timeout: 300 # seconds\n  docs:\n    name: docs\n    type: streamable_http\n    enabled: true\n    uri: https://docs.example.com/mcp\n    timeout: 300\n')).toBe(true)
    const docs = await server('goose', 'user', 'docs')
    expect(docs).toMatchObject({ transport: 'http', url: 'https://docs.example.com/mcp', effective: { state: 'active' } })
    expect(docs.findings.filter((f) => f.severity === 'error')).toEqual([])
    const refused = await failure({ serverId: docs.id, op: { op: 'replace-entry', entry: { name: 'docs', type: 'stdio', cmd: 'npx' } } })
    expect(refused.code).toBe('invalid-request')
    expect(refused.message).toMatch(/would not work in Goose: .*Goose needs "enabled".*"args"/)
    expect(await readFile(config.path, 'utf8')).toBe(text)
  })
})

describe('Goose: fixing the top-level key', () => {
  it('renames "mcpServers" to "extensions", after which Goose\'s servers are read', async () => {
    const file = goosePath(ctx)
    await writeFile(file, '# mine\nmcpServers:\n  fetch:\n    name: fetch\n    type: stdio\n    enabled: true\n    cmd: uvx\n    args: [mcp-server-fetch]\n')
    const found = await discoverAll(ctx, {})
    expect(found.findings.filter((f) => f.code === 'config-wrong-key').map((f) => f.evidence?.key)).toContain('mcpServers')
    await edit({ configPath: file, op: { op: 'rename-key', from: 'mcpServers', to: 'extensions' } })
    expect(await readFile(file, 'utf8')).toBe('# mine\nextensions:\n  fetch:\n    name: fetch\n    type: stdio\n    enabled: true\n    cmd: uvx\n    args: [mcp-server-fetch]\n')
    expect((await server('goose', 'user', 'fetch')).findings).toEqual([])
  })
})

describe('Goose: a file Goose wrote itself (serde style: sorted keys, lists not indented)', () => {
  it('turns a remote extension on, retypes it and sets a header, in the file\'s own style', async () => {
    const file = goosePath(ctx)
    const original = (await readFile(path.join(__dirname, '../../fixtures/configs/goose-serde.yaml'), 'utf8')).replaceAll('HOME', t.home)
    await writeFile(file, original)
    const github = await server('goose', 'user', 'github')
    expect(github).toMatchObject({ transport: 'http', effective: { state: 'disabled' } })
    await edit({ serverId: github.id, op: { op: 'enable' } })
    await edit({ serverId: github.id, op: { op: 'set-transport', transport: 'sse' } })
    await edit({ serverId: github.id, op: { op: 'set-header', key: 'X-GitHub-Toolsets', value: 'repos,issues' } })
    const memory = await server('goose', 'user', 'memory')
    await edit({ serverId: memory.id, op: { op: 'set-args', args: ['-y', '@modelcontextprotocol/server-memory@latest'] } })
    expect(lineDiff(original, await readFile(file, 'utf8'))).toEqual({
      removed: [
        '    enabled: false',
        '    env_keys: []',
        '    envs: {}',
        '    headers:',
        '      Authorization: Bearer ${GITHUB_TOKEN}',
        '    name: github',
        '    timeout: 300',
        '    type: streamable_http',
        '    uri: https://api.githubcopilot.com/mcp/',
        '  memory:',
        '    args:',
        '    - -y',
        "    - '@modelcontextprotocol/server-memory'"
      ],
      added: [
        '    enabled: true',
        '    env_keys: []',
        '    envs: {}',
        '    headers:',
        '      Authorization: Bearer ${GITHUB_TOKEN}',
        '      X-GitHub-Toolsets: repos,issues',
        '    name: github',
        '    timeout: 300',
        '    type: sse',
        '    uri: https://api.githubcopilot.com/mcp/',
        '  memory:',
        '    args:',
        '    - -y',
        "    - '@modelcontextprotocol/server-memory@latest'"
      ]
    })
    expect(await server('goose', 'user', 'github')).toMatchObject({ transport: 'sse', headers: { 'X-GitHub-Toolsets': 'repos,issues' }, effective: { state: 'active' } })
  })
})

describe('Continue: its YAML lists of servers are edited by name', () => {
  it('adds, renames, retypes and removes servers of the user config; undo restores the bytes', async () => {
    const file = continueUserPath(ctx)
    const original = await readFile(file, 'utf8')
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.path === file)!
    const added = await edit({ configPath: config.path, expectedHash: config.hash, op: { op: 'add-server', name: 'notes', entry: { type: 'streamable-http', url: 'https://notes.example.com/mcp' } } })
    expect(lineDiff(original, await readFile(file, 'utf8')).added).toEqual(['  - name: notes', '    type: streamable-http', '    url: https://notes.example.com/mcp'])
    expect(await server('continue', 'user', 'notes')).toMatchObject({ id: added.serverId, transport: 'http' })

    await edit({ serverId: added.serverId!, op: { op: 'set-header', key: 'Authorization', value: 'Bearer ${{ secrets.NOTES }}' } })
    await edit({ serverId: added.serverId!, op: { op: 'set-transport', transport: 'sse' } })
    expect(await readFile(file, 'utf8')).toContain('  - name: notes\n    type: sse\n    url: https://notes.example.com/mcp\n    requestOptions:\n      headers:\n        Authorization: Bearer ${{ secrets.NOTES }}\n')
    expect(await server('continue', 'user', 'notes')).toMatchObject({ transport: 'sse', headers: { Authorization: 'Bearer ${{ secrets.NOTES }}' } })

    const sqlite = await server('continue', 'user', 'sqlite')
    const beforeRename = await readFile(file, 'utf8')
    const renamed = await edit({ serverId: sqlite.id, op: { op: 'rename-server', to: 'db' } })
    expect(lineDiff(beforeRename, await readFile(file, 'utf8'))).toEqual({ removed: ['  - name: sqlite'], added: ['  - name: db'] })
    expect((await server('continue', 'user', 'db')).id).toBe(renamed.serverId)
    await edit({ serverId: renamed.serverId!, op: { op: 'remove-server' } })
    expect(await readFile(file, 'utf8')).toContain('mcpServers:\n  - name: notes\n')

    for (const record of await editHistory(ctx, { dataDir })) await undoEdit(ctx, record.id, { dataDir })
    expect(await readFile(file, 'utf8')).toBe(original)
  })

  it('edits a project block, keeping its metadata, comments, quoting and flow lists; an unnamed item is addressed by position', async () => {
    const file = path.join(project, '.continue', 'mcpServers', 'block.yaml')
    const original = await readFile(file, 'utf8')
    const unnamed = await server('continue', 'project', '#3')
    expect(unnamed.findings.map((f) => f.evidence?.jsonPath)).toContain('mcpServers["#3"].name')
    // the entry already lacked a name: an edit that adds no new problem is allowed
    await edit({ serverId: unnamed.id, op: { op: 'set-env', key: 'TZ', value: 'Europe/Paris' } })
    const named = await edit({ serverId: unnamed.id, op: { op: 'rename-server', to: 'time' } })
    expect(lineDiff(original, await readFile(file, 'utf8')).added).toEqual(['    env:', '      TZ: Europe/Paris', '    name: time'])
    expect(await server('continue', 'project', 'time')).toMatchObject({ id: named.serverId, command: 'uvx' })
    const docs = await server('continue', 'project', 'docs')
    await edit({ serverId: docs.id, op: { op: 'set-url', url: 'https://docs.example.com/v2/mcp' } })
    const after = await readFile(file, 'utf8')
    expect(after).toContain('# A Continue block: metadata first, then the servers\nname: Team MCP servers\nversion: 0.0.1\nschema: v1\nmcpServers:\n  # the database, through npx\n  - name: "sqlite"\n')
    expect(after).toContain(`    args: ["-y", 'mcp-sqlite', ${project}/data.db]   # flow list\n`)
    expect(after).toContain('    url: https://docs.example.com/v2/mcp  # v1 endpoint\n')
  })

  it('creates ~/.continue/config.yaml with the metadata Continue expects when there is none', async () => {
    await startEmpty()
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.client === 'continue')!
    expect(config.exists).toBe(false)
    await edit({ configPath: config.path, op: { op: 'add-server', name: 'fs', entry: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', t.home] } } })
    expect(await readFile(config.path, 'utf8')).toBe(`name: Local Assistant\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: fs\n    command: npx\n    args:\n      - -y\n      - "@modelcontextprotocol/server-filesystem"\n      - ${t.home}\n`)
    const fs = await server('continue', 'user', 'fs')
    expect(fs.findings).toEqual([])
  })

  it('edits a JSON drop-in in .continue/mcpServers in Claude Desktop\'s words', async () => {
    const file = await t.write('work/app/.continue/mcpServers/mcp.json', '{\n  "mcpServers": {\n    "web": { "url": "https://web.example.com/mcp" }\n  }\n}\n')
    const web = await server('continue', 'project', 'web')
    await edit({ serverId: web.id, op: { op: 'set-transport', transport: 'http' } })
    await edit({ serverId: web.id, op: { op: 'set-header', key: 'X-Team', value: 'blue' } })
    expect(await readFile(file, 'utf8')).toBe('{\n  "mcpServers": {\n    "web": { "url": "https://web.example.com/mcp", "type": "http", "headers": { "X-Team": "blue" } }\n  }\n}\n')
  })
})

describe('YAML edits are safe like every other edit', () => {
  it('refuses a stale hash, and a change that lands between the temp file and the rename, writing nothing', async () => {
    const file = goosePath(ctx)
    const config = (await discoverAll(ctx, {})).configs.find((c) => c.path === file)!
    const fetch = await server('goose', 'user', 'fetch')
    const theirs = (await readFile(file, 'utf8')).replace('timeout: 300', 'timeout: 600')
    await writeFile(file, theirs)
    const stale = await failure({ serverId: fetch.id, expectedHash: config.hash, op: { op: 'disable' } })
    expect(stale.code).toBe('conflict')
    expect(await readFile(file, 'utf8')).toBe(theirs)

    const other = theirs.replace('GOOSE_PROVIDER: openai', 'GOOSE_PROVIDER: anthropic')
    const race = await edit({ serverId: fetch.id, op: { op: 'disable' } }, async () => {
      await writeFile(file, other)
    }).catch((error: AppError) => error)
    expect(race).toMatchObject({ code: 'conflict' })
    expect(await readFile(file, 'utf8')).toBe(other)
    expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('keeps the file mode and a 0600 backup, and refuses to edit through a YAML anchor', async () => {
    const file = goosePath(ctx)
    const { chmod } = await import('node:fs/promises')
    await chmod(file, 0o640)
    const result = await edit({ serverId: (await server('goose', 'user', 'fetch')).id, op: { op: 'set-env', key: 'A', value: 'b' } })
    expect((await stat(file)).mode & 0o777).toBe(0o640)
    expect((await stat(path.join(dataDir, 'backups', `${result.backupId}.bak`))).mode & 0o777).toBe(0o600)

    const anchored = 'extensions:\n  base: &base\n    name: base\n    type: stdio\n    enabled: true\n    cmd: uvx\n    args: [a]\n    envs: {}\n  copy: *base\n'
    await writeFile(file, anchored)
    const refused = await failure({ serverId: (await server('goose', 'user', 'base')).id, op: { op: 'set-env', key: 'A', value: 'b' } })
    expect(refused.message).toMatch(/anchor or alias/)
    expect(await readFile(file, 'utf8')).toBe(anchored)
  })
})
