import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatHuman } from '../../src/cli/human'
import { diagnose } from '../../src/main/core/diagnose/run'
import { descendantsOf, listProcesses } from '../../src/main/core/probe/processes'
import { fixtureServer, isAlive, makeHome, type TempHome } from '../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

const node = process.execPath
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/** Live processes whose environment carries `marker` (zombies excluded). */
function marked(marker: string): number[] {
  const found: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || !isAlive(Number(name))) continue
    try {
      if (readFileSync(`/proc/${name}/environ`, 'utf8').includes(marker)) found.push(Number(name))
    } catch {
      // gone, or not ours
    }
  }
  return found
}

describe.skipIf(process.platform !== 'linux')('a server that leaves setsid grandchildren behind', () => {
  it.each([
    ['started directly', (m: string) => ({ command: node, args: [fixtureServer('hostile-setsid.mjs'), m] })],
    ['behind a shell', (m: string) => ({ command: '/bin/sh', args: ['-c', `"${node}" "${fixtureServer('hostile-setsid.mjs')}" ${m}; sleep 1000`] })]
  ])('leaves no process running once the probe is done (%s)', async (_how, entry) => {
    const marker = `mcp-medic-setsid-${randomUUID()}`
    await t.write('.claude.json', { mcpServers: { daemon: { ...entry(marker), env: { ORPHAN_MARK: marker } } } })
    const report = await diagnose(t.context(), { timeoutMs: 2500 })
    const tail = report.servers[0]!.probe?.stderrTail ?? ''
    // the fixture printed both pids: they existed, so their absence below is a fact
    const grandchild = Number(/setsid grandchild pid (\d+)/.exec(tail)?.[1])
    const orphan = Number(/orphan pid (\d+)/.exec(tail)?.[1])
    expect(grandchild).toBeGreaterThan(0)
    expect(orphan).toBeGreaterThan(0)
    expect(isAlive(grandchild)).toBe(false)
    expect(isAlive(orphan)).toBe(false)
    expect(marked(marker)).toEqual([])
  }, 60_000)
})

describe.skipIf(process.platform === 'win32')('listing processes', () => {
  it.each(['proc', 'ps'] as const)('finds a detached grandchild through parent ids (%s)', async (source) => {
    if (source === 'proc' && process.platform !== 'linux') return
    const parent = spawn(node, ['-e', "const c=require('child_process').spawn(process.execPath,['-e','setInterval(()=>{},1e9)'],{detached:true,stdio:'ignore'});console.log(c.pid);setInterval(()=>{},1e9)"], { stdio: ['ignore', 'pipe', 'ignore'] })
    try {
      const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))))
      const found = descendantsOf(parent.pid!, listProcesses(source))
      expect(found.map((p) => p.pid)).toContain(pid)
      const child = found.find((p) => p.pid === pid)!
      expect(child.pgid).toBe(pid) // its own group: the group kill of the parent would miss it
      process.kill(-pid, 'SIGKILL')
    } finally {
      parent.kill('SIGKILL')
    }
  })
})

describe('a server that floods its output with terminal escape sequences', () => {
  it.each(['flood-then-exit', 'flood-then-serve'])('never lets one reach the report or the terminal (%s)', async (mode) => {
    await t.write('.claude.json', { mcpServers: { hostile: { command: node, args: [fixtureServer('hostile-escapes.mjs')], env: { HOSTILE_MODE: mode } } } })
    const report = await diagnose(t.context(), { timeoutMs: 5000 })
    const server = report.servers[0]!
    expect(server.probe?.outcome).toBe(mode === 'flood-then-exit' ? 'exited' : 'ok')
    expect(server.probe?.stderrTail).toContain('hostile-escapes:')
    // the report itself holds no raw control character (JSON would escape C0, not C1 or bidi)
    const json = JSON.stringify(report)
    expect(json).not.toMatch(/\\u001b|\\u0007/)
    expect(json).not.toMatch(CONTROL)
    if (mode === 'flood-then-serve') expect(server.probe?.serverInfo?.name).toBe('evil␛]0;server-title␇name')
    // it wrote junk on stdout and died: either is named as the cause, in printable words
    else expect(server.findings.map((f) => f.code).filter((c) => c === 'process-exited' || c === 'stdout-pollution').length).toBeGreaterThan(0)
    // the CLI's own colours are the only escapes in its output
    for (const color of [false, true]) {
      const text = formatHuman(report, { color }, t.home)
      expect(text).toContain('hostile')
      // eslint-disable-next-line no-control-regex
      expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(CONTROL)
    }
  }, 60_000)
})
