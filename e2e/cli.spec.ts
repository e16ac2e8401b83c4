import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { expect, test } from '@playwright/test'
import { ReportSchema } from '../src/shared/report'
import { CLI, brokenAndHealthyHome, userEnv } from './helpers'

function run(args: string[], home: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: os.tmpdir(), env: userEnv(home), encoding: 'utf8', timeout: 60_000 })
}

test('diagnose --json prints exactly the report model, naming both servers, and exits 1', async () => {
  const { home, cleanup } = await brokenAndHealthyHome()
  try {
    const started = Date.now()
    const result = run(['diagnose', '--json'], home)
    const ms = Date.now() - started
    expect(result.status).toBe(1)
    const report = ReportSchema.parse(JSON.parse(result.stdout))
    const status = Object.fromEntries(report.servers.map((s) => [s.name, s.status]))
    expect(status).toEqual({ 'weather-api': 'error', notes: 'ok' })
    expect(result.stdout).not.toContain('sk-live-abcdefghijklmnop')
    test.info().annotations.push({ type: 'diagnose wall time', description: `${ms} ms (engine: ${report.durationMs} ms)` })
    console.log(`diagnose of 2 servers: ${ms} ms wall, ${report.durationMs} ms in the engine`)
  } finally {
    await cleanup()
  }
})

test('human output, --help and bad usage', async () => {
  const { home, cleanup } = await brokenAndHealthyHome()
  try {
    const human = run([], home)
    expect(human.status).toBe(1)
    expect(human.stdout).toMatch(/✖ error\s+weather-api/)
    expect(human.stdout).not.toContain('\u001b[')
    const help = run(['--help'], home)
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--no-probe')
    const bad = run(['--frobnicate'], home)
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/mcp-medic: .*frobnicate/)
    const md = run(['report', '--format', 'md'], home)
    expect(md.stdout).toContain('## MCP Medic report')
  } finally {
    await cleanup()
  }
})
