import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

const call = { emit: () => {} }

describe('config channels through the contract', () => {
  it('edits a discovered server by id, lists the edit, and undoes it', async () => {
    const file = await t.write('.cursor/mcp.json', '{\n  "mcpServers": {\n    "a": { "command": "npx", "args": ["-y", "a"] }\n  }\n}\n')
    const handlers = createHandlers({ context: () => t.context(), dataDir: path.join(t.home, 'data') })
    const report = await dispatch(handlers, 'diagnose:run', { probe: false, clients: ['cursor'] }, call)
    if (!report.ok) throw new Error(report.error.message)
    const value = report.value as { servers: { id: string }[]; configs: { path: string; hash?: string }[] }
    const id = value.servers[0]!.id
    const hash = value.configs.find((c) => c.path === file)!.hash
    const edit = await dispatch(handlers, 'config:edit', { serverId: id, expectedHash: hash, op: { op: 'set-env', key: 'TOKEN', value: 'abc' } }, call)
    expect(edit).toMatchObject({ ok: true, value: { configPath: file, serverId: id } })
    expect(await readFile(file, 'utf8')).toContain('"env": { "TOKEN": "abc" }')
    const history = await dispatch(handlers, 'config:history', {}, call)
    expect(history).toMatchObject({ ok: true, value: [{ path: file }] })
    expect(JSON.stringify(history)).not.toContain('abc')
    const backupId = (edit as { value: { backupId: string } }).value.backupId
    expect(await dispatch(handlers, 'config:undo', { backupId }, call)).toMatchObject({ ok: true })
    expect(await readFile(file, 'utf8')).not.toContain('TOKEN')
    // the same hash again is now stale
    const stale = await dispatch(handlers, 'config:edit', { serverId: id, expectedHash: 'f'.repeat(64), op: { op: 'remove-server' } }, call)
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('rejects requests that name no target, two targets, an unknown file or a malformed op', async () => {
    const handlers = createHandlers({ context: () => t.context(), dataDir: path.join(t.home, 'data') })
    const bad = [
      { op: { op: 'remove-server' } },
      { serverId: 'a', configPath: '/x', op: { op: 'remove-server' } },
      { serverId: 'a', op: { op: 'set-env', key: 'A=B', value: 'x' } },
      { serverId: 'a', op: { op: 'rm -rf' } },
      { serverId: 'a', op: { op: 'remove-server', extra: true } }
    ]
    for (const request of bad) expect(await dispatch(handlers, 'config:edit', request, call), JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await dispatch(handlers, 'config:edit', { configPath: '/etc/hosts', op: { op: 'add-server', name: 'x', entry: { command: 'x' } } }, call)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(handlers, 'config:undo', { backupId: '../../etc/passwd' }, call)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await dispatch(handlers, 'config:undo', { backupId: 'nope' }, call)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
