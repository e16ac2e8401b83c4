import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, open } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listServerLogs, readServerLog } from '../../../src/main/core/logs/service'
import { readTail } from '../../../src/main/core/logs/tail'
import { bundleForNode } from '../../helpers/bundle'
import { logMachine, onHost, type LogMachine } from './layout'
import { listAndRead, type ChildResult } from './read-child'

/*
 * Log files as they are found on real machines, not as a parser would like them: many gigabytes,
 * binary garbage, files MCP Medic may not read, a file the client appends to while it is read.
 * Nothing crashes, memory stays bounded, and every problem is said in words.
 */

let m: LogMachine
const DESKTOP = '/home/ann/.config/Claude/logs'

beforeAll(async () => {
  m = await logMachine('linux')
})
afterAll(() => m.cleanup())

describe('hostile log files', () => {
  it('reads the end of an 8 GB (sparse) log without reading the rest: bounded memory, estimated line numbers', async () => {
    const file = await m.put(`${DESKTOP}/mcp-server-weather.log`, '')
    const size = 8 * 1024 ** 3
    const tail = Buffer.from(Array.from({ length: 200 }, (_, i) => `2025-01-01T00:00:00.000Z [weather] [info] line ${i}\n`).join('') + '2025-01-01T00:00:01.000Z [weather] [error] Server disconnected. last line\n')
    const handle = await open(file, 'r+')
    await handle.truncate(size)
    await handle.write(tail, 0, tail.length, size - tail.length)
    await handle.close()
    const before = process.memoryUsage()
    const entry = await m.entry('claude-desktop', 'weather')
    const list = await listServerLogs(m.ctx, entry.id, m.deps)
    const listed = list.files.find((f) => f.forServer)!
    expect(listed.bytes).toBe(size)
    expect(list.folders[0]).toMatchObject({ huge: true, bytes: size })
    const read = await readServerLog(m.ctx, entry.id, listed.id, { maxLines: 5 }, m.deps)
    const after = process.memoryUsage()
    expect(read.lines.at(-1)).toMatchObject({ level: 'error', recognised: { code: 'process-exited' } })
    expect(read.lines.at(-1)!.text).toContain('last line')
    expect(read.truncated).toBe(true)
    // the line number is an estimate from the tail's line lengths, far beyond the tail itself
    expect(read.lines.at(-1)!.n).toBeGreaterThan(1_000_000)
    // reading 8 GB would need 8 GB; the tail is one megabyte (Node keeps buffers outside the heap)
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 ** 2)
    expect(after.rss - before.rss).toBeLessThan(256 * 1024 ** 2)
  })

  it('says a binary file is not text and shows no control characters from it', async () => {
    const garbage = Buffer.concat([randomBytes(200_000), Buffer.from('\n\u001b[2J\u001b]0;pwned\u0007 [weather] [error] spawn uvx ENOENT\n')])
    await m.put(`${DESKTOP}/mcp-server-weather.log`, '')
    const handle = await open(onHost(m.ctx, `${DESKTOP}/mcp-server-weather.log`), 'w')
    await handle.write(garbage)
    await handle.close()
    const entry = await m.entry('claude-desktop', 'weather')
    const file = (await listServerLogs(m.ctx, entry.id, m.deps)).files.find((f) => f.forServer)!
    const read = await readServerLog(m.ctx, entry.id, file.id, {}, m.deps)
    expect(read.note).toMatch(/does not look like text/)
    // eslint-disable-next-line no-control-regex -- no control character may reach the screen
    for (const line of read.lines) expect(line.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    expect(read.lines.at(-1)!.text).toBe(' [weather] [error] spawn uvx ENOENT')
  })

  it('cuts a single enormous line instead of holding it whole', async () => {
    await m.put(`${DESKTOP}/mcp-server-weather.log`, `2025-01-01T00:00:00.000Z [weather] [info] Message from server: ${'A'.repeat(3 * 1024 * 1024)}\n`)
    const entry = await m.entry('claude-desktop', 'weather')
    const file = (await listServerLogs(m.ctx, entry.id, m.deps)).files.find((f) => f.forServer)!
    const read = await readServerLog(m.ctx, entry.id, file.id, {}, m.deps)
    expect(read.lines).toHaveLength(1)
    expect(read.lines[0]!.text.length).toBeLessThan(5000)
    expect(read.lines[0]!.text).toMatch(/line cut at 4000 characters/)
  })

  it('reads a log the client appends to meanwhile: only whole lines, in order, from the snapshot it took', async () => {
    const file = await m.put(`${DESKTOP}/mcp-server-weather.log`, Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(90)}\n`).join(''))
    const writer = spawn(process.execPath, [
      '-e',
      `const fs=require('fs');let i=20000;const fd=fs.openSync(${JSON.stringify(file)},'a');const t=setInterval(()=>{for(let k=0;k<10;k++)fs.writeSync(fd,'line '+(i++)+' '+'x'.repeat(90)+'\\n')},1);setTimeout(()=>{clearInterval(t);process.exit(0)},4000)`
    ])
    try {
      const entry = await m.entry('claude-desktop', 'weather')
      const id = (await listServerLogs(m.ctx, entry.id, m.deps)).files.find((f) => f.forServer)!.id
      for (let round = 0; round < 10; round++) {
        const read = await readServerLog(m.ctx, entry.id, id, { maxLines: 500 }, m.deps)
        const numbers = read.lines.map((l) => {
          const match = /^line (\d+) x{90}$/.exec(l.text)
          expect(match, l.text.slice(0, 120)).not.toBeNull()
          return Number(match![1])
        })
        numbers.forEach((n, i) => i > 0 && expect(n).toBe(numbers[i - 1]! + 1))
        // the numbers the reader gives match the lines' own (the file is under 16 MB: counted exactly)
        expect(read.lines.every((l, i) => l.n === numbers[i]! + 1)).toBe(true)
      }
    } finally {
      writer.kill()
    }
  })

  it('tells a permission problem from a missing file: the folder listed, the file refused with a clear message, the diagnosis fact skipping it', async () => {
    await m.put(`${DESKTOP}/mcp-server-weather.log`, await m.sample('claude-desktop/mcp-server-weather.log'))
    await m.put(`${DESKTOP}/mcp.log`, await m.sample('claude-desktop/mcp.log'))
    const locked = onHost(m.ctx, `${DESKTOP}/mcp-server-weather.log`)
    await chmod(locked, 0o000)
    const entry = await m.entry('claude-desktop', 'weather')
    const result = await asAnotherUser(m, entry.id)
    await chmod(locked, 0o644)
    const own = result.reads.find((r) => r.path.endsWith('mcp-server-weather.log'))!
    expect(own).toMatchObject({ ok: false, code: 'forbidden' })
    expect(own.message).toBe(`MCP Medic may not read ${locked}: permission denied.`)
    expect(result.reads.find((r) => r.path.endsWith('mcp.log'))).toMatchObject({ ok: true })
    expect(result.factFiles).toEqual([`${DESKTOP}/mcp.log`])
  })

  it('reports a log folder it may not list as a note, not as an error', async () => {
    const dir = onHost(m.ctx, DESKTOP)
    await chmod(dir, 0o000)
    const entry = await m.entry('claude-desktop', 'weather')
    const result = await asAnotherUser(m, entry.id)
    await chmod(dir, 0o755)
    expect(result.files).toEqual([])
    expect(result.notes).toContain(`${DESKTOP} cannot be read: permission denied.`)
  })

  it('refuses a folder or a vanished file with the reason', async () => {
    await expect(readTail(onHost(m.ctx, DESKTOP), 1000)).rejects.toMatchObject({ reason: 'not-a-file' })
    await expect(readTail(onHost(m.ctx, `${DESKTOP}/gone.log`), 1000)).rejects.toMatchObject({ reason: 'missing', message: expect.stringContaining('no longer exists') })
  })
})

let bundled: Promise<string> | undefined

/** The checks as user nobody when this runs as root (root reads any file), in this process otherwise. */
async function asAnotherUser(machine: LogMachine, serverId: string): Promise<ChildResult> {
  if (process.getuid?.() !== 0) return listAndRead(machine.ctx, serverId, machine.project)
  await chmod(machine.root, 0o755)
  const child = await (bundled ??= bundleForNode(path.join(__dirname, 'read-child-main.ts'), `logs-read-child-${process.pid}`))
  await chmod(path.dirname(child), 0o755)
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, JSON.stringify(machine.ctx), serverId, machine.project], { uid: 65534, gid: 65534 })
    let out = ''
    let err = ''
    proc.stdout.on('data', (d) => (out += d))
    proc.stderr.on('data', (d) => (err += d))
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`child failed (${code}): ${err}`))))
  })
}
