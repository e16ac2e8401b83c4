// Run in a child process by memory.test.ts: probes one flood server and prints how much the
// process's peak memory (VmHWM) grew while doing it, as one JSON line on stdout.
import { readFileSync } from 'node:fs'
import { probeStdio } from '../../../src/main/core/probe/stdio'

function peakKb(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
}

async function main(): Promise<void> {
  const [fixtures, flood, bytes, timeoutMs] = process.argv.slice(2) as [string, string, string, string]
  const base = { command: process.execPath, cwd: fixtures, env: { PATH: process.env.PATH ?? '' } }
  // Warm up: load the SDK and run one full probe so the baseline includes the probe's own code.
  await probeStdio({ ...base, args: [`${fixtures}/healthy.mjs`], timeoutMs: 30_000 })
  global.gc?.()
  const before = peakKb()
  const evidence = await probeStdio({ ...base, args: [`${fixtures}/flood.mjs`], env: { ...base.env, FLOOD: flood, FLOOD_BYTES: bytes }, timeoutMs: Number(timeoutMs) })
  const after = peakKb()
  process.stdout.write(
    `${JSON.stringify({ outcome: evidence.outcome, beforeKb: before, afterKb: after, stderrBytes: evidence.stderrBytes, stdoutBytes: evidence.stdout.bytes, oversized: evidence.stdout.oversizedLine?.bytes, tail: evidence.stderrTail.length })}\n`
  )
}

void main()
