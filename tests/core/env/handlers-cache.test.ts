import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('the app and the browser face read the login shell once per run', () => {
  it('re-tests reuse the last run’s read; an explicit re-run reads it again', async () => {
    const counter = path.join(t.home, 'shell-starts.log')
    await t.write('.bash_profile', `echo started >> '${counter}'\n`)
    await t.write('.claude.json', { mcpServers: { a: nodeServer('healthy.mjs') } })
    const ctx = t.context({ env: { PATH: process.env.PATH, HOME: t.home, USER: 'tester', SHELL: '/bin/bash' } })
    const handlers = createHandlers({ context: () => ctx })
    const call = { emit: () => {} }
    const starts = async (): Promise<number> => (await readFile(counter, 'utf8')).split('\n').filter(Boolean).length

    const report = await handlers['diagnose:run']({ probe: false }, call)
    expect(report.system.loginShell.ok).toBe(true)
    expect(await starts()).toBe(1)

    const id = report.servers[0]!.id
    await handlers['diagnose:server']({ id }, call)
    await handlers['diagnose:server']({ id }, call)
    expect(await starts()).toBe(1)

    await handlers['diagnose:run']({ probe: false }, call)
    expect(await starts()).toBe(2)
  })
})
