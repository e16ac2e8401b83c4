#!/usr/bin/env node
// Login-shell read time: how long MCP Medic's engine takes to read the login-shell environment
// for bash with an empty and with a heavy ~/.bash_profile, measured side by side in one run
// (interleaved, so load on the machine affects both alike) and compared as ratios.
//
// Each sample runs the built CLI (`out/main/cli.js diagnose --json --no-probe`) in a temp home
// and reads `system.loginShell.ms` from its report: the engine's own measurement of the read.
// A raw `bash -i -l -c true` is timed alongside as the floor the shell itself costs.
//
// Usage: npm run build && node bench/login-shell.mjs [samples per case, default 9]

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(ROOT, 'out/main/cli.js')
const SAMPLES = Number(process.argv[2] ?? 9)

/** What heavy startup files do: define many functions and aliases, run subshells, grow PATH. */
const HEAVY = `# a heavy profile, in the shape of nvm/pyenv/conda/oh-my-bash startup work
for i in $(seq 1 1500); do eval "fn_$i() { echo $i; }"; done
for i in $(seq 1 300); do alias "a$i=echo $i"; done
for i in $(seq 1 60); do KERNEL=$(uname -s); done
for i in $(seq 1 100); do PATH="$HOME/fake/bin$i:$PATH"; done
export PATH
export HEAVY_DONE=1
`

function makeHome(profile) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mcp-medic-bench-shell-'))
  writeFileSync(path.join(home, '.bash_profile'), profile)
  writeFileSync(path.join(home, '.claude.json'), '{}')
  return home
}

function env(home) {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, USER: 'bench', SHELL: '/bin/bash', LANG: 'C.UTF-8' }
}

/** The engine's read time, from its own report. */
function engineRead(home) {
  const run = spawnSync(process.execPath, [CLI, 'diagnose', '--json', '--no-probe'], { cwd: home, env: env(home), encoding: 'utf8', timeout: 120_000 })
  const report = JSON.parse(run.stdout)
  if (!report.system.loginShell.ok) throw new Error(`login shell not read: ${report.system.loginShell.error}`)
  return report.system.loginShell.ms
}

/** The shell alone: `bash -i -l -c true`, wall time of the spawn. */
function rawShell(home) {
  const started = performance.now()
  const run = spawnSync('/bin/bash', ['-i', '-l', '-c', 'true'], { cwd: home, env: env(home), stdio: 'ignore', timeout: 120_000 })
  if (run.status !== 0) throw new Error(`bash exited with ${run.status}`)
  return performance.now() - started
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { median: at(0.5), min: sorted[0], max: sorted.at(-1) }
}

const homes = { empty: makeHome(''), heavy: makeHome(HEAVY) }
const samples = { empty: { engine: [], raw: [] }, heavy: { engine: [], raw: [] } }
try {
  // one warm-up each, not counted (first spawn pays for disk caches)
  engineRead(homes.empty)
  engineRead(homes.heavy)
  for (let i = 0; i < SAMPLES; i++) {
    for (const name of i % 2 === 0 ? ['empty', 'heavy'] : ['heavy', 'empty']) {
      samples[name].engine.push(engineRead(homes[name]))
      samples[name].raw.push(rawShell(homes[name]))
    }
  }
} finally {
  for (const home of Object.values(homes)) rmSync(home, { recursive: true, force: true })
}

const fmt = (ms) => `${Math.round(ms)} ms`
const rows = []
for (const name of ['empty', 'heavy']) {
  const e = stats(samples[name].engine)
  const r = stats(samples[name].raw)
  rows.push({ case: `bash, ${name} ~/.bash_profile`, 'engine read (median)': fmt(e.median), 'engine min–max': `${fmt(e.min)}–${fmt(e.max)}`, 'bash -ilc true (median)': fmt(r.median), 'engine / raw shell': (e.median / r.median).toFixed(2) })
}
console.log(`Login-shell read, ${SAMPLES} samples per case, node ${process.version}, ${os.cpus().length} cores`)
console.table(rows)
const ratio = stats(samples.heavy.engine).median / stats(samples.empty.engine).median
const added = stats(samples.heavy.engine).median - stats(samples.empty.engine).median
console.log(`heavy / empty (engine read): ${ratio.toFixed(2)}× (+${fmt(added)}); the engine's own share over the bare shell: ${fmt(stats(samples.empty.engine).median - stats(samples.empty.raw).median)} (starting node to print the environment)`)
