import { chmod, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { probeStdio, type StdioSpec } from '../../../src/main/core/probe/stdio'
import { fixtureServer, isAlive, makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

function spec(script: string, extra: Partial<StdioSpec> = {}): StdioSpec {
  return {
    command: process.execPath,
    args: [fixtureServer(script)],
    env: { PATH: process.env.PATH ?? '', HOME: t.home },
    cwd: t.home,
    timeoutMs: 10_000,
    ...extra
  }
}

describe('probeStdio', () => {
  it('speaks to the light fixture (no SDK) the same way', async () => {
    const evidence = await probeStdio(spec('light.mjs', { env: { PATH: process.env.PATH ?? '', DELAY_MS: '50' } }))
    expect(evidence).toMatchObject({ outcome: 'ok', tools: 1, serverInfo: { name: 'fixture-light', version: '1.0.0' } })
  })

  it('completes the handshake with a healthy server and counts its tools', async () => {
    const evidence = await probeStdio(spec('healthy.mjs'))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.tools).toBe(2)
    expect(evidence.serverInfo).toEqual({ name: 'fixture-healthy', version: '1.2.3' })
    expect(evidence.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(evidence.stdout.noiseLines).toBe(0)
    expect(evidence.stderrTail).toContain('ready on stdio')
    const { spawnMs, initializeMs, toolsListMs } = evidence.timings
    expect(spawnMs).toBeLessThanOrEqual(initializeMs!)
    expect(initializeMs).toBeLessThanOrEqual(toolsListMs!)
    expect(evidence.exit).toBeUndefined()
    expect(isAlive(evidence.pid!)).toBe(false)
  })

  it('records exit code and stderr of a server that dies before the handshake', async () => {
    const evidence = await probeStdio(spec('exit-error.mjs'))
    expect(evidence.outcome).toBe('exited')
    expect(evidence.exit?.code).toBe(3)
    expect(evidence.stderrTail).toContain("KeyError: 'WEATHER_API_KEY'")
    expect(evidence.failedDuring).toBe('initialize')
  })

  it('times out on a server that never answers, and ends it', async () => {
    const evidence = await probeStdio(spec('never-answers.mjs', { timeoutMs: 800 }))
    expect(evidence.outcome).toBe('timeout')
    expect(evidence.exit).toBeUndefined()
    expect(evidence.stdout.bytes).toBe(0)
    expect(isAlive(evidence.pid!)).toBe(false)
  })

  it('records ENOENT for a command that does not exist', async () => {
    const evidence = await probeStdio(spec('healthy.mjs', { command: 'definitely-not-a-command-xyz', args: [] }))
    expect(evidence.outcome).toBe('spawn-error')
    expect(evidence.spawnError?.code).toBe('ENOENT')
  })

  it('records ENOENT for a working folder that does not exist', async () => {
    const evidence = await probeStdio(spec('healthy.mjs', { cwd: path.join(t.home, 'gone') }))
    expect(evidence.outcome).toBe('spawn-error')
    expect(evidence.spawnError?.code).toBe('ENOENT')
  })

  it('records EACCES for a script without the execute bit', async () => {
    const script = path.join(t.home, 'server.sh')
    await writeFile(script, '#!/bin/sh\nexit 0\n')
    await chmod(script, 0o644)
    const evidence = await probeStdio(spec('healthy.mjs', { command: script, args: [] }))
    expect(evidence.outcome).toBe('spawn-error')
    expect(evidence.spawnError?.code).toBe('EACCES')
  })

  it('keeps the first stdout line that is not JSON-RPC, and still connects', async () => {
    const evidence = await probeStdio(spec('banner.mjs'))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.stdout.noiseLines).toBe(1)
    expect(evidence.stdout.firstNoise).toBe('Weather MCP server v2 started!')
  })

  it('leaves no grandchild behind, even one that ignores SIGTERM', async () => {
    const evidence = await probeStdio(spec('forks-grandchild.mjs', { timeoutMs: 800 }))
    expect(evidence.outcome).toBe('timeout')
    const grandchild = Number(/grandchild pid (\d+)/.exec(evidence.stderrTail)?.[1])
    expect(grandchild).toBeGreaterThan(0)
    expect(isAlive(grandchild)).toBe(false)
    expect(isAlive(evidence.pid!)).toBe(false)
  })
})

describe('probeStdio, misbehaving servers', () => {
  it('records a crash after the handshake: exit code and the traceback', async () => {
    const evidence = await probeStdio(spec('exit-after-init.mjs'))
    expect(evidence.outcome).toBe('crash-after-start')
    expect(evidence.failedDuring).toBe('list')
    expect(evidence.serverInfo?.name).toBe('fixture-exit-after-init')
    expect(evidence.timings.initializeMs).toBeGreaterThan(0)
    expect(evidence.exit?.code).toBe(4)
    expect(evidence.stderrTail).toContain('ConnectionRefusedError')
  })

  it('records a failing tools/list as a crash after start, with the server error', async () => {
    const evidence = await probeStdio(spec('list-fails.mjs'))
    expect(evidence.outcome).toBe('crash-after-start')
    expect(evidence.exit).toBeUndefined()
    expect(evidence.error?.message).toContain("reading '_zod'")
  })

  it('falls back to an older protocol version when the newest is refused', async () => {
    const evidence = await probeStdio(spec('old-protocol.mjs'))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.protocolVersion).toBe('2024-11-05')
    expect(evidence.tools).toBe(1)
    const attempts = evidence.attempts!
    expect(attempts[0]).toMatchObject({ offered: '2025-11-25', result: 'rejected' })
    expect(attempts.at(-1)).toEqual({ offered: '2024-11-05', result: 'accepted', answered: '2024-11-05' })
    expect(attempts.filter((a) => a.result === 'rejected').length).toBe(attempts.length - 1)
  })

  it('says every version was refused when none works', async () => {
    const evidence = await probeStdio(spec('old-protocol.mjs', { env: { PATH: process.env.PATH ?? '', ONLY_VERSION: 'none' } }))
    expect(evidence.outcome).toBe('protocol-error')
    expect(evidence.attempts!.length).toBeGreaterThanOrEqual(4)
    expect(evidence.attempts!.every((a) => a.result === 'rejected')).toBe(true)
    expect(evidence.attempts!.map((a) => a.offered)).toContain('2024-11-05')
  })

  it('waits for a server that answers late, and times each milestone', async () => {
    const evidence = await probeStdio(spec('slow.mjs', { env: { PATH: process.env.PATH ?? '', DELAY_MS: '1200' } }))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.timings.initializeMs).toBeGreaterThanOrEqual(1200)
    expect(evidence.stderrTail).toContain('Installing 42 packages')
  })

  it('keeps only a bounded tail of a large stderr flood, but counts every byte', async () => {
    const bytes = 64 * 1024 * 1024
    const evidence = await probeStdio(spec('flood.mjs', { timeoutMs: 60_000, env: { PATH: process.env.PATH ?? '', FLOOD: 'stderr', FLOOD_BYTES: String(bytes) } }))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.stderrBytes).toBe(bytes)
    expect(evidence.stderrTail.length).toBeLessThanOrEqual(64 * 1024)
    expect(evidence.stderrTail).toContain('WARN flood')
  })

  it('reports a stdout line without end as oversized and still connects after it', async () => {
    const bytes = 40 * 1024 * 1024
    const evidence = await probeStdio(spec('flood.mjs', { timeoutMs: 60_000, env: { PATH: process.env.PATH ?? '', FLOOD: 'stdout', FLOOD_BYTES: String(bytes) } }))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.stdout.oversizedLine?.bytes).toBe(bytes)
    expect(evidence.stdout.oversizedLine?.head).toMatch(/^x{200}$/)
  })

  it('quotes binary garbage on stdout without control characters', async () => {
    const evidence = await probeStdio(spec('flood.mjs', { env: { PATH: process.env.PATH ?? '', FLOOD: 'binary', FLOOD_BYTES: '4000' } }))
    expect(evidence.outcome).toBe('ok')
    expect(evidence.stdout.noiseLines).toBe(1)
    // eslint-disable-next-line no-control-regex
    expect(evidence.stdout.firstNoise).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    expect(evidence.stdout.firstNoise!.length).toBeLessThanOrEqual(501)
  })

  it('times out on a server that floods stderr forever, and ends it', async () => {
    const evidence = await probeStdio(spec('flood.mjs', { timeoutMs: 1500, env: { PATH: process.env.PATH ?? '', FLOOD: 'stderr', FLOOD_BYTES: '0' } }))
    expect(evidence.outcome).toBe('timeout')
    expect(evidence.stderrBytes).toBeGreaterThan(0)
    expect(isAlive(evidence.pid!)).toBe(false)
  })

  it('stops waiting at the deadline even when the timeout is longer', async () => {
    const evidence = await probeStdio(spec('never-answers.mjs', { timeoutMs: 60_000, deadline: Date.now() + 700 }))
    expect(evidence.outcome).toBe('timeout')
    expect(isAlive(evidence.pid!)).toBe(false)
  })
})

describe('probeStdio, files that cannot be run', () => {
  it('records what happens to an executable script without a shebang: execvp hands it to /bin/sh', async () => {
    const script = path.join(t.home, 'server-no-shebang')
    await writeFile(script, 'console.log("I am JavaScript, but nothing says so")\n')
    await chmod(script, 0o755)
    const evidence = await probeStdio(spec('healthy.mjs', { command: script, args: [] }))
    // No ENOEXEC reaches Node on Linux: the C library retries with the shell, which fails on JavaScript.
    expect(evidence.outcome).toBe('exited')
    expect(evidence.spawnError).toBeUndefined()
    expect(evidence.exit?.code).not.toBe(0)
    expect(evidence.stderrTail).toMatch(/syntax error|unexpected/i)
  })
})
