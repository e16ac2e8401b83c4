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
})
