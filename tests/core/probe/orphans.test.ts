import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { examine } from '../../../src/main/core/diagnose/examine'
import { diagnose, discoverAll } from '../../../src/main/core/diagnose/run'
import { fixtureServer, makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** Live processes (zombies excluded) whose environment or command line carries `marker`. */
function processesMarked(marker: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8')
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8')
      if (cmdline.includes(marker) || environ.includes(marker)) found.push({ pid: Number(name), cmdline: cmdline.replace(/\0/g, ' ') })
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return found
}

const node = process.execPath
/** Ways to misbehave: hang, fork a SIGTERM-proof grandchild, die, flood, hide behind a shell. */
const KINDS: ((marker: string) => Record<string, unknown>)[] = [
  (m) => ({ command: node, args: [fixtureServer('never-answers.mjs'), m] }),
  (m) => ({ command: node, args: [fixtureServer('forks-grandchild.mjs'), m] }),
  (m) => ({ command: node, args: [fixtureServer('exit-error.mjs'), m] }),
  (m) => ({ command: node, args: [fixtureServer('flood.mjs'), m], env: { FLOOD: 'err', FLOOD_BYTES: '0' } }),
  (m) => ({ command: node, args: [fixtureServer('flood.mjs'), m], env: { FLOOD: 'out', FLOOD_BYTES: '0' } }),
  (m) => ({ command: '/bin/sh', args: ['-c', `"${node}" "${fixtureServer('never-answers.mjs')}" ${m}`] }),
  (m) => ({ command: '/bin/sh', args: ['-c', `"${node}" "${fixtureServer('forks-grandchild.mjs')}" ${m} & wait`] }),
  (m) => ({ command: node, args: [fixtureServer('exit-after-init.mjs'), m] }),
  (m) => ({ command: node, args: [fixtureServer('banner.mjs'), m] }),
  (m) => ({ command: node, args: [fixtureServer('slow.mjs'), m], env: { DELAY_MS: '60000' } })
]

describe('no orphans', () => {
  it('leaves no process behind after probing 50 misbehaving servers', async () => {
    const marker = `mcp-medic-orphan-${randomUUID()}`
    const servers: Record<string, unknown> = {}
    for (let i = 0; i < 50; i++) {
      const entry = KINDS[i % KINDS.length]!(marker)
      servers[`bad-${i}`] = { ...entry, env: { ...((entry.env as object) ?? {}), ORPHAN_MARK: marker } }
    }
    await t.write('.claude.json', { mcpServers: servers })
    const report = await diagnose(t.context(), { timeoutMs: 4000 })
    expect(report.servers).toHaveLength(50)
    const outcomes = new Set(report.servers.map((s) => s.probe?.outcome))
    expect(outcomes).toContain('timeout')
    expect(outcomes).toContain('exited')
    // forks-grandchild printed its grandchild's pid: it existed, so its absence below is a fact
    expect(report.servers.some((s) => /grandchild pid \d+/.test(s.probe?.stderrTail ?? ''))).toBe(true)
    expect(processesMarked(marker)).toEqual([])
  }, 120_000)
})

describe('no orphans from the terminal re-run', () => {
  it('ends a speculative terminal run when the client run succeeds after all', async () => {
    const marker = `mcp-medic-orphan-${randomUUID()}`
    // answers after 5 s: the terminal run starts alongside at 4 s, then is cancelled
    await t.write('.claude.json', { mcpServers: { late: { command: node, args: [fixtureServer('slow.mjs'), marker], env: { DELAY_MS: '5000', ORPHAN_MARK: marker } } } })
    const ctx = t.context()
    const entry = (await discoverAll(ctx, {})).servers[0]!
    const loginShell = { shell: '/bin/sh', args: ['-l'], ms: 1, env: { PATH: process.env.PATH ?? '', HOME: t.home } }
    const report = await examine(ctx, entry, { loginShell }, { timeoutMs: 30_000 })
    expect(report.probe).toMatchObject({ outcome: 'ok' })
    expect(report.probe!.terminal).toBeUndefined()
    expect(processesMarked(marker)).toEqual([])
  }, 60_000)
})
