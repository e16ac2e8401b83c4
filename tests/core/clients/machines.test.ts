import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import type { EngineContext } from '../../../src/main/core/context'
import { discoverAll } from '../../../src/main/core/diagnose/run'
import { CLIENT_IDS } from '../../../src/shared/report'
import { installCorpus, putModelled } from '../../fixtures/configs/install'
import { modelledMachine, SYSTEM_LAYOUT, USER_LAYOUT, type Os } from '../../fixtures/configs/machines'
import { makeHome, type TempHome } from '../../helpers/home'

/*
 * Every client on every OS model, backed by real files: each machine (Windows, macOS, Linux) is
 * laid out under a temp folder by absolute path (C:\Users\ann\… at <root>/C/Users/ann/…), the
 * engine runs with that machine's context and `fsRoot`, and everything it reports must name the
 * modelled machine's paths.
 */

const OSES: Os[] = ['win32', 'darwin', 'linux']
const PROJECT: Record<Os, string> = { win32: 'C:\\Users\\ann\\work\\app', darwin: '/Users/ann/work/app', linux: '/home/ann/work/app' }

/** A path in the modelled project, written out (not computed by the path functions under test). */
function inProject(os: Os, ...parts: string[]): string {
  return [PROJECT[os], ...parts].join(os === 'win32' ? '\\' : '/')
}

/** Where a modelled path's file sits under the root, by the layout rule (C:\a\b → C/a/b, /a/b → a/b). */
function rootRelative(os: Os, modelled: string): string {
  return os === 'win32' ? modelled.replace(/^([A-Z]):\\/, '$1/').replaceAll('\\', '/') : modelled.slice(1)
}

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(full, base)))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

function byKey(servers: ServerEntry[]): Record<string, ServerEntry> {
  return Object.fromEntries(servers.map((s) => [`${s.client}/${s.scope}/${s.name}`, s]))
}

/** [client, scope, name, the corpus file (user) or project file it is in, effective state]: the same on every OS. */
const EXPECTED: [string, string, string, string, string][] = [
  ['claude-code', 'user', 'github', 'claude.json', 'active'],
  ['claude-code', 'user', 'memory', 'claude.json', 'active'],
  ['claude-code', 'user', 'workspace', 'claude.json', 'ignored'],
  ['claude-code', 'local', 'memory', 'claude.json', 'active'],
  ['claude-code', 'project', 'memory', '.mcp.json', 'unapproved'],
  ['claude-code', 'project', 'approved', '.mcp.json', 'active'],
  ['claude-code', 'project', 'pending', '.mcp.json', 'unapproved'],
  ['claude-code', 'project', 'rejected-one', '.mcp.json', 'unapproved'],
  ['claude-code', 'project', 'off-locally', '.mcp.json', 'disabled'],
  ['claude-desktop', 'user', 'filesystem', 'claude_desktop_config.json', 'active'],
  ['claude-desktop', 'user', 'remote-notes', 'claude_desktop_config.json', 'ignored'],
  ['cursor', 'user', 'browser', 'cursor-mcp.json', 'active'],
  ['cursor', 'user', 'linear', 'cursor-mcp.json', 'active'],
  ['cursor', 'project', 'browser', '.cursor/mcp.json', 'active'],
  ['vscode', 'user', 'github', 'vscode-mcp.json', 'active'],
  ['vscode', 'user', 'playwright', 'vscode-mcp.json', 'active'],
  ['windsurf', 'user', 'context7', 'windsurf-mcp_config.json', 'active'],
  ['windsurf', 'user', 'old-one', 'windsurf-mcp_config.json', 'disabled'],
  ['gemini-cli', 'user', 'stripe', 'gemini-settings.json', 'active'],
  ['gemini-cli', 'user', 'legacy-sse', 'gemini-settings.json', 'active'],
  ['gemini-cli', 'user', 'local', 'gemini-settings.json', 'disabled'],
  ['codex', 'user', 'docs', 'codex-config.toml', 'active'],
  ['codex', 'user', 'figma', 'codex-config.toml', 'disabled'],
  ['cline', 'user', 'weather', 'cline_mcp_settings.json', 'active'],
  ['cline', 'user', 'remote', 'cline_mcp_settings.json', 'active'],
  ['zed', 'user', 'old-nested', 'zed-settings.json', 'active'],
  ['zed', 'user', 'tagged', 'zed-settings.json', 'active'],
  ['zed', 'user', 'current', 'zed-settings.json', 'disabled'],
  ['zed', 'user', 'from-extension', 'zed-settings.json', 'active'],
  ['lm-studio', 'user', 'hf', 'lmstudio-mcp.json', 'active'],
  ['goose', 'user', 'developer', 'goose-config.yaml', 'active'],
  ['goose', 'user', 'fetch', 'goose-config.yaml', 'active'],
  ['continue', 'user', 'sqlite', 'continue-config.yaml', 'active'],
  ['continue', 'project', 'sqlite', '.continue/mcpServers/block.yaml', 'active'],
  ['continue', 'project', 'docs', '.continue/mcpServers/block.yaml', 'active'],
  ['continue', 'project', '#3', '.continue/mcpServers/block.yaml', 'active']
]

/** Every config file discovery lists, in its order: [client, scope, corpus or project file]. */
const CONFIGS: [string, string, string][] = [
  ['claude-code', 'user', 'claude.json'],
  ['claude-code', 'project', '.mcp.json'],
  ['claude-desktop', 'user', 'claude_desktop_config.json'],
  ['cursor', 'user', 'cursor-mcp.json'],
  ['cursor', 'project', '.cursor/mcp.json'],
  ['vscode', 'user', 'vscode-mcp.json'],
  // servers under "mcpServers": VS Code reads none of them (config-wrong-key)
  ['vscode', 'project', '.vscode/mcp.json'],
  ['windsurf', 'user', 'windsurf-mcp_config.json'],
  ['gemini-cli', 'user', 'gemini-settings.json'],
  ['codex', 'user', 'codex-config.toml'],
  ['cline', 'user', 'cline_mcp_settings.json'],
  ['zed', 'user', 'zed-settings.json'],
  ['lm-studio', 'user', 'lmstudio-mcp.json'],
  ['goose', 'user', 'goose-config.yaml'],
  ['continue', 'user', 'continue-config.yaml'],
  ['continue', 'project', '.continue/mcpServers/block.yaml']
]

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** The modelled machine `os` under a fresh folder, with the corpus installed and the project as its current folder. */
async function machine(os: Os, name = 'root'): Promise<{ ctx: EngineContext; root: string }> {
  const root = path.join(t.home, name)
  const base = modelledMachine(os, root)
  await installCorpus(base, USER_LAYOUT[os])
  return { ctx: { ...base, cwd: PROJECT[os] }, root }
}

function fileOf(os: Os, file: string): string {
  return file.startsWith('.') ? inProject(os, ...file.split('/')) : USER_LAYOUT[os][file]!
}

describe.each(OSES)('every client on a %s machine, backed by real files', (os) => {
  it('lays the files out by their absolute paths on that machine', async () => {
    const { root } = await machine(os)
    const project = ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', '.continue/mcpServers/block.yaml', 'server.js', '.claude/settings.local.json']
    const expected = [...Object.values(USER_LAYOUT[os]), ...project.map((f) => inProject(os, ...f.split('/')))]
    expect(await filesUnder(root)).toEqual(expected.map((f) => rootRelative(os, f)).sort())
  })

  it('lists every server with its client, scope, file and effective state, in the machine\'s own paths', async () => {
    const { ctx, root } = await machine(os)
    const found = await discoverAll(ctx, {})

    const seen = found.servers.map((s) => [s.client, s.scope, s.name, s.configPath, s.effective?.state])
    expect(seen).toEqual(EXPECTED.map(([client, scope, name, file, state]) => [client, scope, name, fileOf(os, file), state]))
    expect(new Set(found.servers.map((s) => s.client))).toEqual(new Set(CLIENT_IDS))
    expect(found.configs.map((c) => [c.client, c.scope, c.path, c.exists, c.error])).toEqual(CONFIGS.map(([client, scope, file]) => [client, scope, fileOf(os, file), true, undefined]))

    const all = byKey(found.servers)
    expect(all['claude-code/user/memory']!.effective!.shadowedIn).toEqual([{ project: PROJECT[os], by: all['claude-code/local/memory']!.id }])
    expect(all['cursor/user/browser']!.effective!.shadowedIn?.[0]).toEqual({ project: PROJECT[os], by: all['cursor/project/browser']!.id })
    expect(found.findings.find((f) => f.code === 'config-wrong-key')!.evidence?.path).toBe(inProject(os, '.vscode', 'mcp.json'))
    // nothing the engine reports names the folder behind the model
    expect(JSON.stringify(found)).not.toContain(root)
  })

  it('checks the files entries point at on that machine', async () => {
    const { ctx } = await machine(os)
    const all = byKey((await discoverAll(ctx, {})).servers)
    // ./server.js exists in the project: resolved on the modelled machine, found under the root
    expect(all['claude-code/project/approved']!.facts).toMatchObject({ checked: true, paths: [{ value: './server.js', resolved: inProject(os, 'server.js'), exists: true }] })
    expect(all['claude-code/project/approved']!.findings).toEqual([])
    // PROJECT/tools/memory.js does not
    const memory = all['claude-code/local/memory']!
    expect(memory.findings.map((f) => f.code)).toEqual(['file-not-found'])
    expect(memory.findings[0]!.evidence?.path).toBe(inProject(os, 'tools', 'memory.js'))
    expect(all['gemini-cli/user/local']!.findings.find((f) => f.code === 'cwd-not-found')!.evidence?.cwd).toBe(os === 'win32' ? 'C:\\Users\\ann\\srv' : `${ctx.home}/srv`)
    if (os === 'win32') expect(all['claude-code/user/memory']!.findings.map((f) => f.code)).toContain('windows-cmd-wrapper-needed')
  })

  it('gives every server the same id whichever folder backs the machine', async () => {
    const a = await machine(os, 'one')
    const b = await machine(os, 'two')
    const ids = async (ctx: EngineContext): Promise<string[]> => (await discoverAll(ctx, {})).servers.map((s) => s.id)
    expect(await ids(a.ctx)).toEqual(await ids(b.ctx))
  })

  it('reports a broken file with line and column and still lists every other server', async () => {
    const { ctx } = await machine(os)
    const eol = os === 'win32' ? '\r\n' : '\n'
    const lines = (...l: string[]): string => l.join(eol) + eol
    const broken = {
      'cursor-mcp.json': lines('{', '  "mcpServers": {', '    "a": { "command": "x" },', '  }', '}'),
      'gemini-settings.json': lines('{', '  // fine', '  "mcpServers": {},', '}'),
      'codex-config.toml': lines('[mcp_servers.a]', 'command = "x"', '', '[mcp_servers.a]', 'command = "y"'),
      'goose-config.yaml': lines('extensions:', '  fetch:', '    cmd: uvx', '   args: [x]')
    }
    for (const [name, text] of Object.entries(broken)) await putModelled(ctx, USER_LAYOUT[os][name]!, text)
    const found = await discoverAll(ctx, {})
    const error = (name: string) => found.configs.find((c) => c.path === USER_LAYOUT[os][name])?.error
    expect(error('cursor-mcp.json')).toMatchObject({ line: 4, column: 3 })
    expect(error('gemini-settings.json')).toMatchObject({ line: 4, column: 1 })
    expect(error('codex-config.toml')).toMatchObject({ line: 4 })
    expect(error('goose-config.yaml')?.line).toBe(4)
    const invalid = found.findings.filter((f) => f.code === 'config-invalid-json')
    expect(invalid.map((f) => f.evidence?.path).sort()).toEqual(Object.keys(broken).map((n) => USER_LAYOUT[os][n]).sort())
    expect(invalid.find((f) => f.evidence?.path === USER_LAYOUT[os]['cursor-mcp.json'])).toMatchObject({ title: `${USER_LAYOUT[os]['cursor-mcp.json']} is not valid JSON`, evidence: { line: 4, column: 3 } })
    const left = new Set(found.servers.map((s) => s.client))
    for (const client of ['claude-code', 'claude-desktop', 'vscode', 'windsurf', 'cline', 'zed', 'lm-studio', 'continue'] as const) expect(left.has(client), client).toBe(true)
    expect(byKey(found.servers)['cursor/project/browser']).toBeDefined()
  })

  it('reads the machine-wide files an administrator manages', async () => {
    const { ctx } = await machine(os)
    const system = SYSTEM_LAYOUT[os]
    await putModelled(ctx, system.geminiSystem, JSON.stringify({ mcpServers: { stripe: { httpUrl: 'https://corp.example.com/stripe' } } }))
    if (system.codexSystem) await putModelled(ctx, system.codexSystem, '[mcp_servers.docs]\ncommand = "corp-docs"\n\n[mcp_servers.corp]\ncommand = "corp-mcp"\n')
    const before = byKey((await discoverAll(ctx, {})).servers)
    expect(before['gemini-cli/managed/stripe']).toMatchObject({ configPath: system.geminiSystem, url: 'https://corp.example.com/stripe', effective: { state: 'active' }, location: { readOnly: expect.stringMatching(/administrator/) } })
    // the system settings win over the user's same-named server everywhere, not only in one project
    expect(before['gemini-cli/user/stripe']!.effective).toMatchObject({ state: 'shadowed', by: before['gemini-cli/managed/stripe']!.id })
    if (system.codexSystem) {
      expect(before['codex/managed/corp']).toMatchObject({ configPath: system.codexSystem, effective: { state: 'active' } })
      // Codex's system config ranks below the user's, which wins everywhere
      expect(before['codex/managed/docs']!.effective).toMatchObject({ state: 'shadowed', by: before['codex/user/docs']!.id })
    } else {
      expect(Object.keys(before).filter((k) => k.startsWith('codex/managed/'))).toEqual([])
    }

    // managed-mcp.json takes exclusive control of Claude Code
    await putModelled(ctx, system.claudeManaged, JSON.stringify({ mcpServers: { corp: { command: 'corp-mcp' } } }))
    const after = (await discoverAll(ctx, { clients: ['claude-code'] })).servers
    expect(after.filter((s) => s.effective?.state !== 'ignored').map((s) => [s.scope, s.name, s.configPath])).toEqual([['managed', 'corp', system.claudeManaged]])
  })
})

describe('the file-system touches of discovery, on modelled machines', () => {
  it('Windows: VS Code profiles, Gemini trusted folders, files no client reads and a missing build are all read under the root', async () => {
    const { ctx } = await machine('win32')
    const profile = 'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\profiles\\5a1b2c\\mcp.json'
    await putModelled(ctx, profile, JSON.stringify({ servers: { 'profile-only': { command: 'uvx', args: ['mcp-server-git'] } } }))
    const trusted = 'C:\\Users\\ann\\work\\app'
    await putModelled(ctx, 'C:\\Users\\ann\\.gemini\\settings.json', JSON.stringify({ security: { folderTrust: { enabled: true } } }))
    await putModelled(ctx, 'C:\\Users\\ann\\.gemini\\trustedFolders.json', JSON.stringify({ [trusted]: 'TRUST_FOLDER' }))
    await putModelled(ctx, `${trusted}\\.gemini\\settings.json`, JSON.stringify({ mcpServers: { team: { command: 'node', args: ['C:\\Users\\ann\\srv\\weather\\build\\index.js'] } } }))
    await putModelled(ctx, 'C:\\Users\\ann\\srv\\weather\\package.json', JSON.stringify({ name: 'weather', scripts: { build: 'tsc' } }))
    await putModelled(ctx, 'C:\\Users\\ann\\.claude\\mcp.json', JSON.stringify({ mcpServers: { lost: { command: 'x' } } }))
    const found = await discoverAll(ctx, {})
    const all = byKey(found.servers)

    expect(all['vscode/user/profile-only']).toMatchObject({ configPath: profile, effective: { state: 'active' } })
    expect(all['gemini-cli/project/team']).toMatchObject({ configPath: `${trusted}\\.gemini\\settings.json`, effective: { state: 'active' } })
    const missing = all['gemini-cli/project/team']!.findings.find((f) => f.code === 'file-not-found')!
    expect(missing.evidence).toMatchObject({ path: 'C:\\Users\\ann\\srv\\weather\\build\\index.js', packageDir: 'C:\\Users\\ann\\srv\\weather', script: 'build' })
    expect(found.findings.find((f) => f.code === 'config-unread-file')?.evidence?.path).toBe('C:\\Users\\ann\\.claude\\mcp.json')

    // the same workspace is ignored once it is no longer trusted
    await putModelled(ctx, 'C:\\Users\\ann\\.gemini\\trustedFolders.json', JSON.stringify({ 'D:\\elsewhere': 'TRUST_FOLDER' }))
    const untrusted = byKey((await discoverAll(ctx, { clients: ['gemini-cli'] })).servers)
    expect(untrusted['gemini-cli/project/team']!.effective!.state).toBe('ignored')
  })

  it('Windows: the older C:\\ProgramData location of managed-mcp.json is read too', async () => {
    const { ctx } = await machine('win32')
    await putModelled(ctx, 'C:\\ProgramData\\ClaudeCode\\managed-mcp.json', JSON.stringify({ mcpServers: { corp: { command: 'corp-mcp' } } }))
    const found = await discoverAll(ctx, { clients: ['claude-code'] })
    expect(byKey(found.servers)['claude-code/managed/corp']).toMatchObject({ configPath: 'C:\\ProgramData\\ClaudeCode\\managed-mcp.json', effective: { state: 'active' } })
  })

  it('macOS: Claude Desktop\'s PATH lists the nvm versions installed on that machine', async () => {
    const { ctx } = await machine('darwin')
    for (const v of ['v18.20.4', 'v22.11.0', 'v9.11.2']) await putModelled(ctx, `/Users/ann/.nvm/versions/node/${v}/bin/node`, '')
    const desktop = byKey((await discoverAll(ctx, { clients: ['claude-desktop'] })).servers)['claude-desktop/user/filesystem']!
    expect(desktop.launch.pathPrepend).toEqual([
      '/Users/ann/.nvm/versions/node/v18.20.4/bin',
      '/Users/ann/.nvm/versions/node/v22.11.0/bin',
      '/Users/ann/.nvm/versions/node/v9.11.2/bin',
      '/usr/local/bin',
      '/opt/homebrew/bin'
    ])
  })
})
