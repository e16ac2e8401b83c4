import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import type { ProbeOutcome } from '../../../shared/report'
import { neutralize } from '../../../shared/safe-text'
import { TOOL } from '../version'
import { countEverything, serverFacts, type Listing, type SessionFacts } from './session'
import { RecordingStdioTransport, type StdioSpec, type StdoutRecord } from './stdio-transport'
import { answeredVersion, isVersionRejection, PROTOCOL_VERSIONS, type VersionAttempt } from './versions'

export { RecordingStdioTransport, type StdioSpec, type StdoutRecord } from './stdio-transport'

/** Everything a stdio probe saw. Facts only: rules turn them into findings. */
export interface StdioEvidence extends SessionFacts {
  outcome: ProbeOutcome
  /** from the spawn call until the outcome was known */
  ms: number
  timeoutMs: number
  pid?: number
  spawnError?: { code: string; message: string }
  /** set when the process exited on its own, before MCP Medic ended it */
  exit?: { code: number | null; signal: string | null; atMs: number }
  stderrTail: string
  stderrBytes: number
  stdout: StdoutRecord
  /** the MCP client's error, when the handshake or a listing failed */
  error?: { message: string; code?: number | string }
  /** which phase the error happened in */
  failedDuring?: 'spawn' | 'initialize' | 'list'
  /** addition: for a failed listing, which one (tools, resources, prompts) */
  failedListing?: Listing
  /** every `initialize` tried, newest version first, when the first offer was refused */
  attempts?: VersionAttempt[]
  /** the probe was cancelled before it could finish (its evidence is incomplete) */
  cancelled?: boolean
}


/**
 * Starts a stdio server, performs the MCP handshake (`initialize`), lists its tools (and resources
 * and prompts when it advertises them), then ends its whole process tree. When the server refuses
 * the protocol version offered, it is started again offering each older version the SDK speaks,
 * newest first, until one is accepted. Never throws: every way of failing is recorded in the
 * evidence (with `attempts` listing each version tried).
 */
export async function probeStdio(spec: StdioSpec): Promise<StdioEvidence> {
  const offer = spec.offerVersion ?? PROTOCOL_VERSIONS[0]!
  const first = await attemptStdio({ ...spec, offerVersion: offer })
  if (!refusedVersion(first.evidence)) return first.evidence
  const attempts: VersionAttempt[] = [attemptRecord(first)]
  for (const version of PROTOCOL_VERSIONS.filter((v) => v !== offer)) {
    if (spec.signal?.aborted || (spec.deadline !== undefined && Date.now() >= spec.deadline)) break
    const next = await attemptStdio({ ...spec, offerVersion: version })
    attempts.push(attemptRecord(next))
    if (!refusedVersion(next.evidence)) return { ...next.evidence, attempts }
  }
  // Nothing was accepted: what the client sees is the first refusal.
  return { ...first.evidence, attempts }
}

interface Attempt {
  offered: string
  evidence: StdioEvidence
}

function refusedVersion(evidence: StdioEvidence): boolean {
  return (
    evidence.failedDuring === 'initialize' &&
    !evidence.cancelled &&
    (evidence.outcome === 'protocol-error' || evidence.outcome === 'exited') &&
    isVersionRejection(evidence.error?.message ?? '', evidence.stderrTail)
  )
}

function attemptRecord({ offered, evidence }: Attempt): VersionAttempt {
  if (evidence.outcome === 'ok' || evidence.outcome === 'crash-after-start') {
    return { offered, result: 'accepted', answered: evidence.protocolVersion }
  }
  const answered = answeredVersion(evidence.error?.message)
  return {
    offered,
    result: refusedVersion(evidence) ? 'rejected' : 'failed',
    ...(answered ? { answered } : {}),
    error: evidence.error?.message
  }
}

/** One start of the server offering one protocol version. */
async function attemptStdio(spec: StdioSpec & { offerVersion: string }): Promise<Attempt> {
  const transport = new RecordingStdioTransport(spec)
  const client = new Client({ name: 'mcp-medic', version: TOOL.version }, { capabilities: {} })
  const evidence: Partial<StdioEvidence> = {}
  let phase: 'initialize' | 'list' = 'initialize'
  let listing: Listing | undefined
  let outcome: ProbeOutcome
  let ms: number
  let cancelled = false
  const onAbort = (): void => {
    cancelled = true
    void transport.terminate()
  }
  if (spec.signal?.aborted) onAbort()
  spec.signal?.addEventListener('abort', onAbort, { once: true })
  const timeout = (): number => remaining(spec)
  try {
    await client.connect(transport, { timeout: timeout() })
    transport.timings.initializeMs = transport.elapsed()
    Object.assign(evidence, serverFacts(client))
    phase = 'list'
    const counts = await countEverything(
      client,
      evidence.capabilities ?? {},
      timeout,
      () => {
        transport.timings.toolsListMs = transport.elapsed()
      },
      (what, counted) => {
        listing = what
        Object.assign(evidence, counted)
      }
    )
    Object.assign(evidence, counts)
    ms = transport.elapsed()
    outcome = transport.exit ? 'crash-after-start' : 'ok'
  } catch (error) {
    ms = transport.elapsed()
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout
    if (!timedOut && !cancelled) await transport.settle(500)
    evidence.error = describeError(error)
    evidence.failedDuring = transport.spawnError ? 'spawn' : phase
    if (phase === 'list' && listing) evidence.failedListing = listing
    outcome = classify(transport, phase, error)
  }
  spec.signal?.removeEventListener('abort', onAbort)
  await transport.terminate()
  const result: StdioEvidence = {
    outcome,
    ms,
    timeoutMs: spec.timeoutMs,
    pid: transport.pid,
    spawnError: transport.spawnError,
    exit: transport.exit,
    stderrTail: transport.stderr.text(),
    stderrBytes: transport.stderr.total,
    stdout: transport.stdout,
    timings: transport.timings,
    protocolVersion: transport.protocolVersion,
    ...evidence,
    ...(cancelled ? { cancelled } : {})
  }
  return { offered: spec.offerVersion, evidence: result }
}

/** Time left for one answer: the per-answer timeout, cut short by the overall deadline. */
function remaining(spec: StdioSpec): number {
  if (spec.deadline === undefined) return spec.timeoutMs
  return Math.max(1, Math.min(spec.timeoutMs, spec.deadline - Date.now()))
}

function classify(transport: RecordingStdioTransport, phase: 'initialize' | 'list', error: unknown): ProbeOutcome {
  if (transport.spawnError) return 'spawn-error'
  if (phase === 'list') return 'crash-after-start'
  if (transport.exit) return 'exited'
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return 'timeout'
  return 'protocol-error'
}

function describeError(error: unknown): { message: string; code?: number | string } {
  // an McpError's message is the server's own text
  if (error instanceof McpError) return { message: neutralize(error.message).slice(0, 2000), code: error.code }
  const e = error as NodeJS.ErrnoException
  return { message: neutralize(e?.message ?? String(error)).slice(0, 2000), code: e?.code }
}
