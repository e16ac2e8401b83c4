import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'
import { engine, primary, server, userContext } from './helpers'

/**
 * Ground truth for the approval fix: after MCP Medic approves a Claude Code project server, the
 * real `claude` CLI (pinned in devDependencies) lists it as connected in the same temp home. Runs
 * where the pinned CLI starts; says why it is skipped otherwise.
 */

const CLAUDE = path.resolve(__dirname, '../../../node_modules/.bin/claude')
const HAS_CLAUDE = existsSync(CLAUDE)
if (!HAS_CLAUDE) console.warn(`[claude-approval.test] skipped: no pinned claude CLI at ${CLAUDE}`)

const homes: TempHome[] = []
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.cleanup()))
})

/** `claude mcp list` in the project folder of a temp home, offline, as toolchain.md describes. */
async function claudeList(home: string, folder: string): Promise<string> {
  const env = { HOME: home, PATH: process.env.PATH, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
  const { stdout } = await promisify(execFile)(CLAUDE, ['mcp', 'list'], { cwd: folder, env, timeout: 90_000 })
  return stdout
}

/** A project with one .mcp.json server, approved through fix:apply; returns what claude says after. */
async function approveAndList(trusted: boolean, rejectedLocally: boolean): Promise<{ before: string; after: string; summary: string }> {
  const t = await makeHome()
  homes.push(t)
  const dir = path.join(t.home, 'work', 'app')
  await t.write('work/app/.mcp.json', { mcpServers: { team: nodeServer('healthy.mjs') } })
  await t.write('.claude.json', { projects: { [dir]: { hasTrustDialogAccepted: trusted } } })
  if (rejectedLocally) await t.write('work/app/.claude/settings.local.json', '{ "disabledMcpjsonServers": ["team"] }\n')
  const before = await claudeList(t.home, dir)
  const e = engine(t, () => userContext(t, { cwd: dir }))
  const team = server(await e.call('diagnose:run', { clients: ['claude-code'], probe: false }), 'team')
  const applied = await e.call('fix:apply', { serverId: team.id, actionId: primary(team, 'project-server-unapproved').id })
  expect(applied.after).toMatchObject({ status: 'ok', tools: 2 })
  return { before, after: await claudeList(t.home, dir), summary: applied.summary }
}

describe.skipIf(!HAS_CLAUDE)('the approval fix, checked with the real claude CLI', () => {
  it('approves in a folder that is not trusted (user settings) and lifts a local rejection in a trusted one', async () => {
    const [untrusted, rejected] = await Promise.all([approveAndList(false, false), approveAndList(true, true)])
    expect(untrusted.before).toMatch(/team: .* - ⏸ Pending approval/)
    expect(untrusted.after).toMatch(/team: .* - ✔ Connected/)
    expect(untrusted.summary).toMatch(/\.claude\/settings\.json/)
    // a rejected server is not even listed
    expect(rejected.before).not.toMatch(/team:/)
    expect(rejected.after).toMatch(/team: .* - ✔ Connected/)
    expect(rejected.summary).toMatch(/settings\.local\.json/)
  }, 240_000)
})
