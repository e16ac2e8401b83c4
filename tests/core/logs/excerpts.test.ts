import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverLogExcerpts } from '../../../src/main/core/logs/service'
import { LogExcerptSchema } from '../../../src/shared/logs'
import { logMachine, type LogMachine } from './layout'

/* The report's "client log excerpts": a few recent lines about one server, from the files they came from, secrets masked. */

let m: LogMachine
const DESKTOP = '/Users/ann/Library/Logs/Claude'
beforeAll(async () => {
  m = await logMachine('darwin')
  await m.put(`${DESKTOP}/mcp-server-weather.log`, await m.sample('claude-desktop/mcp-server-weather.log'))
  await m.put(`${DESKTOP}/mcp.log`, await m.sample('claude-desktop/mcp.log'))
})
afterAll(() => m.cleanup())

describe('client log excerpts for a report', () => {
  it("takes the server's own file first, then only this server's lines of the shared log, newest last, masked", async () => {
    const excerpts = await serverLogExcerpts(m.ctx, (await m.entry('claude-desktop', 'weather')).id, m.deps, { maxLines: 6 })
    for (const e of excerpts) expect(LogExcerptSchema.safeParse(e).success).toBe(true)
    expect(excerpts.map((e) => e.file.path)).toEqual([`${DESKTOP}/mcp-server-weather.log`, `${DESKTOP}/mcp.log`])
    expect(excerpts[0]!.lines).toHaveLength(6)
    expect(excerpts[0]!.truncated).toBe(true)
    expect(excerpts[0]!.lines.at(-1)!.text).toContain('Server disconnected')
    expect(excerpts[1]!.lines.map((l) => l.text).every((t) => t.includes('[weather]'))).toBe(true)
    expect(JSON.stringify(excerpts)).not.toContain('wk_live_4f9a8c7d6e5b')
  })

  it('has no excerpts for a server its client never logged', async () => {
    expect(await serverLogExcerpts(m.ctx, (await m.entry('claude-desktop', 'memory')).id, m.deps)).toEqual([])
    expect(await serverLogExcerpts(m.ctx, (await m.entry('codex', 'docs')).id, m.deps)).toEqual([])
  })
})
