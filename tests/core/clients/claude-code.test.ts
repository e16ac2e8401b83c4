import { chmod } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { claudeCode } from '../../../src/main/core/clients/claude-code'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('Claude Code discovery', () => {
  it('reads user, local and project scopes with their files and projects', async () => {
    const project = path.join(t.home, 'work', 'app')
    await t.write('.claude.json', {
      numStartups: 12,
      mcpServers: { github: { type: 'http', url: 'https://api.example.com/mcp?key=abc' } },
      projects: {
        [project]: { allowedTools: [], mcpServers: { db: { command: 'uvx', args: ['db-mcp'], env: { DB_URL: 'x' } } } },
        '/nowhere/else': { mcpServers: {} }
      }
    })
    await t.write('work/app/.mcp.json', { mcpServers: { files: { command: 'npx', args: ['-y', 'files-mcp'] } } })

    const found = await claudeCode.discover(t.context(), {})

    expect(found.findings).toEqual([])
    const byName = Object.fromEntries(found.servers.map((s) => [s.name, s]))
    expect(byName.github).toMatchObject({ scope: 'user', transport: 'http', url: 'https://api.example.com/mcp?key=abc' })
    expect(byName.db).toMatchObject({ scope: 'local', project, command: 'uvx', args: ['db-mcp'], env: { DB_URL: 'x' } })
    expect(byName.db!.launch.cwd).toBe(project)
    expect(byName.files).toMatchObject({ scope: 'project', project, configPath: path.join(project, '.mcp.json') })
    expect(found.projects).toContain(project)
    expect(found.configs.find((c) => c.scope === 'user')).toMatchObject({ exists: true, servers: 2 })
  })

  it('gives the same entry the same id on every run, and different entries different ids', async () => {
    await t.write('.claude.json', { mcpServers: { a: { command: 'x' }, b: { command: 'x' } } })
    const first = await claudeCode.discover(t.context(), {})
    const second = await claudeCode.discover(t.context(), {})
    expect(first.servers.map((s) => s.id)).toEqual(second.servers.map((s) => s.id))
    expect(new Set(first.servers.map((s) => s.id)).size).toBe(2)
  })

  it('reports a broken .mcp.json with line and column and still lists every other server', async () => {
    await t.write('.claude.json', { mcpServers: { ok: { command: 'node' } } })
    await t.write('proj/.mcp.json', '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}\n')
    const found = await claudeCode.discover(t.context(), { projects: [path.join(t.home, 'proj')] })
    expect(found.servers.map((s) => s.name)).toEqual(['ok'])
    const broken = found.configs.find((c) => c.scope === 'project')
    expect(broken?.error).toMatchObject({ line: 4, column: 3 })
    expect(found.findings[0]).toMatchObject({ code: 'config-invalid-json', step: 2, severity: 'error' })
  })

  it('flags the VS Code "servers" key in .mcp.json', async () => {
    await t.write('.mcp.json', { servers: { a: { command: 'x' } } })
    const found = await claudeCode.discover(t.context(), {})
    expect(found.findings.map((f) => f.code)).toEqual(['config-wrong-key'])
  })

  it('reports invalid entries with the JSON path of the bad field', async () => {
    await t.write('.claude.json', {
      mcpServers: { noCommand: { args: ['x'] }, badArgs: { command: 'x', args: 'x --y' }, badType: { type: 'websocket', url: 'ws://x' } }
    })
    const found = await claudeCode.discover(t.context(), {})
    const codes = (name: string) => found.servers.find((s) => s.name === name)!.findings.map((f) => f.evidence?.jsonPath)
    expect(codes('noCommand')).toEqual(['mcpServers.noCommand.command'])
    expect(codes('badArgs')).toEqual(['mcpServers.badArgs.args'])
    expect(codes('badType')).toEqual(['mcpServers.badType.type'])
  })

  it('treats a missing ~/.claude.json as no servers, not as an error', async () => {
    const found = await claudeCode.discover(t.context(), {})
    expect(found.servers).toEqual([])
    expect(found.findings).toEqual([])
    expect(found.configs[0]).toMatchObject({ exists: false })
  })

  it('reports an unreadable file without failing', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything: simulate an unreadable file with a folder in its place
      await t.write('.claude.json/placeholder', 'x')
    } else {
      const file = await t.write('.claude.json', '{}')
      await chmod(file, 0o000)
    }
    const found = await claudeCode.discover(t.context(), {})
    expect(found.findings[0]?.code).toBe('config-unreadable')
  })

  it('honours CLAUDE_CONFIG_DIR', async () => {
    await t.write('alt/.claude.json', { mcpServers: { moved: { command: 'x' } } })
    const ctx = t.context()
    const found = await claudeCode.discover({ ...ctx, env: { ...ctx.env, CLAUDE_CONFIG_DIR: path.join(t.home, 'alt') } }, {})
    expect(found.servers.map((s) => s.name)).toEqual(['moved'])
  })

  it('uses MCP_TIMEOUT as the startup timeout', async () => {
    await t.write('.claude.json', { mcpServers: { a: { command: 'x' } } })
    const ctx = t.context()
    const found = await claudeCode.discover({ ...ctx, env: { ...ctx.env, MCP_TIMEOUT: '45000' } }, {})
    expect(found.servers[0]!.launch.timeoutMs).toBe(45000)
  })
})

describe('Claude Code project approval, as `claude mcp list` 2.1.197 decides it', () => {
  const mcp = { mcpServers: { p1: { command: 'true' }, p2: { command: 'true' } } }
  async function states(files: Record<string, unknown>): Promise<Record<string, string>> {
    const project = path.join(t.home, 'proj')
    for (const [rel, value] of Object.entries(files)) {
      await t.write(rel, JSON.parse(JSON.stringify(value).replaceAll('PROJ', project)))
    }
    await t.write('proj/.mcp.json', mcp)
    const found = await claudeCode.discover(t.context({ cwd: project }), {})
    return Object.fromEntries(found.servers.filter((s) => s.scope === 'project').map((s) => [s.name, s.effective!.state === 'unapproved' ? (s.effective!.reason.startsWith('Rejected') ? 'rejected' : 'pending') : s.effective!.state]))
  }

  it('approves from user settings and rejects from any disabledMcpjsonServers', async () => {
    expect(await states({ '.claude/settings.json': { enabledMcpjsonServers: ['p1'], disabledMcpjsonServers: ['p2'] } })).toEqual({ p1: 'active', p2: 'rejected' })
  })

  it('counts project-local approvals only in a trusted folder', async () => {
    expect(await states({ 'proj/.claude/settings.local.json': { enabledMcpjsonServers: ['p1'] } })).toEqual({ p1: 'pending', p2: 'pending' })
  })

  it('counts them once the folder is trusted', async () => {
    expect(await states({ '.claude.json': { projects: { PROJ: { hasTrustDialogAccepted: true } } }, 'proj/.claude/settings.local.json': { enabledMcpjsonServers: ['p1'] } })).toEqual({
      p1: 'active',
      p2: 'pending'
    })
  })

  it('reads the legacy lists in ~/.claude.json: a rejection always, an approval only when trusted', async () => {
    expect(await states({ '.claude.json': { projects: { PROJ: { enabledMcpjsonServers: ['p1'], disabledMcpjsonServers: ['p2'] } } } })).toEqual({ p1: 'pending', p2: 'rejected' })
  })

  it('enableAllProjectMcpServers in the project settings counts only when trusted', async () => {
    expect(await states({ 'proj/.claude/settings.json': { enableAllProjectMcpServers: true } })).toEqual({ p1: 'pending', p2: 'pending' })
    expect(await states({ '.claude.json': { projects: { PROJ: { hasTrustDialogAccepted: true } } }, 'proj/.claude/settings.json': { enableAllProjectMcpServers: true } })).toEqual({
      p1: 'active',
      p2: 'active'
    })
  })
})

describe('Claude Code scopes and policy', () => {
  it('local beats project beats user for the same name, in that project only', async () => {
    const project = path.join(t.home, 'p')
    await t.write('.claude.json', { mcpServers: { dup: { command: 'u' } }, projects: { [project]: { hasTrustDialogAccepted: true, mcpServers: { dup: { command: 'l' } } } } })
    await t.write('.claude/settings.json', { enableAllProjectMcpServers: true })
    await t.write('p/.mcp.json', { mcpServers: { dup: { command: 'p' } } })
    const found = await claudeCode.discover(t.context({ cwd: project }), {})
    const by = Object.fromEntries(found.servers.map((s) => [s.scope, s]))
    expect(by.local!.effective!.state).toBe('active')
    expect(by.project!.effective).toMatchObject({ state: 'shadowed', by: by.local!.id })
    expect(by.project!.findings.map((f) => f.code)).toContain('server-shadowed')
    expect(by.user!.effective).toMatchObject({ state: 'active', shadowedIn: [{ project, by: by.local!.id }] })
  })

  it('managed-mcp.json takes exclusive control, and is read only', async () => {
    await t.write('.claude.json', { mcpServers: { mine: { command: 'x' } } })
    await t.write('sys/etc/claude-code/managed-mcp.json', { mcpServers: { corp: { command: 'corp-mcp' } } })
    const ctx = t.context()
    const found = await claudeCode.discover({ ...ctx, env: { ...ctx.env, MCP_MEDIC_SYSTEM_ROOT: path.join(t.home, 'sys') } }, {})
    const by = Object.fromEntries(found.servers.map((s) => [s.name, s]))
    expect(by.corp).toMatchObject({ scope: 'managed', effective: { state: 'active' } })
    expect(by.mine!.effective!.state).toBe('ignored')
    expect(found.configs.find((c) => c.scope === 'managed')).toMatchObject({ readOnly: 'managed by your administrator' })
  })

  it('deniedMcpServers in managed settings keeps a server out', async () => {
    await t.write('.claude.json', { mcpServers: { bad: { command: 'x' }, good: { command: 'y' } } })
    await t.write('sys/etc/claude-code/managed-settings.json', { deniedMcpServers: [{ serverName: 'bad' }] })
    const ctx = t.context()
    const found = await claudeCode.discover({ ...ctx, env: { ...ctx.env, MCP_MEDIC_SYSTEM_ROOT: path.join(t.home, 'sys') } }, {})
    expect(Object.fromEntries(found.servers.map((s) => [s.name, s.effective!.state]))).toEqual({ bad: 'ignored', good: 'active' })
  })
})

describe('Claude Code servers turned off per project', () => {
  it('a local or project server is disabled; a user server gets a note for the projects that turn it off', async () => {
    const project = path.join(t.home, 'p')
    await t.write('.claude.json', { mcpServers: { u: { command: 'x' } }, projects: { [project]: { disabledMcpServers: ['u', 'l'], mcpServers: { l: { command: 'y' } } } } })
    const found = await claudeCode.discover(t.context({ cwd: project }), {})
    const by = Object.fromEntries(found.servers.map((s) => [s.name, s]))
    expect(by.l!.effective!.state).toBe('disabled')
    expect(by.u!.effective!.state).toBe('active')
    expect(by.u!.findings).toMatchObject([{ code: 'server-disabled', severity: 'info', evidence: { projects: [project] } }])
  })
})
