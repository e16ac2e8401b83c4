import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { endAllProcessTrees, liveTreeCount, spawnTree } from '../../../src/main/core/probe/process-tree'
import { bundleForNode } from '../../helpers/bundle'

/** Alive and not a zombie (an orphan's zombie lingers until a reaper gets to it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  if (process.platform !== 'linux') return true
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

describe.skipIf(process.platform === 'win32')('ending every running tree at shutdown', () => {
  it('ends each live tree and its grandchildren, and counts none afterwards', async () => {
    const before = liveTreeCount()
    // a shell that starts a grandchild and ignores SIGTERM itself: only the group kill reaches both
    const children = [0, 1, 2].map(() => spawnTree('/bin/sh', ['-c', 'trap "" TERM; sleep 300 & echo $!; wait'], { stdio: ['pipe', 'pipe', 'ignore'] }))
    const grandchildren = await Promise.all(children.map((c) => new Promise<number>((resolve) => c.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))))))
    expect(liveTreeCount()).toBe(before + 3)
    await endAllProcessTrees(50)
    expect(liveTreeCount()).toBe(before)
    for (const c of children) expect(alive(c.pid!)).toBe(false)
    for (const g of grandchildren) expect(alive(g)).toBe(false)
  })

  it('serve exits at SIGTERM while a probe is still running, and the server it started is gone', async () => {
    const { mkdtemp, writeFile, readFile, rm } = await import('node:fs/promises')
    const os = await import('node:os')
    const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-endall-'))
    const pidFile = path.join(home, 'server.pid')
    // a server that never answers initialize, probed with a ten-minute deadline: only ending the
    // probe at shutdown lets serve exit within this test's time
    await writeFile(path.join(home, 'silent.mjs'), `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid))\nsetInterval(() => {}, 1000)\n`)
    await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers: { silent: { command: process.execPath, args: [path.join(home, 'silent.mjs')] } } }))
    const cli = await bundleForNode(path.resolve(__dirname, '../../../src/cli/index.ts'), `end-all-cli-${process.pid}`)
    const child = spawn(process.execPath, [cli, 'serve'], { cwd: home, env: { PATH: path.dirname(process.execPath), HOME: home, SHELL: '/bin/sh', MCP_MEDIC_STATUS_PAGES: 'off' }, stdio: ['ignore', 'pipe', 'ignore'] })
    try {
      const url = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(String(d).trim())))
      const token = new URL(url).searchParams.get('token')!
      const call = fetch(new URL('/api/call', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mcp-medic-token': token },
        body: JSON.stringify({ channel: 'diagnose:run', request: { timeoutMs: 600_000 } })
      }).catch(() => undefined)
      let serverPid: number | undefined
      for (let i = 0; i < 200 && serverPid === undefined; i++) {
        await new Promise((r) => setTimeout(r, 50))
        serverPid = Number(await readFile(pidFile, 'utf8').catch(() => '')) || undefined
      }
      expect(serverPid).toBeDefined()
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      await call
      expect(alive(serverPid!)).toBe(false)
    } finally {
      child.kill('SIGKILL')
      await rm(home, { recursive: true, force: true })
    }
  }, 60_000)
})
