// Probe benchmark (npm run bench; not a test). Everything is measured side by side in one run and
// reported as ratios:
//  1. `mcp-medic diagnose` on 20 fixture servers whose startup delays spread from 0 to 2 s:
//     total wall time / the slowest server's own time to answer (bare SDK client, alone).
//     Goal: <= 1.15, plus at most 300 ms. Run twice: with servers built on the SDK (realistic, and
//     CPU-heavy to start) and with light servers (tests/fixtures/servers/light.mjs, no SDK).
//  2. per probe: MCP Medic's probe vs a bare SDK client (StdioClientTransport + Client) on the
//     same server, alternating, several rounds. Goal: <= 1.2x.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { build } from 'vite'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const healthy = path.join(root, 'tests/fixtures/servers/healthy.mjs')
const light = path.join(root, 'tests/fixtures/servers/light.mjs')
const cli = path.join(root, 'out/main/cli.js')
const SERVERS = 20
const MAX_DELAY = 2000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const delays = Array.from({ length: SERVERS }, (_, i) => Math.round((i * MAX_DELAY) / (SERVERS - 1)))

/** A bare SDK client: spawn, initialize, tools/list, close. Returns ms to the answer and in total. */
async function bareClient(delay, fixture = healthy) {
  const t0 = performance.now()
  const transport = new StdioClientTransport({ command: process.execPath, args: [fixture], env: { PATH: process.env.PATH ?? '', DELAY_MS: String(delay) }, stderr: 'ignore' })
  const client = new Client({ name: 'bench', version: '0' })
  await client.connect(transport)
  const answeredMs = performance.now() - t0
  await client.listTools()
  const listedMs = performance.now() - t0
  await client.close()
  return { answeredMs, listedMs, totalMs: performance.now() - t0 }
}

/** MCP Medic's probe, bundled from the sources so it runs here as it runs in the app. */
async function loadProbe() {
  const outDir = path.join(root, 'node_modules/.cache/mcp-medic-bench')
  await build({
    configFile: false,
    logLevel: 'silent',
    build: { ssr: path.join(root, 'src/main/core/probe/stdio.ts'), outDir, emptyOutDir: true, minify: false, target: 'node20', rollupOptions: { output: { format: 'cjs', entryFileNames: 'probe.cjs' } } }
  })
  return createRequire(import.meta.url)(path.join(outDir, 'probe.cjs')).probeStdio
}

async function medicProbe(probeStdio, delay) {
  const t0 = performance.now()
  const evidence = await probeStdio({ command: process.execPath, args: [healthy], env: { PATH: process.env.PATH ?? '', DELAY_MS: String(delay) }, cwd: root, timeoutMs: 30_000 })
  if (evidence.outcome !== 'ok') throw new Error(`probe failed: ${evidence.outcome}`)
  return { answeredMs: evidence.timings.initializeMs, listedMs: evidence.timings.toolsListMs, totalMs: performance.now() - t0 }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fmt = (ms) => `${Math.round(ms)} ms`
const ratio = (a, b) => (a / b).toFixed(2)

/**
 * Part 1 for one fixture: the slowest server alone, twenty bare SDK clients at once (the floor),
 * and `mcp-medic diagnose --json` on the same twenty, alternating, several rounds.
 */
async function diagnoseRun(fixture) {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-bench-'))
  const mcpServers = Object.fromEntries(delays.map((d, i) => [`s${String(i).padStart(2, '0')}-${d}ms`, { command: process.execPath, args: [fixture], env: { DELAY_MS: String(d) } }]))
  await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers }))
  const m = { slowestAlone: [], wall: [], engine: [], inRunSlowest: [], floor: [], floorSlowest: [] }
  for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round++) {
    m.slowestAlone.push((await bareClient(MAX_DELAY, fixture)).answeredMs)
    const f0 = performance.now()
    const all = await Promise.all(delays.map((d) => bareClient(d, fixture)))
    m.floor.push(performance.now() - f0)
    m.floorSlowest.push(Math.max(...all.map((r) => r.answeredMs)))
    const t0 = performance.now()
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'diagnose', '--json'], { cwd: home, env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/sh' }, maxBuffer: 16 << 20 }).catch((e) => e)
    m.wall.push(performance.now() - t0)
    const report = JSON.parse(stdout)
    if (report.summary.ok !== SERVERS) throw new Error(`expected ${SERVERS} healthy servers, got ${JSON.stringify(report.summary)}`)
    m.engine.push(report.durationMs)
    m.inRunSlowest.push(Math.max(...report.servers.map((s) => s.probe.timings.initializeMs)))
  }
  await rm(home, { recursive: true, force: true })
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]))
}

function part1Table(title, r) {
  const goal = 1.15 * r.slowestAlone + 300
  return [
    title,
    '',
    '| measure | time | ratio to slowest server alone |',
    '|---|---|---|',
    `| slowest server alone (bare SDK, spawn → initialize answered) | ${fmt(r.slowestAlone)} | 1.00 |`,
    `| slowest server inside the run (its own spawn → answer) | ${fmt(r.inRunSlowest)} | ${ratio(r.inRunSlowest, r.slowestAlone)} |`,
    `| ${SERVERS} bare SDK clients at once: slowest answer | ${fmt(r.floorSlowest)} | ${ratio(r.floorSlowest, r.slowestAlone)} |`,
    `| ${SERVERS} bare SDK clients at once: all answered, listed and closed (the floor on this machine) | ${fmt(r.floor)} | ${ratio(r.floor, r.slowestAlone)} |`,
    `| engine time (report.durationMs) | ${fmt(r.engine)} | ${ratio(r.engine, r.slowestAlone)} |`,
    `| total wall time of \`mcp-medic diagnose --json\` (incl. CLI start) | ${fmt(r.wall)} | ${ratio(r.wall, r.slowestAlone)} |`,
    '',
    `Goal: total <= 1.15 × slowest + 300 ms = ${fmt(goal)} → ${r.wall <= goal ? 'met' : 'NOT met'} (engine time: ${r.engine <= goal ? 'met' : 'NOT met'}). ` +
      `Against the concurrent bare-SDK floor: total / slowest answer there = ${ratio(r.wall, r.floorSlowest)}, engine / all done there = ${ratio(r.engine, r.floor)}.`,
    ''
  ]
}

async function main() {
  // 1. the whole diagnosis against the slowest server alone, with SDK servers (realistic, CPU-heavy
  // to start) and with light servers (no SDK: what is left is MCP Medic's own overhead)
  const sdk = await diagnoseRun(healthy)
  const lite = await diagnoseRun(light)

  // 2. one probe against one bare SDK client, same server, alternating
  const probeStdio = await loadProbe()
  // one discarded round of each, so neither side pays for loading code or warming the JIT
  await bareClient(0)
  await medicProbe(probeStdio, 0)
  const rows = []
  for (const delay of [0, 1000, 2000]) {
    const medic = []
    const bare = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await bareClient(delay))
      medic.push(await medicProbe(probeStdio, delay))
    }
    rows.push({ delay, medic, bare })
  }

  const lines = [
    `MCP Medic probe benchmark · ${os.cpus().length} cores · node ${process.version} · medians of ${Math.max(3, Math.ceil(ROUNDS / 2))} runs (part 1) and ${ROUNDS} rounds (part 2)`,
    '',
    ...part1Table(`1a. diagnose: ${SERVERS} SDK stdio servers (tests/fixtures/servers/healthy.mjs), startup delays ${delays[0]}–${MAX_DELAY} ms, run concurrently`, sdk),
    ...part1Table(`1b. the same with ${SERVERS} light servers (tests/fixtures/servers/light.mjs: no SDK, cheap to start), so CPU contention between servers is small`, lite),
    'With SDK servers, twenty Node processes loading the SDK at once compete for the cores; the floor rows show what that costs any client.',
    '',
    '2. one probe vs a bare SDK client on the same server (spawn, initialize, tools/list, end)',
    '',
    '| server delay | bare SDK: answered / listed / closed | MCP Medic: answered / listed / ended | ratio listed | ratio total |',
    '|---|---|---|---|---|',
    ...rows.map(({ delay, medic, bare }) => {
      const m = (k) => median(medic.map((r) => r[k]))
      const b = (k) => median(bare.map((r) => r[k]))
      return `| ${delay} ms | ${fmt(b('answeredMs'))} / ${fmt(b('listedMs'))} / ${fmt(b('totalMs'))} | ${fmt(m('answeredMs'))} / ${fmt(m('listedMs'))} / ${fmt(m('totalMs'))} | ${ratio(m('listedMs'), b('listedMs'))}× | ${ratio(m('totalMs'), b('totalMs'))}× |`
    }),
    '',
    'Goal: per-probe time <= 1.2× a bare SDK client.'
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`)
  process.exit(1)
})
