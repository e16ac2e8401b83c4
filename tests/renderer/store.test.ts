import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../src/renderer/src/store'
import { FakeApi, makeReport, makeServer } from './fake-api'

const broken = makeServer('broken', {
  status: 'error',
  findings: [{ code: 'process-exited', step: 4, severity: 'error', title: 'The server exited with code 1', detail: 'd' }]
})

describe('app store', () => {
  it('runs a diagnosis, keeps the report and selects the first failing server', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: true, value: makeReport([makeServer('healthy'), broken]) }
    const store = createAppStore(fake.api())
    await store.getState().run()
    const state = store.getState()
    expect(state.status).toBe('done')
    expect(state.servers.map((v) => [v.server.name, v.phase])).toEqual([
      ['healthy', 'done'],
      ['broken', 'done']
    ])
    expect(state.selectedId).toBe(broken.id)
    expect(state.info?.version).toBe('9.9.9')
  })

  it('shows servers as they are discovered and as each verdict comes in', async () => {
    const fake = new FakeApi()
    fake.holdRun = true
    fake.runResult = { ok: true, value: makeReport([makeServer('a'), makeServer('b')]) }
    const store = createAppStore(fake.api())
    const running = store.getState().run()
    await Promise.resolve()
    await Promise.resolve()
    const runId = store.getState().runId!
    fake.emit('diagnose:progress', { runId: 'someone-else', phase: 'discovered', servers: [makeServer('zzz')] })
    expect(store.getState().servers).toEqual([])
    fake.emit('diagnose:progress', { runId, phase: 'discovered', servers: [makeServer('a', { status: 'skipped' }), makeServer('b', { status: 'skipped' })] })
    expect(store.getState().servers.map((v) => v.phase)).toEqual(['pending', 'pending'])
    fake.emit('diagnose:progress', { runId, phase: 'probing', id: makeServer('a').id })
    fake.emit('diagnose:progress', { runId, phase: 'server-done', server: makeServer('b') })
    expect(store.getState().servers.map((v) => v.phase)).toEqual(['probing', 'done'])
    expect(store.getState().status).toBe('running')
    fake.finishRun()
    await running
    expect(store.getState().status).toBe('done')
  })

  it('keeps a failed call as an error message, not an exception', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: false, error: { code: 'unavailable', message: 'engine gone' } }
    const store = createAppStore(fake.api())
    await store.getState().run()
    expect(store.getState()).toMatchObject({ status: 'failed', error: 'engine gone' })
  })

  it('re-tests one server by id and replaces its verdict', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: true, value: makeReport([broken]) }
    const store = createAppStore(fake.api())
    await store.getState().run()
    fake.serverResult = { ok: true, value: makeServer('broken') }
    await store.getState().retest(broken.id)
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'diagnose:server', request: { id: broken.id } })
    expect(store.getState().servers[0]!.server.status).toBe('ok')
    expect(store.getState().retesting).toEqual({})
  })

  it('stops listening when disposed', () => {
    const fake = new FakeApi()
    const store = createAppStore(fake.api())
    expect(fake.listeners.get('diagnose:progress')?.size).toBe(1)
    store.getState().dispose()
    expect(fake.listeners.get('diagnose:progress')?.size).toBe(0)
  })

  it('follows a renamed server: the new report takes the old one\'s place and the selection', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: true, value: makeReport([makeServer('a'), broken, makeServer('c')]) }
    const store = createAppStore(fake.api())
    await store.getState().run()
    store.getState().select(broken.id)
    const renamed = makeServer('broken-2', { id: 'claude-code:user:broken-2:0' })
    store.getState().putServer(renamed, broken.id)
    expect(store.getState().servers.map((v) => v.server.name)).toEqual(['a', 'broken-2', 'c'])
    expect(store.getState().selectedId).toBe(renamed.id)
  })

  it('asks for a restart after an edit until the user says the client picked it up', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: true, value: makeReport([broken]) }
    fake.answer('config:edit', () => ({ ok: true, value: { configPath: '/home/u/.claude.json', backupId: 'b1', hashBefore: 'h1', hashAfter: 'h2', serverId: broken.id, summary: 'Set env X.' } }))
    fake.serverResult = { ok: true, value: makeServer('broken') }
    const store = createAppStore(fake.api())
    await store.getState().run()
    const result = await store.getState().editServer({ serverId: broken.id, op: { op: 'set-env', key: 'X', value: 'v' } })
    expect(result).toMatchObject({ ok: true, change: { backupId: 'b1', before: { status: 'error' }, after: { status: 'ok', tools: 4 } } })
    expect(store.getState().edited).toEqual({ [broken.id]: true })
    store.getState().pickedUp(broken.id)
    expect(store.getState().edited).toEqual({})
  })

  it('opens a server at its first problem, and goes home when it is gone', async () => {
    const fake = new FakeApi()
    fake.runResult = { ok: true, value: makeReport([makeServer('healthy'), broken]) }
    const store = createAppStore(fake.api())
    await store.getState().run()
    expect(store.getState().view).toBe('home')
    store.getState().select(broken.id)
    expect(store.getState()).toMatchObject({ view: 'server', step: 4 })
    store.getState().select(makeServer('healthy').id)
    expect(store.getState()).toMatchObject({ view: 'server', step: 1 })
    store.getState().select('nope')
    expect(store.getState().view).toBe('home')
  })
})

