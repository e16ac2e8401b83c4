import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expandValue } from '../../../src/main/core/clients/interpolation'
import { diagnose } from '../../../src/main/core/diagnose/run'
import type { ClientId, ServerReport } from '../../../src/shared/report'
import { fixtureServer, makeHome, type TempHome } from '../../helpers/home'
import { startRemote, type RemoteFixture } from '../../helpers/remote'

/**
 * Variable expansion before the probe. The Claude Code cases are what `claude mcp list` of Claude
 * Code 2.1.197 did with the same values (run offline against a temp home; the results are in the
 * comments): which environment it reads, what an unset variable does, which syntax it ignores.
 */

const vars = { home: '/home/ann', workspaceFolder: '/work/proj', separator: '/' }
const expand = (client: ClientId, value: string, env: Record<string, string | undefined>) => expandValue(client, value, env, vars)

describe('expandValue, per client', () => {
  it('Claude Code, as 2.1.197 does it', () => {
    const env = { FOO: 'foo-val', SERVER_PATH: '/srv/x.js', EMPTY: '', lower: 'low' }
    const cases: [string, string][] = [
      ['${NODE_BIN:-node}', 'node'], // unset with a default: the default
      ['${SERVER_PATH}', '/srv/x.js'],
      ['x${FOO}y', 'xfoo-valy'],
      ['$FOO', '$FOO'], // $VAR is not expanded
      ['${FOO:-dflt}', 'foo-val'],
      ['${UNSET_Y:-}', ''],
      ['${UNSET_Z:-a${FOO}b}', 'a${FOOb}'], // one pass: the default is taken as written up to the first }
      ['${env:FOO}', '${env:FOO}'], // Cursor's syntax means nothing to Claude Code
      ['${EMPTY:-d}', ''], // set to an empty string: stays empty, the default is for unset ones
      ['${EMPTY-d2}', '${EMPTY-d2}'],
      ['${lower}', 'low'],
      ['${A-B}', '${A-B}']
    ]
    for (const [value, want] of cases) expect(expand('claude-code', value, env).value, value).toBe(want)
    // unset without a default: passed as written (Claude Code warns "Missing environment variables: UNSET_X")
    const unset = expand('claude-code', '--root=${UNSET_X}', env)
    expect(unset).toMatchObject({ value: '--root=${UNSET_X}', unresolved: [{ text: '${UNSET_X}', name: 'UNSET_X', kind: 'env' }] })
  })

  it('Cursor and VS Code: ${env:VAR}, ${userHome}, ${workspaceFolder}; an unset variable is empty; inputs stay unknown', () => {
    expect(expand('cursor', '${userHome}/data:${workspaceFolder}/x:${env:FOO}:${env:NOPE}', { FOO: 'f' }).value).toBe('/home/ann/data:/work/proj/x:f:')
    expect(expand('cursor', '${FOO}', { FOO: 'f' }).value).toBe('${FOO}')
    const vs = expand('vscode', '${input:token} ${workspaceFolderBasename}${pathSeparator}${env:FOO}', { FOO: 'f' })
    expect(vs.value).toBe('${input:token} proj/f')
    expect(vs.unresolved.map((r) => r.kind)).toEqual(['input'])
    expect(expandValue('cursor', '${workspaceFolder}/x', {}, { home: '/h', separator: '/' }).unresolved.map((r) => r.name)).toEqual(['workspaceFolder'])
  })

  it('Windsurf reads ${file:…} (trimmed, ~ allowed, unchanged when unreadable); Gemini CLI $VAR and ${VAR}; Claude Desktop nothing', () => {
    const readFile = (f: string) => (f === '/home/ann/token.txt' ? '  tok-123\n' : undefined)
    expect(expandValue('windsurf', 'Bearer ${file:~/token.txt}', {}, { ...vars, readFile }).value).toBe('Bearer tok-123')
    expect(expandValue('windsurf', '${file:/nope}', {}, { ...vars, readFile }).value).toBe('${file:/nope}')
    expect(expand('gemini-cli', '$FOO-${FOO}-$NOPE', { FOO: 'f' }).value).toBe('f-f-$NOPE')
    // gemini-cli 0.61's resolveEnvVarsInString also takes ${VAR:-default}
    expect(expand('gemini-cli', '${NOPE:-node}', {}).value).toBe('node')
    expect(expand('claude-desktop', '${FOO} $FOO ${env:FOO}', { FOO: 'f' }).value).toBe('${FOO} $FOO ${env:FOO}')
  })
})

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** A project `.mcp.json` that Claude Code has approved, in a trusted folder. */
async function projectServers(servers: Record<string, unknown>): Promise<string> {
  const project = path.join(t.home, 'proj')
  await t.write('proj/.mcp.json', { mcpServers: servers })
  await t.write('proj/.claude/settings.local.json', { enableAllProjectMcpServers: true })
  await t.write('.claude.json', { projects: { [project]: { hasTrustDialogAccepted: true } } })
  return project
}

const byName = (servers: ServerReport[]) => Object.fromEntries(servers.map((s) => [s.name, s]))

describe('a server is started with its references expanded', () => {
  it('"command": "${NODE_BIN:-node}", "args": ["${SERVER_PATH}"] run, as they do in Claude Code', async () => {
    const project = await projectServers({
      expanded: { command: '${NODE_BIN:-node}', args: ['${SERVER_PATH}'], env: { GREETING: '${GREETING_VALUE:-hello}' } },
      unset: { command: '${NODE_BIN:-node}', args: ['${NOT_SET_ANYWHERE_PATH}'] }
    })
    const ctx = t.context({ cwd: project })
    const report = await diagnose({ ...ctx, env: { ...ctx.env, SERVER_PATH: fixtureServer('healthy.mjs') } }, { timeoutMs: 10_000, clients: ['claude-code'] })
    const servers = byName(report.servers)
    expect(servers.expanded).toMatchObject({ status: 'ok', findings: [], probe: { outcome: 'ok', tools: 2 } })
    // the report shows the entry as written
    expect(servers.expanded!.command).toBe('${NODE_BIN:-node}')
    // unset, no default: the text reaches node as written, node cannot find it, and that is the one error
    const unset = servers.unset!
    expect(unset.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['env-unexpanded'])
    expect(unset.findings[0]).toMatchObject({ code: 'env-unexpanded', evidence: { reference: '${NOT_SET_ANYWHERE_PATH}', exitCode: 1 } })
    expect(unset.findings[0]!.title).toBe('${NOT_SET_ANYWHERE_PATH} reached the server as written')
  })

  it("Claude Code's user settings env is part of its environment: expanded from, and passed on", async () => {
    // 2.1.197: ~/.claude/settings.json {"env": {...}} fills ${VAR} and reaches the server; the entry's env wins
    await t.write('.claude/settings.json', { env: { SCRIPT_FROM_SETTINGS: fixtureServer('needs-env.mjs'), FIXTURE_API_KEY: 'from-settings-1234' } })
    await t.write('.claude.json', { mcpServers: { settings: { command: process.execPath, args: ['${SCRIPT_FROM_SETTINGS}'] } } })
    const report = await diagnose(t.context(), { timeoutMs: 10_000, clients: ['claude-code'] })
    expect(report.servers[0]).toMatchObject({ status: 'ok', findings: [], probe: { outcome: 'ok', tools: 1 } })
    expect(JSON.stringify(report)).not.toContain('from-settings-1234')
    // the config check alone agrees: the variable is set for Claude Code
    const unprobed = await diagnose(t.context(), { probe: false, clients: ['claude-code'] })
    expect(unprobed.servers[0]!.findings).toEqual([])
  })

  it('an unset reference in an entry that still works is a warning, not an error', async () => {
    const project = await projectServers({ optional: { command: process.execPath, args: [fixtureServer('healthy.mjs')], env: { UNUSED: '${NOT_SET_OPTIONAL}' } } })
    const report = await diagnose(t.context({ cwd: project }), { timeoutMs: 10_000, clients: ['claude-code'] })
    const s = report.servers[0]!
    expect(s.status).toBe('warning')
    expect(s.findings.map((f) => `${f.code}/${f.severity}`)).toEqual(['env-unexpanded/warning'])
  })

  describe('remote', () => {
    let remote: RemoteFixture
    beforeEach(async () => {
      remote = await startRemote(['--auth', 'tok-expanded-4711'])
    })
    afterEach(async () => {
      await remote.stop()
    })

    it('url and headers are expanded too, and the expanded token never reaches the report', async () => {
      const port = new URL(remote.origin).port
      await t.write('.claude.json', {
        mcpServers: { api: { type: 'http', url: 'http://127.0.0.1:${RPORT}/mcp', headers: { Authorization: 'Bearer ${API_TOKEN}' } } }
      })
      const ctx = t.context()
      const report = await diagnose({ ...ctx, env: { ...ctx.env, RPORT: port, API_TOKEN: 'tok-expanded-4711' } }, { timeoutMs: 10_000, clients: ['claude-code'] })
      expect(report.servers[0]).toMatchObject({ status: 'ok', probe: { outcome: 'ok' } })
      expect(JSON.stringify(report)).not.toContain('tok-expanded-4711')
    })
  })
})
