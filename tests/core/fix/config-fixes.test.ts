import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'
import { startRemote, type RemoteFixture } from '../../helpers/remote'
import { engine, primary, server, userContext } from './helpers'
import { roundTrip } from './round-trip'

/**
 * Fixes that change how a client reads an entry or a file: the transport, a field in another
 * client's spelling, a header with a token, the top-level key, the on switch, Claude Code's
 * approval of a project server. Each is previewed, applied, re-probed and undone.
 */

let streamable: RemoteFixture
let locked: RemoteFixture
const TOKEN = 'header-token-77c1a0e9d3'
beforeAll(async () => {
  ;[streamable, locked] = await Promise.all([startRemote(), startRemote(['--auth', TOKEN])])
})
afterAll(async () => {
  await Promise.all([streamable.stop(), locked.stop()])
})

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('remote entries', () => {
  it('switches to the transport that answered, renames a field in another client\'s spelling, and sends a typed token', async () => {
    const claude = await t.write('.claude.json', { mcpServers: { wrong: { type: 'sse', url: `${streamable.origin}/mcp` }, locked: { type: 'http', url: `${locked.origin}/mcp` } } })
    const cursor = await t.write('.cursor/mcp.json', { mcpServers: { copied: { serverUrl: `${streamable.origin}/mcp` } } })
    const e = engine(t)
    const report = await e.call('diagnose:run', { clients: ['claude-code', 'cursor'] })

    const wrong = server(report, 'wrong')
    const switchIt = primary(wrong, 'transport-mismatch')
    expect(switchIt).toMatchObject({ edit: { op: { op: 'set-transport', transport: 'http' } } })
    const transport = await roundTrip(e, { serverId: wrong.id, actionId: switchIt.id }, claude, (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 3 })
    })
    expect(transport.preview.diff).toContain('-      "type": "sse",\n+      "type": "http",')
    expect(transport.undone.after.codes).toContain('transport-mismatch')

    const copied = server(report, 'copied')
    const rename = copied.findings.flatMap((f) => (f.fix?.action ? [f.fix.action] : [])).find((a) => a.id.startsWith('config-invalid-entry:rename-field'))!
    expect(rename).toMatchObject({ label: 'Rename "serverUrl" to "url"', edit: { op: { op: 'rename-field', from: 'serverUrl', to: 'url' } } })
    const renamed = await roundTrip(e, { serverId: copied.id, actionId: rename.id }, cursor, (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 3 })
    })
    // the renamed field keeps its place and its value
    expect(renamed.preview.diff).toContain(`-      "serverUrl": "${streamable.origin}/mcp"\n+      "url": "${streamable.origin}/mcp"`)

    const lockedServer = server(report, 'locked')
    const header = primary(lockedServer, 'auth-required')
    expect(header).toMatchObject({ value: { from: 'input', secret: true, placeholder: 'Bearer …' }, edit: { op: { op: 'set-header', key: 'Authorization' } } })
    await roundTrip(e, { serverId: lockedServer.id, actionId: header.id, input: `Bearer ${TOKEN}` }, claude, async (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 3 })
      expect(await readFile(claude, 'utf8')).toContain(`"Authorization": "Bearer ${TOKEN}"`)
    })
    expect(e.transcript.join('\n')).not.toContain(TOKEN)
  })
})

describe('files and switches', () => {
  it("renames VS Code's top-level key: the servers under it come into view and connect; undo takes them away again", async () => {
    const file = await t.write('.config/Code/User/mcp.json', `{\n  // my servers\n  "mcpServers": {\n    "a": ${JSON.stringify(nodeServer('healthy.mjs'))}\n  }\n}\n`)
    const e = engine(t, () => userContext(t, { platform: 'linux' }))
    const report = await e.call('diagnose:run', { clients: ['vscode'] })
    const wrong = report.findings.find((f) => f.code === 'config-wrong-key')!
    expect(wrong.fix?.action).toMatchObject({ kind: 'edit', edit: { configPath: file, op: { op: 'rename-key', from: 'mcpServers', to: 'servers' } } })
    expect(report.servers).toHaveLength(0)
    const { preview, applied, undone } = await roundTrip(e, { serverId: file, actionId: wrong.fix!.action!.id }, file, (outcome) => {
      expect(outcome.before).toMatchObject({ status: 'error', codes: ['config-wrong-key'] })
      expect(outcome.after).toMatchObject({ status: 'ok', tools: 2 })
      expect(outcome.servers?.map((s) => s.name)).toEqual(['a'])
    })
    expect(preview.diff).toContain('-  "mcpServers": {\n+  "servers": {')
    expect(applied.server.name).toBe('a')
    expect(undone).toMatchObject({ gone: true, after: { status: 'skipped', line: 'No longer configured' } })
    // the file's finding (with its fix) is back in the session's report
    const again = await e.call('fix:preview', { serverId: file, actionId: wrong.fix!.action!.id })
    expect(again.diff).toContain('+  "servers": {')
  })

  it('turns a Windsurf server on', async () => {
    const file = await t.write('.codeium/windsurf/mcp_config.json', { mcpServers: { off: nodeServer('healthy.mjs', { disabled: true }) } })
    const e = engine(t)
    const report = await e.call('diagnose:run', { clients: ['windsurf'] })
    const off = server(report, 'off')
    expect(off.status).toBe('skipped')
    const enable = primary(off, 'server-disabled')
    expect(enable).toMatchObject({ edit: { op: { op: 'enable' } } })
    const { undone } = await roundTrip(e, { serverId: off.id, actionId: enable.id }, file, (applied) => {
      expect(applied.before.status).toBe('skipped')
      expect(applied.after).toMatchObject({ status: 'ok', tools: 2 })
    })
    expect(undone.after).toMatchObject({ status: 'skipped', codes: ['server-disabled'] })
  })

  it('turns a Claude Code user-scope server back on in the project it was turned off in', async () => {
    const dir = path.join(t.home, 'work', 'app')
    await t.write('work/app/README.md', '# app\n')
    const file = await t.write('.claude.json', { mcpServers: { shared: nodeServer('healthy.mjs') }, projects: { [dir]: { disabledMcpServers: ['shared', 'other'] } } })
    const e = engine(t, () => userContext(t, { cwd: dir }))
    const shared = server(await e.call('diagnose:run', { clients: ['claude-code'] }), 'shared')
    const enable = primary(shared, 'server-disabled')
    expect(enable).toMatchObject({ label: `Turn "shared" on in ${dir}`, edit: { op: { op: 'enable', project: dir } } })
    await roundTrip(e, { serverId: shared.id, actionId: enable.id }, file, async (applied) => {
      expect(applied.before.codes).toEqual(['server-disabled'])
      expect(applied.after).toMatchObject({ status: 'ok', codes: [] })
      expect(JSON.parse(await readFile(file, 'utf8')).projects[dir].disabledMcpServers).toEqual(['other'])
    })
  })

  it('offers no switch where the client keeps none in its file (Cursor)', async () => {
    await t.write('.cursor/mcp.json', { mcpServers: { off: nodeServer('healthy.mjs', { disabled: true }) } })
    const e = engine(t)
    const report = await e.call('diagnose:run', { clients: ['cursor'], probe: false })
    for (const f of server(report, 'off').findings) expect(f.fix?.action?.kind === 'edit' && f.fix.action.edit.op.op === 'enable').toBe(false)
  })
})

describe("Claude Code's approval of project servers (where claude 2.1.197 reads it)", () => {
  async function project(settings: { trusted?: boolean; localRejects?: boolean } = {}) {
    const dir = path.join(t.home, 'work', 'app')
    await t.write('work/app/.mcp.json', { mcpServers: { team: nodeServer('healthy.mjs') } })
    await t.write('.claude.json', { projects: { [dir]: { hasTrustDialogAccepted: settings.trusted === true } } })
    if (settings.localRejects) await t.write('work/app/.claude/settings.local.json', `{\n  "disabledMcpjsonServers": ["team"]\n}\n`)
    const e = engine(t, () => userContext(t, { cwd: dir }))
    const report = await e.call('diagnose:run', { clients: ['claude-code'] })
    const team = server(report, 'team')
    expect(team.status).toBe('warning')
    return { e, dir, team, approve: primary(team, 'project-server-unapproved') }
  }

  it('in a folder that is not trusted: approves it in ~/.claude/settings.json, a new file that undo removes again', async () => {
    const { e, team, approve } = await project()
    expect(approve).toMatchObject({ edit: { op: { op: 'approve' } } })
    const settings = path.join(t.home, '.claude', 'settings.json')
    const { preview } = await roundTrip(e, { serverId: team.id, actionId: approve.id }, settings, async (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 2 })
      expect(JSON.parse(await readFile(settings, 'utf8'))).toEqual({ enabledMcpjsonServers: ['team'] })
    })
    expect(preview.summary).toMatch(/is not a trusted folder/)
    expect(preview.configPath).toBe(settings)
  })

  it('in a trusted folder: lifts a rejection and approves it in the project\'s settings.local.json, as Claude Code\'s dialog does', async () => {
    const { e, dir, team, approve } = await project({ trusted: true, localRejects: true })
    expect(team.findings[0]!.detail).toMatch(/Rejected/)
    const local = path.join(dir, '.claude', 'settings.local.json')
    await roundTrip(e, { serverId: team.id, actionId: approve.id }, local, async (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 2 })
      expect(await readFile(local, 'utf8')).toBe(`{\n  "disabledMcpjsonServers": [],\n  "enabledMcpjsonServers": ["team"]\n}\n`)
    })
  })
})
