import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverAll, diagnose } from '../../../src/main/core/diagnose/run'
import { claudeSlug } from '../../../src/main/core/logs/locate'
import { listServerLogs, readServerLog } from '../../../src/main/core/logs/service'
import type { Report } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'

/*
 * Ground truth: the real `claude` CLI (Claude Code) writes its logs in a temp home, offline, and
 * MCP Medic must find and read exactly those, and see from them which server failed and why. The
 * CLI is found at $MCP_MEDIC_CLAUDE_BIN, on PATH, or in /tmp/oracle-claude (where
 * reference/toolchain.md installs it); without one the test says so and is skipped.
 */

function findClaude(): string | undefined {
  const candidates = [process.env.MCP_MEDIC_CLAUDE_BIN, ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'claude')), '/tmp/oracle-claude/node_modules/.bin/claude']
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c))
}

const claude = findClaude()
if (!claude) console.warn('claude-cli.test: no `claude` CLI found (set MCP_MEDIC_CLAUDE_BIN, or npm install @anthropic-ai/claude-code in /tmp/oracle-claude); skipped')

describe.skipIf(!claude)('the logs the real Claude Code CLI writes', () => {
  let t: TempHome
  let project: string
  let listOutput = ''
  beforeAll(async () => {
    t = await makeHome()
    project = path.join(t.home, 'work', 'app')
    await t.write('work/app/README.md', 'a project\n')
    await t.write('.claude.json', {
      mcpServers: { broken: nodeServer('exit-error.mjs'), healthy: nodeServer('healthy.mjs'), gone: { command: 'does-not-exist-xyz' } },
      projects: { [project]: { hasTrustDialogAccepted: true } }
    })
    const env = { PATH: process.env.PATH, HOME: t.home, USER: 'tester', SHELL: '/bin/sh', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
    const { stdout } = await promisify(execFile)(claude!, ['mcp', 'list'], { cwd: project, env, timeout: 90_000 })
    listOutput = stdout
  }, 120_000)
  afterAll(() => t?.cleanup())

  const ctx = () => t.context({ cwd: project })
  const entry = async (name: string) => (await discoverAll(ctx(), { projects: [project] })).servers.find((s) => s.name === name && s.client === 'claude-code')!

  it("finds each server's own session log where Claude Code put it, and reads its records", async () => {
    expect(listOutput).toMatch(/broken: .* - ✘ Failed to connect/)
    expect(listOutput).toMatch(/healthy: .* - ✔ Connected/)
    for (const name of ['broken', 'healthy', 'gone']) {
      const e = await entry(name)
      const list = await listServerLogs(ctx(), e.id, { discover: discoverAll, projects: [project] })
      const own = list.files.filter((f) => f.forServer)
      expect(own).toHaveLength(1)
      expect(own[0]!.path).toMatch(new RegExp(`^${t.home}/\\.cache/claude-cli-nodejs/${claudeSlug(project)}/mcp-logs-${name}/[\\dTZ-]+\\.jsonl$`))
      const read = await readServerLog(ctx(), e.id, own[0]!.id, {}, { discover: discoverAll, projects: [project] })
      expect(read.lines.length).toBeGreaterThan(1)
      expect(read.lines[0]!.text).toMatch(/Starting connection with timeout of \d+ms/)
    }
  })

  it('tells from those logs which servers Claude Code failed to start, and why', async () => {
    const report: Report = await diagnose(ctx(), { projects: [project] })
    const logFinding = (name: string) => report.servers.find((s) => s.name === name)!.findings.find((f) => f.code === 'client-log-errors')
    expect(logFinding('broken')).toMatchObject({ severity: 'warning', evidence: { points: 'env-missing' } })
    expect(logFinding('gone')).toMatchObject({ severity: 'warning', evidence: { points: 'command-not-found' } })
    expect(logFinding('healthy')).toBeUndefined()
    expect(report.servers.find((s) => s.name === 'healthy')!.status).toBe('ok')
  })
})
