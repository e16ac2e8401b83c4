import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers, type Handlers } from '../../../src/main/core/api/handlers'
import type { Channel, Result } from '../../../src/shared/contract'
import type { Report } from '../../../src/shared/report'
import { fixtureServer, makeHome, nodeServer, type TempHome } from '../../helpers/home'

/** report:export and report:save through the real handlers, on a real diagnosis of a temp home. */

let t: TempHome
let handlers: Handlers
let answer: string | undefined
const asked: string[] = []

const call = async <T,>(channel: Channel, request: unknown): Promise<Result<T>> => (await dispatch(handlers, channel, request, { emit: () => {} })) as Result<T>
const value = <T,>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
type Exported = { format: string; filename: string; mime: string; text: string; bytes: number; trimmed: boolean }

beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', { mcpServers: { notes: nodeServer('healthy.mjs'), weather: nodeServer('exit-error.mjs', { env: { WEATHER_API_KEY: 'wk-1234567890' } }) } })
  handlers = createHandlers({
    context: () => t.context(),
    dataDir: path.join(t.home, 'data'),
    askSavePath: async ({ filename }) => {
      asked.push(filename)
      return answer
    }
  })
})
afterAll(() => t.cleanup())

describe('report:export and report:save', () => {
  it('says clearly that there is nothing to export before a diagnosis', async () => {
    const result = await call('report:export', { format: 'md' })
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/^Nothing has been diagnosed yet: run a diagnosis first/) } })
    expect((await call('report:save', { format: 'md' })).ok).toBe(false)
  })

  it('exports the last diagnosis in each format, named for the day, with the home shown as ~', async () => {
    value(await call<Report>('diagnose:run', { timeoutMs: 10_000 }))
    const md = value(await call<Exported>('report:export', { format: 'md' }))
    expect(md).toMatchObject({ format: 'md', mime: 'text/markdown; charset=utf-8', trimmed: false })
    expect(md.filename).toMatch(/^mcp-medic-report-\d{4}-\d{2}-\d{2}-\d{4}\.md$/)
    expect(md.bytes).toBe(Buffer.byteLength(md.text))
    expect(md.text).toContain('| ❌ error | weather | Claude Code | user |')
    expect(md.text).toContain('- Config: `~/.claude.json`')
    expect(md.text).not.toContain(t.home)
    expect(md.text).not.toContain('wk-1234567890')
    const json = value(await call<Exported>('report:export', { format: 'json' }))
    const parsed = JSON.parse(json.text) as Report
    expect(parsed.servers.map((s) => s.configPath)).toEqual(['~/.claude.json', '~/.claude.json'])
    expect(json.mime).toBe('application/json')
    const html = value(await call<Exported>('report:export', { format: 'html' }))
    expect(html.text).toMatch(/^<!doctype html>/)
    expect(html.filename.endsWith('.html')).toBe(true)
  })

  it('folds re-tests into the export: a server fixed and re-tested shows as fixed', async () => {
    const report = value(await call<Report>('diagnose:run', { timeoutMs: 10_000 }))
    const weather = report.servers.find((s) => s.name === 'weather')!
    expect(weather.status).toBe('error')
    await t.write('.claude.json', { mcpServers: { notes: nodeServer('healthy.mjs'), weather: { command: process.execPath, args: [fixtureServer('healthy.mjs')] } } })
    value(await call('diagnose:server', { id: weather.id, timeoutMs: 10_000 }))
    const md = value(await call<Exported>('report:export', { format: 'md' })).text
    expect(md).toContain('| ✅ ok | weather | Claude Code | user |')
    expect(md).toContain('**2 servers: 2 ok · 0 warnings · 0 errors**')
  })

  it('lists what the user already tried through the app, and whether it was undone', async () => {
    const report = value(await call<Report>('diagnose:run', { timeoutMs: 10_000 }))
    const notes = report.servers.find((s) => s.name === 'notes')!
    const first = value(await call<{ backupId: string }>('config:edit', { serverId: notes.id, op: { op: 'set-env', key: 'NOTES_DIR', value: '/tmp/notes' } }))
    value(await call('config:undo', { backupId: first.backupId }))
    value(await call('config:edit', { serverId: notes.id, op: { op: 'set-env', key: 'NOTES_MODE', value: 'fast' } }))
    const md = value(await call<Exported>('report:export', { format: 'md' })).text
    const section = md.slice(md.indexOf('### Already tried in MCP Medic'))
    expect(section).toMatch(/\| `~\/\.claude\.json` \| .*NOTES\\_DIR.* \| undone \d{4}-/)
    expect(section).toMatch(/\| `~\/\.claude\.json` \| .*NOTES\\_MODE.* \| in place \|/)
    const json = JSON.parse(value(await call<Exported>('report:export', { format: 'json' })).text) as Report
    // Newest first: the second edit, the undo (its own backup record), the first edit (undone).
    expect(json.edits!.map((e) => [e.summary.startsWith('undo: '), e.undoneAt !== undefined])).toEqual([
      [false, false],
      [true, false],
      [false, true]
    ])
  })

  it('saves through the desktop save dialog, user-only, and does nothing when it is cancelled', async () => {
    answer = path.join(t.home, 'out', '..', 'saved-report.md')
    const saved = value(await call<{ saved: boolean; path?: string }>('report:save', { format: 'md' }))
    expect(saved).toEqual({ saved: true, path: answer })
    expect(asked.at(-1)).toMatch(/^mcp-medic-report-.*\.md$/)
    const text = await readFile(answer, 'utf8')
    expect(text).toBe(value(await call<Exported>('report:export', { format: 'md' })).text)
    expect((await stat(answer)).mode & 0o777).toBe(0o600)
    answer = undefined
    expect(value(await call('report:save', { format: 'html' }))).toEqual({ saved: false })
    answer = path.join(t.home, 'no-such-folder', 'r.md')
    const failed = await call('report:save', { format: 'md' })
    expect(failed.ok).toBe(false)
    expect(!failed.ok && failed.error.message).toMatch(/^Could not save the report to .*no-such-folder/)
  })

  it('answers unavailable for report:save where there is no save dialog (the browser face)', async () => {
    const browser = createHandlers({ context: () => t.context() })
    value(await dispatch(browser, 'diagnose:run', { probe: false }, { emit: () => {} }))
    expect(await dispatch(browser, 'report:save', { format: 'md' }, { emit: () => {} })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('the page downloads the exported report instead') }
    })
  })
})
