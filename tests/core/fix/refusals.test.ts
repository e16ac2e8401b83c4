import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { Session } from '../../../src/main/core/api/session'
import type { Report } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'
import { actions, engine, primary, server, userContext } from './helpers'

/** What the fix channels refuse, and that a refusal writes nothing. */

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('fix channels refuse', () => {
  it('before any diagnosis, an unknown server, an unknown action, and input where none is allowed', async () => {
    const file = await t.write('.claude.json', { mcpServers: { py: { command: 'python x.py' } } })
    const e = engine(t)
    expect(await e.refuse('fix:preview', { serverId: 'claude-code:user:py:0', actionId: 'x' })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/run the diagnosis first/) })
    const report = await e.call('diagnose:run', { clients: ['claude-code'], probe: false })
    const py = server(report, 'py')
    expect(await e.refuse('fix:apply', { serverId: 'claude-code:user:nope:0123456789', actionId: 'x' })).toMatchObject({ code: 'not-found' })
    const unknown = await e.refuse('fix:apply', { serverId: py.id, actionId: 'rm-rf' })
    expect(unknown.code).toBe('not-found')
    for (const a of actions(py)) expect(unknown.message).toContain(a.id)
    const setCommand = primary(py, 'command-contains-args')
    expect(await e.refuse('fix:apply', { serverId: py.id, actionId: setCommand.id, input: 'rm -rf ~' })).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/takes no typed value/) })
    // a page to open or a command to copy is the app's to carry out
    const copy = actions(py).find((a) => a.kind === 'copy')
    if (copy) expect(await e.refuse('fix:apply', { serverId: py.id, actionId: copy.id })).toMatchObject({ code: 'invalid-request' })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { py: { command: 'python x.py' } } })
    // a malformed request never reaches the engine
    expect(await e.refuse('fix:apply', { serverId: py.id, actionId: setCommand.id, extra: 1 } as never)).toMatchObject({ code: 'invalid-request' })
  })

  it('a file changed on disk since the preview: nothing is written, the other change stays', async () => {
    const file = await t.write('.claude.json', { mcpServers: { py: { command: 'python x.py' } } })
    const e = engine(t)
    const py = server(await e.call('diagnose:run', { clients: ['claude-code'], probe: false }), 'py')
    const action = primary(py, 'command-contains-args')
    const preview = await e.call('fix:preview', { serverId: py.id, actionId: action.id })
    const theirs = '{ "mcpServers": { "py": { "command": "python y.py" } } }\n'
    await writeFile(file, theirs)
    expect(await e.refuse('fix:apply', { serverId: py.id, actionId: action.id, expectedHash: preview.expectedHash })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed on disk/) })
    expect(await readFile(file, 'utf8')).toBe(theirs)
  })

  it('an undo once the file changed after the fix', async () => {
    const file = await t.write('.claude.json', { mcpServers: { py: { command: 'python x.py' } } })
    const e = engine(t)
    const py = server(await e.call('diagnose:run', { clients: ['claude-code'], probe: false }), 'py')
    const applied = await e.call('fix:apply', { serverId: py.id, actionId: primary(py, 'command-contains-args').id })
    const later = (await readFile(file, 'utf8')).replace('x.py', 'z.py')
    await writeFile(file, later)
    expect(await e.refuse('fix:undo', { backupId: applied.backupId!, serverId: applied.serverId })).toMatchObject({ code: 'conflict' })
    expect(await readFile(file, 'utf8')).toBe(later)
  })

  it('a value source whose value is gone: the login shell no longer sets it, the other entry no longer has it', async () => {
    await t.write('.bash_profile', 'export SHELL_ONLY_KEY=from-the-shell-1234\n')
    const file = await t.write('.claude.json', { mcpServers: { a: nodeServer('healthy.mjs', { env: { SHELL_ONLY_KEY: 'your_key_here', PEER_KEY: '<PEER_KEY>' } }) } })
    await t.write('.cursor/mcp.json', { mcpServers: { a: nodeServer('healthy.mjs', { env: { PEER_KEY: 'from-the-peer-5678' } }) } })
    const e = engine(t)
    const a = server(await e.call('diagnose:run', { clients: ['claude-code', 'cursor'], probe: false }), 'a')
    const fromShell = actions(a).find((x) => x.kind === 'edit' && x.value?.from === 'login-shell')!
    const fromPeer = actions(a).find((x) => x.kind === 'edit' && x.value?.from === 'server')!
    expect(fromShell).toBeDefined()
    expect(fromPeer).toBeDefined()
    const before = await readFile(file)
    await t.write('.bash_profile', '# key removed\n')
    expect(await e.refuse('fix:apply', { serverId: a.id, actionId: fromShell.id })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/SHELL_ONLY_KEY is no longer set in your login shell/) })
    await t.write('.cursor/mcp.json', { mcpServers: { a: nodeServer('healthy.mjs') } })
    expect(await e.refuse('fix:apply', { serverId: a.id, actionId: fromPeer.id })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no longer sets PEER_KEY/) })
    expect(await readFile(file)).toEqual(before)
  })

  it('a read-only managed file: no edit is offered, and one forged into the session is refused', async () => {
    const root = path.join(t.home, 'system')
    const managed = await t.write('system/etc/claude-code/managed-mcp.json', { mcpServers: { corp: { command: 'python corp.py' } } })
    const session = new Session()
    const context = () => userContext(t, { env: { PATH: '/usr/bin:/bin', HOME: t.home, USER: 'tester', SHELL: '/bin/sh', MCP_MEDIC_SYSTEM_ROOT: root } })
    const handlers = createHandlers({ context, session, dataDir: path.join(t.home, 'medic-data') })
    const run = await dispatch(handlers, 'diagnose:run', { clients: ['claude-code'], probe: false }, { emit: () => {} })
    if (!run.ok) throw new Error(run.error.message)
    const corp = server(run.value as Report, 'corp')
    expect(corp.scope).toBe('managed')
    expect(corp.findings.map((f) => f.code)).toContain('command-contains-args')
    expect(actions(corp).filter((a) => a.kind === 'edit')).toEqual([])
    // even an edit recorded for it (as if the engine had offered one) is refused by the edit service
    const forged = { id: 'forged', label: 'x', kind: 'edit' as const, edit: { serverId: corp.id, op: { op: 'split-command' as const } } }
    session.recordServer({ ...corp, findings: [{ ...corp.findings[0]!, fix: { summary: 'x', action: forged } }] })
    const refused = await dispatch(handlers, 'fix:apply', { serverId: corp.id, actionId: 'forged' }, { emit: () => {} })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/read-only/) } })
    const save = await dispatch(handlers, 'config:save', { serverId: corp.id, text: '{ "command": "python3" }', expectedHash: 'x' }, { emit: () => {} })
    expect(save).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(JSON.parse(await readFile(managed, 'utf8'))).toEqual({ mcpServers: { corp: { command: 'python corp.py' } } })
  })
})
