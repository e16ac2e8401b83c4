import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { folderSize, listDir } from '../../../src/main/core/logs/fs'
import { listServerLogs } from '../../../src/main/core/logs/service'
import { logMachine, onHost, type LogMachine } from './layout'

let m: LogMachine
beforeAll(async () => {
  m = await logMachine('linux')
})
afterAll(() => m.cleanup())

describe('bounded file-system touches of the log finder', () => {
  it('counts a folder with more entries than allowed as a lower bound, flagged partial', async () => {
    const dir = onHost(m.ctx, '/home/ann/.config/Claude/logs')
    await mkdir(dir, { recursive: true })
    await Promise.all(Array.from({ length: 30 }, (_, i) => writeFile(path.join(dir, `mcp-server-s${i}.log`), 'x'.repeat(100))))
    expect(await folderSize(m.ctx, '/home/ann/.config/Claude/logs')).toEqual({ bytes: 3000, files: 30, partial: false })
    const capped = await folderSize(m.ctx, '/home/ann/.config/Claude/logs', 10)
    expect(capped.partial).toBe(true)
    expect(capped.files).toBeLessThanOrEqual(10)
    expect(capped.bytes).toBe(capped.files * 100)
  })

  it("never follows a link: Claude Code's debug/latest is not a second log, and a link out of the folder is not read", async () => {
    const debug = onHost(m.ctx, '/home/ann/.claude/debug')
    await m.put('/home/ann/.claude/debug/1a2b.txt', '2025-01-01T00:00:00.000Z [ERROR] MCP server "broken" Connection failed: MCP error -32000: Connection closed\n')
    await symlink(path.join(debug, '1a2b.txt'), path.join(debug, 'latest'))
    await symlink('/etc/hostname', path.join(debug, 'elsewhere.txt'))
    expect((await listDir(m.ctx, '/home/ann/.claude/debug')).entries.map((e) => e.name)).toEqual(['1a2b.txt'])
    const list = await listServerLogs(m.ctx, (await m.entry('claude-code', 'broken')).id, m.deps)
    expect(list.files.map((f) => f.path)).toEqual(['/home/ann/.claude/debug/1a2b.txt'])
  })
})
