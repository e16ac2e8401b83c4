import { createHash } from 'node:crypto'
import { chmod, readFile, stat, symlink, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../../src/shared/report'
import { fixtureServer, makeHome, type TempHome } from '../../helpers/home'
import { engine, primary, server, type Engine } from './helpers'
import { roundTrip } from './round-trip'

/**
 * Every stdio fix on one temp home: each is previewed, applied, re-probed by the engine, and
 * undone, and the file comes back byte for byte. Servers are real processes (fixtures written
 * with the MCP SDK); the login shell is a real bash reading the home's .bash_profile.
 */

const SHELL_SECRET = 'shell-secret-4f9a1c77e2b0'
const TYPED_SECRET = 'typed-secret-a83d91bb0c55'
const PEER_SECRET = 'peer-secret-0c1d2e3f4a5b'
const sha = (s: string): string => createHash('sha256').update(s).digest('hex')
const NODE = process.execPath

let t: TempHome
let e: Engine
let report: Report
let claudeJson: string

beforeAll(async () => {
  t = await makeHome()
  await t.write('.bash_profile', `export FIXTURE_API_KEY=${SHELL_SECRET}\nexport PATH="$HOME/tools/bin:$PATH"\n`)
  await t.write('tools/bin/notes-server', `#!/bin/sh\nexec '${NODE}' '${fixtureServer('healthy.mjs')}'\n`)
  await chmod(path.join(t.home, 'tools/bin/notes-server'), 0o755)
  await t.write('srv/run.py', `import os\nos.execv(${JSON.stringify(NODE)}, ["node", ${JSON.stringify(fixtureServer('healthy.mjs'))}])\n`)
  await mkdir(path.join(t.home, 'srv'), { recursive: true })
  await symlink(fixtureServer('healthy.mjs'), path.join(t.home, 'srv/healthy.mjs'))
  await t.write('bin/plain-server', `#!/bin/sh\nexec '${NODE}' '${fixtureServer('healthy.mjs')}'\n`)
  await chmod(path.join(t.home, 'bin/plain-server'), 0o644)
  const checksKey = (env: Record<string, string>, variable = 'FIXTURE_API_KEY') => ({ command: NODE, args: [fixtureServer('checks-key.mjs'), '--variable', variable], env })
  claudeJson = await t.write('.claude.json', {
    numStartups: 3,
    mcpServers: {
      'from-shell': checksKey({ KEY_SHA256: sha(SHELL_SECRET) }),
      typed: checksKey({ KEY_SHA256: sha(TYPED_SECRET), TYPED_KEY: 'your_api_key_here' }, 'TYPED_KEY'),
      peer: checksKey({ KEY_SHA256: sha(PEER_SECRET), PEER_KEY: '<YOUR_API_KEY>' }, 'PEER_KEY'),
      notes: { command: 'notes-server' },
      py: { command: 'python', args: [path.join(t.home, 'srv/run.py')] },
      line: { command: `${NODE} ${fixtureServer('healthy.mjs')}` },
      tilde: { command: NODE, args: ['~/srv/healthy.mjs'] },
      plain: { command: path.join(t.home, 'bin/plain-server') }
    }
  })
  // Cursor has the same server with its key set: a value to copy
  await t.write('.cursor/mcp.json', { mcpServers: { peer: checksKey({ KEY_SHA256: sha(PEER_SECRET), PEER_KEY: PEER_SECRET }, 'PEER_KEY') } })
  e = engine(t)
  report = await e.call('diagnose:run', { clients: ['claude-code', 'cursor'], timeoutMs: 20_000 })
}, 120_000)
afterAll(async () => {
  await t.cleanup()
})

describe('stdio fixes: preview, apply, re-test, undo', () => {
  it('copies a variable from the login shell: the server that needed it connects, and undo brings the failure back', async () => {
    const s = server(report, 'from-shell')
    expect(s.status).toBe('error')
    const action = primary(s, 'env-missing')
    expect(action).toMatchObject({ kind: 'edit', value: { from: 'login-shell', name: 'FIXTURE_API_KEY' } })
    const { preview, undone } = await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, async (applied) => {
      expect(applied.before.status).toBe('error')
      expect(applied.after).toMatchObject({ status: 'ok', tools: 1, codes: [] })
      // the exact value from the shell is in the file now (the server checked it too)
      expect(await readFile(claudeJson, 'utf8')).toContain(`"FIXTURE_API_KEY": "${SHELL_SECRET}"`)
    })
    expect(preview.diff).toContain('+        "FIXTURE_API_KEY": "<redacted>"')
    expect(preview.summary).toMatch(/copied from FIXTURE_API_KEY in your login shell/)
    expect(undone.after.status).toBe('error')
    expect(undone.after.codes).toContain('env-missing')
  })

  it('sets a typed value in place of a placeholder: only the input action accepts input', async () => {
    const s = server(report, 'typed')
    expect(s.status).toBe('error')
    const action = primary(s, 'env-placeholder')
    expect(action).toMatchObject({ kind: 'edit', value: { from: 'input', secret: true } })
    const preview = await e.call('fix:preview', { serverId: s.id, actionId: action.id })
    expect(preview.diff).toContain('-        "TYPED_KEY": "your_api_key_here"')
    expect(preview.diff).toContain('+        "TYPED_KEY": "<redacted>"')
    expect(await e.refuse('fix:apply', { serverId: s.id, actionId: action.id })).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/Type the value of TYPED_KEY/) })
    const { undone } = await roundTrip(e, { serverId: s.id, actionId: action.id, input: TYPED_SECRET }, claudeJson, (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 1 })
    })
    expect(undone.after.status).toBe('error')
  })

  it("copies the value from another client's entry for the same server", async () => {
    const s = server(report, 'peer')
    const action = primary(s, 'env-placeholder')
    expect(action).toMatchObject({ value: { from: 'server', name: 'PEER_KEY' } })
    expect(action.label).toMatch(/Cursor "peer"/)
    await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, async (applied) => {
      expect(applied.after.status).toBe('ok')
      expect(applied.summary).toMatch(/value copied from Cursor "peer"/)
      expect(await readFile(claudeJson, 'utf8')).toContain(PEER_SECRET)
    })
  })

  it('uses the absolute path the login shell finds', async () => {
    const s = server(report, 'notes')
    const action = primary(s, 'command-only-in-login-shell')
    const command = path.join(t.home, 'tools/bin/notes-server')
    expect(action).toMatchObject({ kind: 'edit', edit: { op: { op: 'set-command', command } } })
    const { preview } = await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, (applied) => {
      expect(applied.after).toMatchObject({ status: 'ok', tools: 2 })
    })
    expect(preview.diff).toContain(`-      "command": "notes-server"\n+      "command": "${command}"`)
  })

  it('runs python3 where the entry says python', async () => {
    const s = server(report, 'py')
    const action = primary(s, 'command-not-found')
    expect(action).toMatchObject({ edit: { op: { op: 'set-command', command: 'python3' } } })
    await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, (applied) => {
      expect(applied.after.status).toBe('ok')
    })
  })

  it('splits a whole command line into the command and its arguments', async () => {
    const s = server(report, 'line')
    const action = primary(s, 'command-contains-args')
    expect(action).toMatchObject({ edit: { op: { op: 'split-command' } } })
    const { preview } = await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, (applied) => {
      expect(applied.before.codes).toContain('command-contains-args')
      expect(applied.after).toMatchObject({ status: 'ok', codes: [] })
    })
    expect(preview.diff).toContain(`+      "command": "${NODE}",\n+      "args": ["${fixtureServer('healthy.mjs')}"]`)
  })

  it('writes the absolute path for a "~" the client does not expand', async () => {
    const s = server(report, 'tilde')
    const action = primary(s, 'relative-path')
    expect(action).toMatchObject({ edit: { op: { op: 'set-arg', index: 0, value: path.join(t.home, 'srv/healthy.mjs') } } })
    await roundTrip(e, { serverId: s.id, actionId: action.id }, claudeJson, (applied) => {
      expect(applied.after.status).toBe('ok')
    })
  })

  it('gives a script the execute permission after confirmation, and undo puts the old mode back (also in the history)', async () => {
    const s = server(report, 'plain')
    const file = path.join(t.home, 'bin/plain-server')
    const action = primary(s, 'not-executable')
    expect(action).toEqual({ id: 'not-executable:chmod', label: `Give ${file} the execute permission`, kind: 'chmod', path: file })
    // not without the confirmation, nor once the file changed since it was confirmed
    expect(await e.refuse('fix:apply', { serverId: s.id, actionId: action.id })).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/only once confirmed/) })
    const stale = await e.call('fix:preview', { serverId: s.id, actionId: action.id })
    await chmod(file, 0o640)
    expect(await e.refuse('fix:apply', { serverId: s.id, actionId: action.id, expectedHash: stale.expectedHash })).toMatchObject({ code: 'conflict' })
    await chmod(file, 0o644)
    const { preview, applied, undone } = await roundTrip(e, { serverId: s.id, actionId: action.id }, file, async (outcome) => {
      expect((await stat(file)).mode & 0o777).toBe(0o755)
      expect(outcome.after).toMatchObject({ status: 'ok', tools: 2 })
    })
    expect(preview.confirm).toBe(`Change the permissions of ${file} from 0644 to 0755, so it can be started as a program? Undo puts 0644 back.`)
    expect(preview.diff).toBeUndefined()
    expect(undone.after.codes).toContain('not-executable')
    const history = await e.call('config:history', {})
    expect(history.find((r) => r.id === applied.backupId)).toMatchObject({ kind: 'chmod', modeBefore: '0644', modeAfter: '0755', path: file, undoneAt: expect.any(String) })
    // the file stayed as it was: a chmod never rewrites content
    expect(await e.refuse('config:undo', { backupId: applied.backupId! })).toMatchObject({ code: 'not-found' })
  })

  it('left no secret in any answer except where the fix wrote it', () => {
    const all = e.transcript.join('\n')
    for (const secret of [SHELL_SECRET, TYPED_SECRET, PEER_SECRET]) expect(all).not.toContain(secret)
  })
})
