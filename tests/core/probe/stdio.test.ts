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
