import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/cli/serve'
import { dispatch } from '../../src/main/core/api/dispatch'
import { createHandlers, type Handlers } from '../../src/main/core/api/handlers'
import { CHANNELS, type Channel, type Result } from '../../src/shared/contract'
import type { Report } from '../../src/shared/report'
import { bundleForNode } from '../helpers/bundle'
import { CANARY, leaks, makeCanaryHome, type CanaryHome } from './canary-home'

/**
 * The redaction canary: secrets planted everywhere one can hide (see canary-home.ts) must appear
 * in no output at all: the three export formats, every channel's JSON over IPC and its progress
 * events, the browser face's HTTP responses, and the CLI's human, JSON and report output. Exports
 * must not name the home folder or the user either.
 */

let c: CanaryHome
let handlers: Handlers
const saved: string[] = []

beforeAll(async () => {
  c = await makeCanaryHome()
  handlers = createHandlers({ context: c.context, askSavePath: async ({ filename }) => path.join(c.root, filename) })
}, 60_000)
afterAll(() => c?.cleanup())

/** Everything one call answers and pushes, as text. */
async function call(channel: Channel, request: unknown): Promise<{ result: Result<unknown>; text: string }> {
  const pushed: unknown[] = []
  const result = await dispatch(handlers, channel, request, { emit: (_e, payload) => pushed.push(payload) })
  return { result, text: JSON.stringify([result, pushed]) }
}

function expectAnonymous(text: string, where: string): void {
  expect(text.includes(c.home), `${where} names the home folder`).toBe(false)
  expect(text.includes(CANARY.user), `${where} names the user`).toBe(false)
}

describe('the redaction canary', () => {
  it('finds every planted server, and nothing secret crosses IPC on any channel', async () => {
    const outputs: [string, string][] = []
    const run = await call('diagnose:run', { projects: [c.project], timeoutMs: 8_000 })
    expect(run.result.ok).toBe(true)
    const report = (run.result as { value: Report }).value
    const names = report.servers.map((s) => s.name).sort()
    expect(names).toEqual(['in-project', 'leaky', 'project-leaky', 'remote-auth', 'remote-down'])
    // The planted secrets really reached the evidence: the server printed them and the probe kept stderr.
    const leaky = report.servers.find((s) => s.name === 'leaky')!
    expect(leaky.probe?.stderrTail).toContain('upstream refused the credentials')
    expect(leaky.probe?.stderrTail).toContain('Bearer <redacted>')
    expect(leaky.probe?.stderrTail).toContain('debug: CANARY_API_KEY=<redacted>')
    expect(leaky.probe?.stdoutNoise?.firstLine).toContain('<redacted>')
    expect(report.servers.find((s) => s.name === 'remote-auth')!.probe?.remote?.exchanges.length).toBeGreaterThan(0)
    outputs.push(['diagnose:run', run.text])

    // A value the user types into an edit is a secret too, and so is its history.
    const edit = await call('config:edit', { serverId: leaky.id, op: { op: 'set-env', key: 'CANARY_TYPED', value: CANARY.editValue } })
    expect(edit.result.ok, edit.text).toBe(true)
    outputs.push(['config:edit', edit.text])

    const rerun = await call('diagnose:run', { projects: [c.project], timeoutMs: 8_000 })
    outputs.push(['diagnose:run again', rerun.text])
    const servers = (rerun.result as { value: Report }).value.servers
    for (const s of servers) outputs.push([`diagnose:server ${s.name}`, (await call('diagnose:server', { id: s.id, projects: [c.project], timeoutMs: 8_000 })).text])

    // Every other channel that answers with server data, built or not yet (those answer unavailable).
    const first = servers.find((s) => s.name === 'leaky')!
    const actions = servers.flatMap((s) => s.findings.flatMap((f) => [f.fix?.action, ...(f.fix?.alternatives ?? [])]).filter((a) => a !== undefined).map((a) => ({ serverId: s.id, actionId: a.id })))
    const requests: [Channel, unknown][] = [
      ['app:info', {}],
      ['config:history', {}],
      ['config:entry', { serverId: first.id, projects: [c.project] }],
      ['config:check', { serverId: first.id, text: '{}', projects: [c.project] }],
      ['clients:views', { projects: [c.project] }],
      ...[...actions, { serverId: first.id, actionId: 'no-such-action' }].map((a): [Channel, unknown] => ['fix:preview', a]),
      ...servers.map((s): [Channel, unknown] => ['logs:list', { serverId: s.id, projects: [c.project] }])
    ]
    for (const [channel, request] of requests) outputs.push([channel, (await call(channel, request)).text])
    // Carrying a fix out answers with the re-probed server, and so does undoing it.
    expect(actions.length).toBeGreaterThan(0)
    for (const action of actions) {
      const applied = await call('fix:apply', { ...action, projects: [c.project] })
      outputs.push(['fix:apply', applied.text])
      const backupId = applied.result.ok ? (applied.result.value as { backupId?: string }).backupId : undefined
      if (backupId) outputs.push(['fix:undo', (await call('fix:undo', { backupId, serverId: action.serverId, projects: [c.project] })).text])
    }
    for (const s of servers) {
      const list = await call('logs:list', { serverId: s.id, projects: [c.project] })
      const files = list.result.ok ? (list.result.value as { files: { id: string }[] }).files : []
      for (const f of files) outputs.push([`logs:read ${s.name}`, (await call('logs:read', { serverId: s.id, fileId: f.id, projects: [c.project] })).text])
    }
    for (const format of ['md', 'json', 'html'] as const) {
      const exported = await call('report:export', { format })
      expect(exported.result.ok, exported.text).toBe(true)
      const text = (exported.result as { value: { text: string } }).value.text
      outputs.push([`report:export ${format}`, exported.text])
      // The edit is listed as tried (by its variable's name), its value nowhere; the planted log lines are there, masked.
      expect(text).toMatch(/CANARY\\?_TYPED/)
      expect(text).toContain('mcp-logs-leaky')
      expectAnonymous(text, `report:export ${format}`)
      const save = await call('report:save', { format })
      const file = (save.result as { value: { path: string } }).value.path
      saved.push(file)
      const written = await readFile(file, 'utf8')
      expect(written).toBe(text)
      outputs.push([`report:save ${format}`, written])
    }
    // The channels this test skips on purpose: secret:reveal shows a value because the user asked;
    // config:save and config:undo answer with edit results only; status:check names no server.
    const covered = new Set([...outputs.map(([w]) => w.split(' ')[0]), 'secret:reveal', 'config:save', 'config:undo', 'status:check', 'logs:read'])
    expect(outputs.some(([w]) => w === 'fix:undo')).toBe(true)
    expect(CHANNELS.filter((ch) => !covered.has(ch))).toEqual([])
    for (const [where, text] of outputs) expect(leaks(text), where).toEqual([])
  }, 120_000)

  it('nothing secret in the browser face: API answers and the event stream', async () => {
    const server = await startServer({ handlers: createHandlers({ context: c.context }), rendererDir: c.root })
    try {
      const stream = await openEvents(server.port, server.token)
      const post = (channel: string, request: unknown) => httpText(server.port, '/api/call', { channel, request }, server.token)
      const bodies = [await post('diagnose:run', { projects: [c.project], timeoutMs: 8_000 })]
      for (const format of ['md', 'json', 'html']) bodies.push(await post('report:export', { format }))
      bodies.push(await post('report:save', { format: 'md' }))
      const events = stream.stop()
      expect(events).toContain('server-done')
      expect(bodies[4]).toContain('unavailable')
      for (const text of [...bodies, events]) expect(leaks(text)).toEqual([])
      for (const text of bodies.slice(1, 4)) expectAnonymous(text, 'browser face export')
    } finally {
      await server.close()
    }
  }, 120_000)

  it("nothing secret in the CLI's human, JSON and report output", async () => {
    const cli = await bundleForNode(path.resolve(__dirname, '../../src/cli/index.ts'), 'canary-cli')
    const run = (args: string[]) =>
      new Promise<string>((resolve) => {
        execFile(process.execPath, [cli, ...args, '--project', c.project, '--timeout', '8000'], { cwd: c.project, env: c.env, maxBuffer: 32 * 1024 * 1024 }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`))
      })
    // All at once: each run probes the same servers, and none depends on another.
    const formats = ['md', 'json', 'html']
    const [human, json, ...reports] = await Promise.all([run(['diagnose']), run(['diagnose', '--json']), ...formats.map((f) => run(['report', '--format', f]))])
    expect(human).toContain('leaky')
    expect(leaks(human)).toEqual([])
    expect(leaks(json!)).toEqual([])
    for (const [i, format] of formats.entries()) {
      const text = reports[i]!
      expect(text).toContain('remote-auth')
      expect(leaks(text), format).toEqual([])
      expectAnonymous(text, `mcp-medic report --format ${format}`)
    }
  }, 180_000)
})

function httpText(port: number, pathname: string, body: unknown, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'X-MCP-Medic-Token': token } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

/** Listens to the page's event stream; `stop()` hangs up and returns everything received. */
async function openEvents(port: number, token: string): Promise<{ stop(): string }> {
  let text = ''
  const req = http.get({ host: '127.0.0.1', port, path: `/api/events?token=${token}` })
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', resolve)
    req.once('error', reject)
  })
  res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
  return {
    stop() {
      req.destroy()
      return text
    }
  }
}
