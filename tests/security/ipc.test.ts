import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/shared/contract'
import { dispatch } from '../../src/main/core/api/dispatch'
import { createHandlers } from '../../src/main/core/api/handlers'
import { makeHome, nodeServer } from '../helpers/home'

const noEmit = { emit: () => {} }

/** Payloads no channel accepts: wrong types, prototype tricks, oversized and absurdly deep values. */
function hostilePayloads(): unknown[] {
  let deep: unknown = {}
  for (let i = 0; i < 5000; i++) deep = { a: deep }
  return [
    'diagnose',
    42,
    true,
    [],
    [{}],
    JSON.parse('{"__proto__": {"polluted": true}, "id": 1}'),
    { constructor: { prototype: { polluted: true } } },
    { id: 'x'.repeat(100_000) },
    { id: 7, backupId: ['a'] },
    deep
  ]
}

describe('IPC payloads', () => {
  it('refuses unknown channels, prototype names included, as data', async () => {
    const handlers = createHandlers()
    for (const channel of ['fs:delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app:info ', 'APP:INFO', 42, null, undefined, { channel: 'app:info' }]) {
      const result = await dispatch(handlers, channel, {}, noEmit)
      expect(result, String(channel)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
  })

  it('never runs a handler on a malformed payload, on any channel', async () => {
    const t = await makeHome()
    const handlers = createHandlers({ context: () => t.context(), dataDir: `${t.home}/data` })
    try {
      for (const channel of CHANNELS) {
        for (const payload of hostilePayloads()) {
          const result = await dispatch(handlers, channel, payload, noEmit)
          // malformed is refused before any handler runs (no handler is "not built yet" or crashes)
          expect(result, `${channel} ${typeof payload} ${String(payload).slice(0, 40)}`).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    } finally {
      await t.cleanup()
    }
  })

  it('refuses unknown server and backup ids with not-found, and touches no file', async () => {
    const t = await makeHome()
    const file = await t.write('.claude.json', { mcpServers: { real: nodeServer('healthy.mjs') } })
    const handlers = createHandlers({ context: () => t.context(), dataDir: `${t.home}/data` })
    try {
      const before = await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))
      const server = await dispatch(handlers, 'diagnose:server', { id: 'claude-code:user:/etc/passwd:forged' }, noEmit)
      expect(server).toMatchObject({ ok: false, error: { code: 'not-found' } })
      const edit = await dispatch(handlers, 'config:edit', { serverId: 'claude-code:user:forged', op: { kind: 'set-command', command: '/bin/sh' } }, noEmit)
      expect(edit.ok).toBe(false)
      expect(['not-found', 'invalid-request']).toContain((edit as { error: { code: string } }).error.code)
      const undo = await dispatch(handlers, 'config:undo', { backupId: 'no-such-backup' }, noEmit)
      expect(undo).toMatchObject({ ok: false, error: { code: 'not-found' } })
      // a path trick never becomes a backup id
      expect(await dispatch(handlers, 'config:undo', { backupId: '../../etc/passwd' }, noEmit)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
      expect(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8'))).toBe(before)
    } finally {
      await t.cleanup()
    }
  }, 60_000)
})
