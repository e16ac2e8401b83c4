import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/contract'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers, type Handlers } from '../../../src/main/core/api/handlers'

const noEmit = { emit: () => {} }

describe('dispatch', () => {
  const real = createHandlers()

  it('refuses unknown channels and invalid payloads as data', async () => {
    expect(await dispatch(real, 'fs:delete', {}, noEmit)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await dispatch(real, 'diagnose:run', { timeoutMs: 'soon' }, noEmit)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('timeoutMs') }
    })
    expect(await dispatch(real, 'diagnose:run', { command: 'rm -rf /' }, noEmit)).toMatchObject({ ok: false })
  })

  it('passes expected failures through with their code and turns crashes into internal errors', async () => {
    const handlers = {
      ...real,
      'diagnose:server': async () => {
        throw new AppError('not-found', 'gone')
      },
      'app:info': async () => {
        throw new TypeError('boom')
      }
    } as Handlers
    expect(await dispatch(handlers, 'diagnose:server', { id: 'x' }, noEmit)).toEqual({ ok: false, error: { code: 'not-found', message: 'gone' } })
    const logged: string[] = []
    const crash = await dispatch(handlers, 'app:info', {}, noEmit, (m) => logged.push(m))
    expect(crash).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(logged[0]).toContain('boom')
  })

  it('answers a valid call', async () => {
    const result = await dispatch(real, 'app:info', {}, noEmit)
    expect(result).toMatchObject({ ok: true, value: { name: 'mcp-medic' } })
  })
})
