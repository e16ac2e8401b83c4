import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { CLIENT_IDS } from '../../../src/shared/report'
import { installCorpus, userFiles } from '../../fixtures/configs/install'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

function byKey(servers: ServerEntry[]): Record<string, ServerEntry> {
  return Object.fromEntries(servers.map((s) => [`${s.client}/${s.scope}/${s.name}`, s]))
}

describe.each(['linux', 'darwin'] as const)('discovery of every client on a %s machine', (platform) => {
  it('finds each client\'s files where that client reads them, and every server in them', async () => {
    const ctx = t.context({ platform })
    const { project } = await installCorpus(ctx)
    const found = await discoverAll({ ...ctx, cwd: project }, {})

    for (const [, file] of Object.entries(userFiles(ctx))) {
      expect(found.configs.find((c) => c.path === file), file).toMatchObject({ exists: true })
    }
    expect(new Set(found.servers.map((s) => s.client))).toEqual(new Set(CLIENT_IDS))
    for (const s of found.servers) {
      expect(s.effective, s.id).toBeDefined()
      expect(found.configs.some((c) => c.path === s.configPath), s.id).toBe(true)
      expect(s.id).toMatch(new RegExp(`^${s.client}:${s.scope}:`))
    }
    const all = byKey(found.servers)
    const states = Object.fromEntries(Object.entries(all).map(([k, s]) => [k, s.effective!.state]))
    expect(states).toMatchObject({
      'claude-code/user/github': 'active',
      'claude-code/user/memory': 'active',
      'claude-code/user/workspace': 'ignored',
      'claude-code/local/memory': 'active',
      'claude-code/project/memory': 'unapproved',
      'claude-code/project/approved': 'active',
      'claude-code/project/pending': 'unapproved',
      'claude-code/project/rejected-one': 'unapproved',
      'claude-code/project/off-locally': 'disabled',
      'claude-desktop/user/filesystem': 'active',
      'claude-desktop/user/remote-notes': 'ignored',
      'cursor/user/browser': 'active',
      'cursor/project/browser': 'active',
      'windsurf/user/old-one': 'disabled',
      'gemini-cli/user/local': 'disabled',
      'codex/user/figma': 'disabled',
      'zed/user/current': 'disabled',
      'zed/user/old-nested': 'active'
    })
    // the user-scope definition loses only in the project that redefines it
    expect(all['claude-code/user/memory']!.effective!.shadowedIn).toEqual([{ project, by: all['claude-code/local/memory']!.id }])
    expect(all['cursor/user/browser']!.effective!.shadowedIn?.[0]?.by).toBe(all['cursor/project/browser']!.id)
    expect(all['claude-code/project/rejected-one']!.effective!.reason).toMatch(/disabledMcpjsonServers/)
  })

  it('reads each dialect into the same normalized entry', async () => {
    const ctx = t.context({ platform })
    const { project } = await installCorpus(ctx)
    const all = byKey((await discoverAll({ ...ctx, cwd: project }, {})).servers)
    expect(all['windsurf/user/context7']).toMatchObject({ transport: 'http', url: 'https://mcp.context7.com/mcp' })
    expect(all['gemini-cli/user/stripe']).toMatchObject({ transport: 'http', url: 'https://mcp.stripe.com' })
    expect(all['gemini-cli/user/legacy-sse']).toMatchObject({ transport: 'sse' })
    expect(all['gemini-cli/user/local']).toMatchObject({ transport: 'stdio', command: 'python3', cwd: path.join(t.home, 'srv') })
    expect(all['codex/user/docs']).toMatchObject({ command: 'npx', args: ['-y', 'mcp-docs'], env: { LOG_LEVEL: 'info' } })
    expect(all['codex/user/figma']).toMatchObject({ transport: 'http', url: 'https://mcp.figma.com/mcp' })
    expect(all['cline/user/remote']).toMatchObject({ transport: 'sse' })
    expect(all['zed/user/old-nested']).toMatchObject({ command: 'npx', args: ['-y', 'old-zed-mcp'] })
    expect(all['zed/user/tagged']).toMatchObject({ command: 'uvx', args: ['mcp-server-git'] })
    expect(all['goose/user/fetch']).toMatchObject({ command: 'uvx', args: ['mcp-server-fetch'] })
    expect(all['continue/user/sqlite']).toMatchObject({ command: 'npx' })
    expect(all['vscode/user/github']).toMatchObject({ transport: 'http', headers: { Authorization: 'Bearer ${input:gh-token}' } })
    expect(all['vscode/user/github']!.findings).toEqual([])
  })
})

describe('a broken file never hides the others', () => {
  it('reports line and column for JSON, JSONC, TOML and YAML files, and lists every other server', async () => {
    const ctx = t.context({ platform: 'linux' })
    const { project } = await installCorpus(ctx)
    const files = userFiles(ctx)
    await writeFile(files['cursor-mcp.json']!, '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}\n')
    await writeFile(files['gemini-settings.json']!, '{\n  // fine\n  "mcpServers": {},\n}\n')
    await writeFile(files['codex-config.toml']!, '[mcp_servers.a]\ncommand = "x"\n\n[mcp_servers.a]\ncommand = "y"\n')
    await writeFile(files['goose-config.yaml']!, 'extensions:\n  fetch:\n    cmd: uvx\n   args: [x]\n')
    const found = await discoverAll({ ...ctx, cwd: project }, {})
    const error = (file: string) => found.configs.find((c) => c.path === file)?.error
    expect(error(files['cursor-mcp.json']!)).toMatchObject({ line: 4, column: 3 })
    expect(error(files['gemini-settings.json']!)).toMatchObject({ line: 4, column: 1 })
    expect(error(files['codex-config.toml']!)).toMatchObject({ line: 4 })
    expect(error(files['goose-config.yaml']!)?.line).toBe(4)
    const invalid = found.findings.filter((f) => f.code === 'config-invalid-json')
    expect(invalid).toHaveLength(4)
    expect(invalid.find((f) => f.evidence?.path === files['codex-config.toml'])!.detail).toMatch(/defined twice/)
    expect(invalid.find((f) => f.evidence?.path === files['cursor-mcp.json'])!.evidence?.excerpt).toBe('  }\n  ^')
    // every other client still lists its servers
    for (const client of ['claude-code', 'claude-desktop', 'vscode', 'windsurf', 'cline', 'zed', 'lm-studio', 'continue'] as const) {
      expect(found.servers.some((s) => s.client === client), client).toBe(true)
    }
    expect(found.servers.some((s) => s.client === 'cursor' && s.scope === 'project')).toBe(true)
  })
})

describe('files no client reads', () => {
  it('flags ~/.claude/mcp.json and mcpServers in Claude Code settings as config-unread-file', async () => {
    await t.write('.claude/mcp.json', { mcpServers: { lost: { command: 'x' } } })
    await t.write('.claude/settings.json', { mcpServers: { alsoLost: { command: 'x' } }, permissions: {} })
    await t.write('.claude/other.json', { mcpServers: { ignored: { command: 'x' } } })
    const found = await discoverAll(t.context(), { clients: ['claude-code'] })
    const unread = found.findings.filter((f) => f.code === 'config-unread-file')
    expect(unread.map((f) => f.evidence?.path).sort()).toEqual([path.join(t.home, '.claude', 'mcp.json'), path.join(t.home, '.claude', 'settings.json')])
    expect(unread[0]!.detail).toMatch(/~\/\.claude\.json/)
  })
})

describe('trust gates', () => {
  it('Codex reads a project config only for a trusted project; there the project definition wins', async () => {
    const trusted = path.join(t.home, 'trusted')
    const other = path.join(t.home, 'other')
    await t.write('.codex/config.toml', `[mcp_servers.docs]\ncommand = "npx"\n\n[projects.${JSON.stringify(trusted)}]\ntrust_level = "trusted"\n`)
    await t.write('trusted/.codex/config.toml', '[mcp_servers.docs]\ncommand = "node"\nargs = ["docs.js"]\n')
    await t.write('trusted/docs.js', '')
    await t.write('other/.codex/config.toml', '[mcp_servers.x]\ncommand = "node"\n')
    const found = await discoverAll(t.context(), { clients: ['codex'], projects: [trusted, other] })
    const all = byKey(found.servers)
    expect(all['codex/project/docs']!.effective!.state).toBe('active')
    expect(all['codex/user/docs']!.effective!.shadowedIn?.[0]?.project).toBe(trusted)
    expect(all['codex/project/x']!.effective).toMatchObject({ state: 'ignored' })
    expect(all['codex/project/x']!.findings[0]).toMatchObject({ code: 'client-untrusted-folder', severity: 'warning' })
    expect(all['codex/project/x']!.findings[0]!.fix!.summary).toContain('trust_level = "trusted"')
  })

  it('Gemini CLI ignores workspace servers in an untrusted folder when folder trust is on', async () => {
    const ok = path.join(t.home, 'ok')
    const no = path.join(t.home, 'no')
    await t.write('.gemini/settings.json', { security: { folderTrust: { enabled: true } } })
    await t.write('.gemini/trustedFolders.json', { [ok]: 'TRUST_FOLDER' })
    await t.write('ok/.gemini/settings.json', { mcpServers: { a: { command: 'x' } } })
    await t.write('no/.gemini/settings.json', { mcpServers: { b: { command: 'x' } } })
    const all = byKey((await discoverAll(t.context(), { clients: ['gemini-cli'], projects: [ok, no] })).servers)
    expect(all['gemini-cli/project/a']!.effective!.state).toBe('active')
    expect(all['gemini-cli/project/b']!.effective!.state).toBe('ignored')
    expect(all['gemini-cli/project/b']!.findings[0]).toMatchObject({ code: 'client-untrusted-folder', severity: 'warning' })
    expect(all['gemini-cli/project/b']!.findings[0]!.fix!.summary).toContain(`"${no}": "TRUST_FOLDER"`)
  })
})

describe('Gemini CLI 0.61 folder trust, on by default', () => {
  it('ignores workspace servers of untrusted folders unless a settings file turns trust off', async () => {
    const no = path.join(t.home, 'no')
    await t.write('no/.gemini/settings.json', { mcpServers: { b: { command: 'x' } } })
    const byDefault = byKey((await discoverAll(t.context(), { clients: ['gemini-cli'], projects: [no] })).servers)
    expect(byDefault['gemini-cli/project/b']!.effective!.state).toBe('ignored')
    expect(byDefault['gemini-cli/project/b']!.findings[0]!.code).toBe('client-untrusted-folder')
    await t.write('.gemini/settings.json', { security: { folderTrust: { enabled: false } } })
    const off = byKey((await discoverAll(t.context(), { clients: ['gemini-cli'], projects: [no] })).servers)
    expect(off['gemini-cli/project/b']!.effective!.state).toBe('active')
  })

  it('warns that user-level servers are disabled in the untrusted folder it runs for, and not once it is trusted', async () => {
    const work = path.join(t.home, 'work')
    await t.write('work/readme.md', '')
    await t.write('.gemini/settings.json', { mcpServers: { u: { command: 'node' } } })
    const untrusted = byKey((await discoverAll(t.context({ cwd: work }), { clients: ['gemini-cli'] })).servers)['gemini-cli/user/u']!
    expect(untrusted.effective?.state ?? 'active').toBe('active')
    const warning = untrusted.findings.find((f) => f.code === 'client-untrusted-folder')!
    expect(warning).toMatchObject({ severity: 'warning' })
    expect(warning.fix!.summary).toContain(`"${work}": "TRUST_FOLDER"`)
    await t.write('.gemini/trustedFolders.json', { [work]: 'TRUST_FOLDER' })
    const trusted = byKey((await discoverAll(t.context({ cwd: work }), { clients: ['gemini-cli'] })).servers)['gemini-cli/user/u']!
    expect(trusted.findings.map((f) => f.code)).not.toContain('client-untrusted-folder')
    // run from the home folder, no folder is in question
    const fromHome = byKey((await discoverAll(t.context({ cwd: t.home }), { clients: ['gemini-cli'] })).servers)['gemini-cli/user/u']!
    expect(fromHome.findings.map((f) => f.code)).not.toContain('client-untrusted-folder')
  })
})

describe('a Windows machine, modelled on Linux', () => {
  it('computes Windows paths and reads nothing it cannot find', async () => {
    const ctx = t.context({ platform: 'win32', home: 'C:\\Users\\ann', cwd: 'C:\\Users\\ann\\proj', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', PATH: 'C:\\Windows' } })
    const found = await discoverAll(ctx, {})
    expect(found.servers).toEqual([])
    const paths = found.configs.map((c) => c.path)
    expect(paths).toContain('C:\\Users\\ann\\.claude.json')
    expect(paths).toContain('C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json')
    expect(paths).toContain('C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json')
    expect(paths.every((p) => !p.includes('/'))).toBe(true)
  })
})
