import { formatMs } from '../../shared/present'
import type { Probe } from '../../shared/report'

export interface Mark {
  label: string
  ms: number
  state: 'ok' | 'fail' | 'info'
}

const ENDINGS: Record<string, string> = {
  'spawn-error': 'could not start',
  exited: 'exited',
  timeout: 'gave up waiting',
  'protocol-error': 'handshake failed',
  'crash-after-start': 'failed after connecting',
  'dns-error': 'host did not resolve',
  'connection-error': 'connection refused',
  'tls-error': 'TLS failed',
  'http-error': 'HTTP error'
}

/**
 * The probe's milestones in order (spawn, first output, initialize answered, tools listed) and
 * how it ended: the exit code or signal, or the limit it ran into. Times are ms since the spawn.
 */
export function timeline(probe: Probe): Mark[] {
  const t = probe.timings ?? {}
  const marks: Mark[] = []
  if (t.spawnMs !== undefined) marks.push({ label: 'process started', ms: t.spawnMs, state: 'ok' })
  if (t.firstStdoutMs !== undefined) marks.push({ label: 'first output on stdout', ms: t.firstStdoutMs, state: 'info' })
  if (t.initializeMs !== undefined) marks.push({ label: 'answered initialize', ms: t.initializeMs, state: 'ok' })
  if (t.toolsListMs !== undefined) marks.push({ label: 'listed its tools', ms: t.toolsListMs, state: 'ok' })
  if (probe.outcome === 'ok') {
    marks.push({ label: `connected${probe.tools !== undefined ? `, ${probe.tools} tool${probe.tools === 1 ? '' : 's'}` : ''}`, ms: probe.ms, state: 'ok' })
  } else if (probe.outcome !== 'not-probed') {
    let label = ENDINGS[probe.outcome] ?? probe.outcome
    if (probe.exitCode !== undefined && probe.exitCode !== null) label += ` with code ${probe.exitCode}`
    else if (probe.signal) label += ` on ${probe.signal}`
    if (probe.outcome === 'timeout' && probe.timeoutMs !== undefined) label += ` after ${formatMs(probe.timeoutMs)}`
    marks.push({ label, ms: probe.ms, state: 'fail' })
  }
  return marks.sort((a, b) => a.ms - b.ms)
}
