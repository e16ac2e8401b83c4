// Client-log benchmark (npm run bench:client-logs; not a test). Does reading the clients' own logs
// (client-log-errors, step 6) slow a diagnosis down? Two homes with the same 50 servers (40 Claude
// Code, 10 Claude Desktop, light fixture servers): one with years of logs (Claude Code: 50 project
// folders × 40 servers × 20 session files; Claude Desktop: a 5 MB log per server and a 50 MB
// mcp.log), one with none. `mcp-medic diagnose --json` runs on both, alternating, several rounds,
// with and without starting the servers. Reported: medians and the ratio with logs / without.
// Goal: ratio <= 1.05 with probes, and a few tens of ms at most without.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(root, 'out/main/cli.js')
const light = path.join(root, 'tests/fixtures/servers/light.mjs')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CODE_SERVERS = 40
const DESKTOP_SERVERS = 10
const PROJECTS = 50
const SESSIONS = 20

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const best = (values) => Math.min(...values)
const fmt = (ms) => `${Math.round(ms)} ms`

async function makeHome(withLogs) {
  const home = await mkdtemp(path.join(os.tmpdir(), `mcp-medic-bench-logs-${withLogs ? 'full' : 'empty'}-`))
  const server = { command: process.execPath, args: [light] }
  const code = Object.fromEntries(Array.from({ length: CODE_SERVERS }, (_, i) => [`code-${i}`, server]))
  const desktop = Object.fromEntries(Array.from({ length: DESKTOP_SERVERS }, (_, i) => [`desk-${i}`, server]))
  await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers: code }))
  await mkdir(path.join(home, '.config/Claude/logs'), { recursive: true })
  await writeFile(path.join(home, '.config/Claude/claude_desktop_config.json'), JSON.stringify({ mcpServers: desktop }))
  if (!withLogs) return home
  const now = Date.now()
  const record = (at, text) => `${JSON.stringify({ debug: text, timestamp: new Date(at).toISOString(), sessionId: 'x', cwd: home })}\n`
  for (let p = 0; p < PROJECTS; p++) {
    for (let s = 0; s < CODE_SERVERS; s++) {
      const dir = path.join(home, '.cache/claude-cli-nodejs', `-home-someone-project-${p}`, `mcp-logs-code-${s}`)
      await mkdir(dir, { recursive: true })
      for (let k = 0; k < SESSIONS; k++) {
        const at = now - (SESSIONS - k) * 3600_000
        const body = record(at, 'Starting connection with timeout of 30000ms') + record(at + 1, `Server stderr: ${'x'.repeat(3000)}`) + record(at + 2, 'Successfully connected (transport: stdio) in 140ms')
        await writeFile(path.join(dir, `${new Date(at).toISOString().replace(/[:.]/g, '-')}.jsonl`), body)
      }
    }
  }
  const line = (i) => `${new Date(now - 60_000).toISOString()} [desk-${i % DESKTOP_SERVERS}] [info] Message from server: {"jsonrpc":"2.0","id":${i},"result":{"content":[{"type":"text","text":"${'y'.repeat(200)}"}]}} { metadata: undefined }\n`
  const chunk = (lines, from) => Array.from({ length: lines }, (_, i) => line(from + i)).join('')
  for (let s = 0; s < DESKTOP_SERVERS; s++) await writeFile(path.join(home, '.config/Claude/logs', `mcp-server-desk-${s}.log`), chunk(18_000, 0))
  await writeFile(path.join(home, '.config/Claude/logs/mcp.log'), chunk(180_000, 0))
  return home
}

async function run(home, probe) {
  const args = [cli, 'diagnose', '--json', ...(probe ? [] : ['--no-probe'])]
  const env = { PATH: process.env.PATH, HOME: home, SHELL: '/bin/sh', MCP_MEDIC_STATUS_PAGES: 'off' }
  const t0 = performance.now()
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: home, env, maxBuffer: 64 << 20 }).catch((e) => e)
  const wall = performance.now() - t0
  const report = JSON.parse(stdout)
  if (report.servers.length !== CODE_SERVERS + DESKTOP_SERVERS) throw new Error(`expected ${CODE_SERVERS + DESKTOP_SERVERS} servers, got ${report.servers.length}`)
  return { wall, engine: report.durationMs, logFindings: report.servers.filter((s) => s.findings.some((f) => f.code === 'client-log-errors')).length }
}

async function main() {
  const t0 = performance.now()
  const [full, empty] = [await makeHome(true), await makeHome(false)]
  const made = performance.now() - t0
  const rows = []
  for (const probe of [true, false]) {
    const with_ = []
    const without = []
    // one discarded round each: the first run pays for a cold file cache
    await run(full, probe)
    await run(empty, probe)
    for (let round = 0; round < ROUNDS; round++) {
      with_.push(await run(full, probe))
      without.push(await run(empty, probe))
    }
    rows.push({ probe, with_, without })
  }
  const m = (list, key) => median(list.map((r) => r[key]))
  const lines = [
    `MCP Medic client-log benchmark · ${os.cpus().length} cores · load ${os.loadavg()[0].toFixed(1)} · node ${process.version} · medians of ${ROUNDS} rounds · homes made in ${fmt(made)}`,
    '',
    `${CODE_SERVERS} Claude Code servers with ${PROJECTS} × ${CODE_SERVERS} × ${SESSIONS} session logs (${PROJECTS * CODE_SERVERS * SESSIONS} files), ${DESKTOP_SERVERS} Claude Desktop servers with 5 MB logs and a 50 MB mcp.log, vs the same servers with no logs`,
    '',
    '| run | engine time with logs | without | ratio | wall time with logs | without | ratio | best engine time with / without |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(({ probe, with_, without }) => {
      const b = (list) => best(list.map((r) => r.engine))
      return `| ${probe ? 'diagnose (servers started)' : 'diagnose --no-probe'} | ${fmt(m(with_, 'engine'))} | ${fmt(m(without, 'engine'))} | ${(m(with_, 'engine') / m(without, 'engine')).toFixed(2)} | ${fmt(m(with_, 'wall'))} | ${fmt(m(without, 'wall'))} | ${(m(with_, 'wall') / m(without, 'wall')).toFixed(2)} | ${fmt(b(with_))} / ${fmt(b(without))} = ${(b(with_) / b(without)).toFixed(2)} |`
    }),
    '',
    `client-log-errors findings with logs: ${rows[0].with_[0].logFindings} (the logs show connections that worked). Goal: ratio <= 1.05 with servers started.`
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  await rm(full, { recursive: true, force: true })
  await rm(empty, { recursive: true, force: true })
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`)
  process.exit(1)
})
