import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import type { Channel, Request } from '../../../src/shared/contract'
import type { Report } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'
import { actions, engine, type Engine } from './helpers'

/**
 * The canary: secrets planted in every place an entry can hold one (env values, header values,
 * `--api-key=…` and `--token …` arguments, URL queries and userinfo, a command line; JSON, TOML and
 * YAML files; a file whose servers sit under the wrong key), then every preview of every action,
 * every entry as the editor shows it, checks of edited texts, an applied fix with a typed value,
 * the outcome, the history and every error message are searched for them. None may appear,
 * except the one value the user asked to reveal, in that one answer.
 */

const S = {
  env: 'canary-env-value-91f0a2',
  arg: 'canary-arg-value-7d3b11',
  token: 'canary-token-arg-5e6f70',
  query: 'canary-query-value-c4d5e6',
  user: 'canary-userinfo-8a9b0c',
  header: 'canary-header-value-1a2b3c',
  peer: 'canary-peer-value-0f1e2d',
  toml: 'canary-toml-value-3c4d5e',
  yaml: 'canary-yaml-value-6f7a8b',
  vscode: 'canary-vscode-value-9c0d1e',
  typed: 'canary-typed-value-2e3f4a'
}

let t: TempHome
let e: Engine
let report: Report
beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', {
    mcpServers: {
      line: { command: `npx -y some-mcp --api-key=${S.arg}`, env: { API_KEY: S.env, OTHER: 'your_key_here' } },
      remote: { type: 'sse', url: `https://${S.user}@mcp.example.com/mcp?token=${S.query}`, headers: { Authorization: `Bearer ${S.header}`, 'X-Team': '<TEAM_ID>' } },
      tokens: { command: 'python', args: ['-m', 'srv', '--token', S.token], env: { SECRET: '${MISSING_SECRET}' } }
    }
  })
  await t.write('.cursor/mcp.json', { mcpServers: { line: { command: 'npx', args: ['-y', 'some-mcp'], env: { OTHER: S.peer } } } })
  await t.write('.codex/config.toml', `[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "mcp-docs"]\nenv_vars = ["DOCS_TOKEN"]\n\n[mcp_servers.docs.env]\nDOCS_KEY = "${S.toml}"\nPLACE = "<YOUR_KEY>"\n`)
  await t.write('.config/goose/config.yaml', `extensions:\n  fetch:\n    cmd: uvx\n    args: [mcp-server-fetch]\n    enabled: false\n    envs:\n      FETCH_KEY: ${S.yaml}\n    name: fetch\n    type: stdio\n`)
  await t.write('.config/Code/User/mcp.json', JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', 'gh'], env: { GH_TOKEN: S.vscode } } } }, null, 2))
  e = engine(t, () => t.context({ platform: 'linux', env: { PATH: '/usr/bin:/bin', HOME: t.home, USER: 'tester', SHELL: '/bin/sh' } }))
  report = await e.call('diagnose:run', { probe: false })
}, 60_000)
afterAll(async () => {
  await t.cleanup()
})

/** Calls a channel whether it answers or refuses; the answer or the error goes into the transcript. */
async function attempt<C extends Channel>(channel: C, request: Request<C>): Promise<void> {
  const result = await dispatch(e.handlers, channel, request, { emit: () => {} })
  e.transcript.push(JSON.stringify(result))
}

describe('no planted secret leaves the engine unless revealed', () => {
  it('through the diagnosis, every preview, every entry, checks, an applied fix, its undo and the history', async () => {
    expect(report.servers.length).toBeGreaterThanOrEqual(6)
    let previews = 0
    for (const s of report.servers) {
      for (const a of actions(s)) {
        const input = a.kind === 'edit' && a.value?.from === 'input' ? S.typed : undefined
        await attempt('fix:preview', { serverId: s.id, actionId: a.id, input })
        previews++
      }
      const shown = await dispatch(e.handlers, 'config:entry', { serverId: s.id }, { emit: () => {} })
      e.transcript.push(JSON.stringify(shown))
      if (shown.ok) {
        const text = (shown.value as { text: string }).text
        await attempt('config:check', { serverId: s.id, text })
        await attempt('config:check', { serverId: s.id, text: text.replace(/"?-y"?/, '"--yes"') })
        await attempt('config:check', { serverId: s.id, text: `${text}}` })
      }
    }
    for (const f of report.findings) {
      if (f.fix?.action) await attempt('fix:preview', { serverId: (f.evidence?.path as string) ?? '', actionId: f.fix.action.id })
    }
    expect(previews).toBeGreaterThanOrEqual(8)

    // one fix applied with a typed value, and undone
    const typed = report.servers.flatMap((s) => actions(s).map((a) => ({ s, a }))).find(({ a }) => a.kind === 'edit' && a.value?.from === 'input')!
    const applied = await e.call('fix:apply', { serverId: typed.s.id, actionId: typed.a.id, input: S.typed })
    await e.call('fix:undo', { backupId: applied.backupId!, serverId: applied.serverId })
    await e.call('config:history', {})
    // a refused apply with a typed value does not echo it either
    await attempt('fix:apply', { serverId: typed.s.id, actionId: 'nope', input: S.typed })

    const all = e.transcript.join('\n')
    for (const [where, secret] of Object.entries(S)) expect(all.includes(secret), `${where} leaked`).toBe(false)
  })

  it('shows exactly the value asked for, and only in that answer', async () => {
    const line = report.servers.find((s) => s.client === 'claude-code' && s.name === 'line')!
    const before = e.transcript.length
    const revealed = await e.call('config:entry', { serverId: line.id, reveal: ['env:API_KEY'] })
    expect(revealed.text).toContain(S.env)
    expect(revealed.text).not.toContain(S.arg)
    expect(await e.call('secret:reveal', { serverId: line.id, kind: 'env', key: 'API_KEY' })).toEqual({ value: S.env })
    expect(e.transcript.slice(before).every((answer) => !answer.includes(S.arg))).toBe(true)
  })
})
