// Probe benchmark (npm run bench; not a test). Everything is measured side by side in one run and
// reported as ratios:
//  1. `mcp-medic diagnose` on 20 fixture servers whose startup delays spread from 0 to 2 s:
//     total wall time / the slowest server's own time to answer (bare SDK client, alone).
//     Goal: <= 1.15, plus at most 300 ms.
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
const cli = path.join(root, 'out/main/cli.js')
const SERVERS = 20
const MAX_DELAY = 2000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const delays = Array.from({ length: SERVERS }, (_, i) => Math.round((i * MAX_DELAY) / (SERVERS - 1)))

/** A bare SDK client: spawn, initialize, tools/list, close. Returns ms to the answer and in total. */
async function bareClient(delay) {
  const t0 = performance.now()
  const transport = new StdioClientTransport({ command: process.execPath, args: [healthy], env: { PATH: process.env.PATH ?? '', DELAY_MS: String(delay) }, stderr: 'ignore' })
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

async function main() {
  // 1. the whole diagnosis against the slowest server alone
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-bench-'))
  const mcpServers = Object.fromEntries(delays.map((d, i) => [`s${String(i).padStart(2, '0')}-${d}ms`, { command: process.execPath, args: [healthy], env: { DELAY_MS: String(d) } }]))
  await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers }))
  const slowestAlone = []
  const wall = []
  const engine = []
  const inRunSlowest = []
  const floor = []
  const floorSlowest = []
  for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round++) {
    slowestAlone.push((await bareClient(MAX_DELAY)).answeredMs)
    const f0 = performance.now()
    const all = await Promise.all(delays.map((d) => bareClient(d)))
    floor.push(performance.now() - f0)
    floorSlowest.push(Math.max(...all.map((r) => r.answeredMs)))
    const t0 = performance.now()
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'diagnose', '--json'], { cwd: home, env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/sh' }, maxBuffer: 16 << 20 }).catch((e) => e)
    wall.push(performance.now() - t0)
    const report = JSON.parse(stdout)
    if (report.summary.ok !== SERVERS) throw new Error(`expected ${SERVERS} healthy servers, got ${JSON.stringify(report.summary)}`)
    engine.push(report.durationMs)
    inRunSlowest.push(Math.max(...report.servers.map((s) => s.probe.timings.initializeMs)))
  }
  await rm(home, { recursive: true, force: true })

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

  const slowest = median(slowestAlone)
  const total = median(wall)
  const lines = [
    `MCP Medic probe benchmark · ${os.cpus().length} cores · node ${process.version} · median of ${wall.length} runs (part 1) and ${ROUNDS} rounds (part 2)`,
    '',
    `1. diagnose: ${SERVERS} stdio servers, startup delays ${delays[0]}–${MAX_DELAY} ms, run concurrently`,
    '',
    '| measure | time | ratio to slowest server alone |',
    '|---|---|---|',
    `| slowest server alone (bare SDK, spawn → initialize answered) | ${fmt(slowest)} | 1.00 |`,
    `| slowest server inside the run (its own spawn → answer) | ${fmt(median(inRunSlowest))} | ${ratio(median(inRunSlowest), slowest)} |`,
    `| 20 bare SDK clients at once: slowest answer | ${fmt(median(floorSlowest))} | ${ratio(median(floorSlowest), slowest)} |`,
    `| 20 bare SDK clients at once: all answered, listed and closed (the floor on this machine) | ${fmt(median(floor))} | ${ratio(median(floor), slowest)} |`,
    `| engine time (report.durationMs) | ${fmt(median(engine))} | ${ratio(median(engine), slowest)} |`,
    `| total wall time of \`mcp-medic diagnose --json\` (incl. CLI start) | ${fmt(total)} | ${ratio(total, slowest)} |`,
    '',
    `Goal: total <= 1.15 × slowest + 300 ms = ${fmt(1.15 * slowest + 300)} → ${total <= 1.15 * slowest + 300 ? 'met' : 'NOT met'} (engine time: ${median(engine) <= 1.15 * slowest + 300 ? 'met' : 'NOT met'})`,
    `Against the slowest server's own time inside the run (${fmt(median(inRunSlowest))}): total / that = ${ratio(total, median(inRunSlowest))}, engine / that = ${ratio(median(engine), median(inRunSlowest))}; engine / the concurrent bare-SDK floor = ${ratio(median(engine), median(floor))}.`,
    'Twenty Node servers loading the MCP SDK at once on this machine slow each other down (CPU), which no client can avoid; the floor row shows it.',
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
