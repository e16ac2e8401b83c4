import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLoginShell } from '../../../src/main/core/env/login-shell'
import { detectRuntimes, RUNTIMES } from '../../../src/main/core/env/runtimes'
import { probeVersion } from '../../../src/main/core/env/versions'
import { makeHome, type TempHome } from '../../helpers/home'
import { executable, versionStub } from './fixtures'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('detectRuntimes', () => {
  it('finds each runtime on the app PATH, the login shell PATH and known folders, each with its version', async () => {
    const appBin = path.join(t.home, 'appbin')
    await executable(t, 'appbin/node', versionStub('v14.21.3'))
    // this node answers for itself, and for a script it runs (npx asks npm's version: 10.9.0)
    await executable(t, '.nvm/versions/node/v22.11.0/bin/node', '#!/bin/sh\n[ "$1" = "--version" ] && echo v22.11.0 && exit 0\n[ "$2" = "--version" ] && echo 10.9.0 && exit 0\nexit 1\n')
    await executable(t, '.nvm/versions/node/v18.20.4/bin/node', versionStub('v18.20.4'))
    // npx is a script run by whichever node its PATH finds: the nvm folder's own
    await executable(t, '.nvm/versions/node/v22.11.0/bin/npx', '#!/usr/bin/env node\n')
    await executable(t, 'shellbin/uv', versionStub('uv 0.5.4 (Homebrew 2024-11-20)'))
    await executable(t, '.pyenv/versions/3.12.1/bin/python3', versionStub('Python 3.12.1'))
    await t.write('.bash_profile', `export PATH="$HOME/shellbin:$PATH"\n`)
    const ctx = t.context({ env: { PATH: appBin, HOME: t.home, USER: 'tester', SHELL: '/bin/bash' } })
    const loginShell = await readLoginShell(ctx)
    expect(loginShell.error).toBeUndefined()

    const runtimes = await detectRuntimes(ctx, { loginShell })
    expect(runtimes.map((r) => r.name)).toEqual([...RUNTIMES])
    const by = Object.fromEntries(runtimes.map((r) => [r.name, r]))

    expect(by.node).toMatchObject({ found: true, where: 'app-path', path: path.join(appBin, 'node'), version: '14.21.3' })
    const nodeKnown = by.node!.locations!.filter((l) => l.where === 'known-dir')
    expect(nodeKnown.map((l) => [l.version, l.source])).toEqual([
      ['22.11.0', 'nvm'],
      ['18.20.4', 'nvm']
    ])

    // (the login shell's /etc/profile PATH has the system npx too; the nvm one asks nvm's node)
    expect(by.npx!.locations!.find((l) => l.where === 'known-dir')).toMatchObject({ source: 'nvm', version: '10.9.0' })
    expect(by.uv).toMatchObject({ found: true, where: 'login-shell', path: path.join(t.home, 'shellbin/uv'), version: '0.5.4' })
    const python3 = by.python3!
    expect(python3.locations!.find((l) => l.source === 'pyenv')).toMatchObject({ version: '3.12.1' })
    expect(by.deno).toEqual({ name: 'deno', found: false, where: 'none', locations: [] })
  })

  it('probes versions with a timeout and says why there is none', async () => {
    const slow = await executable(t, 'slow/node', '#!/bin/sh\nsleep 30\n')
    const result = await probeVersion(slow, 'node', { PATH: '/usr/bin:/bin' }, t.home, 500)
    expect(result).toEqual({ error: 'no answer within 0.5 s' })
    const failing = await executable(t, 'bad/node', '#!/bin/sh\necho "boom" >&2\nexit 3\n')
    expect(await probeVersion(failing, 'node', { PATH: '/usr/bin:/bin' }, t.home)).toEqual({ text: 'boom', error: 'exited with code 3' })
  })
})
