import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { listServerLogs, readServerLog } from '../../../src/main/core/logs/service'
import { logMachine, type LogMachine } from './layout'

/*
 * logs:read on real files of a modelled Linux machine: the tail as lines with levels, known failures
 * recognised (pointing at finding codes), lines about the server flagged in shared logs, secrets and
 * terminal escapes gone, a query that filters on the masked text only, and files named only by the
 * ids logs:list gave.
 */

let m: LogMachine
const CACHE = '/home/ann/.cache/claude-cli-nodejs/-home-ann-work-app'
const DESKTOP = '/home/ann/.config/Claude/logs'
const call = { emit: () => {} }

beforeAll(async () => {
  m = await logMachine('linux')
  await m.put(`${CACHE}/mcp-logs-my-srv/2025-12-02T13-51-37-016Z.jsonl`, await m.sample('claude-code/token-in-stderr.jsonl'))
  await m.put(`${CACHE}/mcp-logs-broken/2025-12-02T13-46-36-241Z.jsonl`, await m.sample('claude-code/broken-failed.jsonl'))
  await m.put(`${DESKTOP}/mcp-server-weather.log`, await m.sample('claude-desktop/mcp-server-weather.log'))
  await m.put(`${DESKTOP}/mcp.log`, await m.sample('claude-desktop/mcp.log'))
  await m.put('/home/ann/.config/Code/logs/20250705T222700/window1/mcpServer.mcp.config.usrlocal.weather.log', await m.sample('editors/vscode-mcpServer-failed.log'))
})
afterAll(() => m.cleanup())

async function read(client: Parameters<LogMachine['entry']>[0], name: string, pick: (path: string) => boolean, options = {}) {
  const entry = await m.entry(client, name)
  const list = await listServerLogs(m.ctx, entry.id, m.deps)
  const file = list.files.find((f) => pick(f.path))!
  return readServerLog(m.ctx, entry.id, file.id, options, m.deps)
}

describe('logs:read', () => {
  it("reads Claude Code's JSONL records as lines, masks the token the server printed and drops its colour codes", async () => {
    const log = await read('claude-code', 'my.srv', (p) => p.endsWith('.jsonl'))
    const text = log.lines.map((l) => l.text).join('\n')
    expect(text).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789')
    expect(text).toContain('Using token <redacted> for GitHub')
    expect(text).not.toContain('\u001b')
    expect(text).toContain('Error: GITHUB_TOKEN is invalid')
    const failed = log.lines.find((l) => /Connection failed: MCP error -32000/.test(l.text))!
    expect(failed).toMatchObject({ level: 'error', recognised: { code: 'process-exited' } })
    expect(failed.at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    // the server's stderr is filed under "error" by Claude Code, but it is the server talking
    expect(log.lines.find((l) => l.text.includes('Starting connection'))!.level).toBe('info')
    expect(log.lines.map((l) => l.n)).toEqual(log.lines.map((_, i) => i + 1))
    expect(log.truncated).toBe(false)
  })

  it('names the cause of a failure by finding code (KeyError → env-missing)', async () => {
    const log = await read('claude-code', 'broken', (p) => p.endsWith('.jsonl'))
    const stderr = log.lines.find((l) => l.text.includes('Server stderr:'))!
    expect(stderr.recognised?.code).toBe('env-missing')
    expect(stderr.level).toBe('error')
    expect(stderr.text).toContain("KeyError: 'WEATHER_API_KEY'")
  })

  it("masks the server's secret arguments in Claude Desktop's launch line, keeps raw stderr lines, flags only this server's lines in mcp.log", async () => {
    const own = await read('claude-desktop', 'weather', (p) => p.endsWith('mcp-server-weather.log'))
    const text = own.lines.map((l) => l.text).join('\n')
    expect(text).not.toContain('wk_live_4f9a8c7d6e5b')
    expect(text).toContain("'--api-key', '<redacted>'")
    expect(own.lines.find((l) => l.text === "KeyError: 'WEATHER_API_KEY'")).toMatchObject({ recognised: { code: 'env-missing' } })
    expect(own.lines.every((l) => l.aboutServer === undefined)).toBe(true)
    const shared = await read('claude-desktop', 'weather', (p) => p.endsWith('mcp.log'))
    const about = shared.lines.filter((l) => l.aboutServer).map((l) => l.text)
    expect(about.length).toBe(3)
    expect(about.every((t) => t.includes('[weather]'))).toBe(true)
    expect(shared.lines.find((l) => l.text.includes('spawn uvx ENOENT'))).toMatchObject({ aboutServer: false, recognised: { code: 'command-not-found' }, level: 'error' })
  })

  it("reads VS Code's output channel with levels, and the exit as process-exited and the missing module as module-not-found", async () => {
    const log = await read('vscode', 'weather', () => true)
    expect(log.lines.find((l) => l.text.includes('Connection state: Error'))).toMatchObject({ recognised: { code: 'process-exited' } })
    expect(log.lines.find((l) => l.text.includes('Cannot find module'))).toMatchObject({ recognised: { code: 'module-not-found' }, level: 'error' })
    expect(log.lines.find((l) => l.text.includes('throw err;'))!.level).toBeUndefined()
    expect(log.lines.at(-1)).toMatchObject({ level: 'error' })
  })

  it('filters by a query on the masked text, so a query cannot find out a secret, and keeps the newest maxLines', async () => {
    const byWord = await read('claude-desktop', 'weather', (p) => p.endsWith('mcp-server-weather.log'), { query: 'transport' })
    expect(byWord.matches).toBe(3)
    expect(byWord.lines.every((l) => l.text.toLowerCase().includes('transport'))).toBe(true)
    const bySecret = await read('claude-desktop', 'weather', (p) => p.endsWith('mcp-server-weather.log'), { query: 'wk_live' })
    expect(bySecret.matches).toBe(0)
    expect(bySecret.lines).toEqual([])
    const last = await read('claude-desktop', 'weather', (p) => p.endsWith('mcp-server-weather.log'), { maxLines: 2 })
    expect(last.lines.map((l) => l.n)).toEqual([17, 18])
    expect(last.truncated).toBe(true)
  })

  it('opens only files it listed itself: an unknown id, a path and a path-like id are refused through the contract', async () => {
    const handlers = createHandlers({ context: () => m.ctx })
    const entry = await m.entry('claude-desktop', 'weather')
    for (const fileId of ['0'.repeat(24), `${DESKTOP}/mcp.log`, '../../../../etc/passwd']) {
      const result = await dispatch(handlers, 'logs:read', { serverId: entry.id, fileId, projects: [m.project] }, call)
      expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
    const listed = await dispatch(handlers, 'logs:list', { serverId: entry.id, projects: [m.project] }, call)
    expect(listed.ok).toBe(true)
    const files = (listed as { value: { files: { id: string }[] } }).value.files
    const again = (await dispatch(handlers, 'logs:list', { serverId: entry.id, projects: [m.project] }, call)) as typeof listed
    expect((again as { value: { files: { id: string }[] } }).value.files.map((f) => f.id)).toEqual(files.map((f) => f.id))
    const ok = await dispatch(handlers, 'logs:read', { serverId: entry.id, fileId: files[0]!.id, maxLines: 1, projects: [m.project] }, call)
    expect(ok).toMatchObject({ ok: true, value: { lines: [expect.objectContaining({ n: expect.any(Number) })] } })
    expect(await dispatch(handlers, 'logs:list', { serverId: 'no-such-server', projects: [m.project] }, call)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
