import { spawn, type ChildProcess } from 'node:child_process'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { ErrorCode, JSONRPCMessageSchema, McpError, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'
import type { ProbeOutcome, ProbeTimings } from '../../../shared/report'
import { TOOL } from '../version'
import { LineSplitter, TailBuffer } from './bounded'
import { endProcessTree } from './process-tree'

/** Exactly what to start: no shell, an argv array, a complete environment, a folder. */
export interface StdioSpec {
  command: string
  args: readonly string[]
  env: Record<string, string>
  cwd: string
  timeoutMs: number
}

/** Everything a stdio probe saw. Facts only: rules turn them into findings. */
export interface StdioEvidence {
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
  stdout: {
    bytes: number
    jsonRpcLines: number
    noiseLines: number
    firstNoise?: string
    oversizedLine?: { head: string; bytes: number }
  }
  timings: ProbeTimings
  serverInfo?: { name: string; version: string }
  protocolVersion?: string
  capabilities?: Record<string, unknown>
  tools?: number
  resources?: number
  prompts?: number
  /** the MCP client's error, when the handshake or a listing failed */
  error?: { message: string; code?: number | string }
  /** which phase the error happened in */
  failedDuring?: 'spawn' | 'initialize' | 'list'
}

const STDERR_KEEP = 64 * 1024
const MAX_LINE = 16 * 1024 * 1024
const NOISE_QUOTE = 500
const MAX_PAGES = 50

/**
 * An MCP transport that owns the child process and records everything it does, so the SDK's
 * `Client` handles the protocol while the probe keeps the evidence: spawn errors, exit, stderr,
 * stdout lines that are not JSON-RPC, and timings.
 */
export class RecordingStdioTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: (message: JSONRPCMessage) => void

  readonly stderr = new TailBuffer(STDERR_KEEP)
  readonly stdout: StdioEvidence['stdout'] = { bytes: 0, jsonRpcLines: 0, noiseLines: 0 }
  readonly timings: ProbeTimings = {}
  spawnError?: { code: string; message: string }
  exit?: StdioEvidence['exit']
  protocolVersion?: string
  /** set once MCP Medic starts ending the process, so its exit is not blamed on the server */
  ending = false

  private child?: ChildProcess
  private readonly t0 = performance.now()
  private closedFired = false
  private finishedResolve!: () => void
  private readonly finished = new Promise<void>((resolve) => (this.finishedResolve = resolve))
  private ended?: Promise<void>

  constructor(private readonly spec: StdioSpec) {}

  get pid(): number | undefined {
    return this.child?.pid
  }

  elapsed(): number {
    return Math.round(performance.now() - this.t0)
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let child: ChildProcess
      try {
        child = spawn(this.spec.command, [...this.spec.args], {
          cwd: this.spec.cwd,
          env: this.spec.env,
          stdio: ['pipe', 'pipe', 'pipe'],
          shell: false,
          windowsHide: true,
          // its own process group, so the whole tree can be ended together
          detached: process.platform !== 'win32'
        })
      } catch (error) {
        this.recordSpawnError(error)
        this.finish()
        reject(error)
        return
      }
      this.child = child
      let spawned = false
      const splitter = new LineSplitter(
        MAX_LINE,
        (line) => this.onLine(line),
        (head, bytes) => {
          this.stdout.oversizedLine ??= { head, bytes }
        }
      )
      child.once('spawn', () => {
        spawned = true
        this.timings.spawnMs = this.elapsed()
        resolve()
      })
      child.once('error', (error) => {
        if (!spawned) {
          this.recordSpawnError(error)
          this.finish()
          reject(error)
        } else this.onerror?.(error)
      })
      child.once('exit', (code, signal) => {
        if (!this.ending) this.exit = { code, signal, atMs: this.elapsed() }
        // A grandchild may keep the pipes open long after the child is gone: do not wait for it.
        setTimeout(() => this.finish(), 200).unref()
      })
      child.once('close', () => {
        splitter.end()
        this.finish()
      })
      child.stdin?.on('error', () => {
        // EPIPE: the server is gone; its exit is recorded by the exit handler.
      })
      child.stdout?.on('data', (chunk: Buffer) => {
        if (this.timings.firstStdoutMs === undefined) this.timings.firstStdoutMs = this.elapsed()
        this.stdout.bytes += chunk.length
        splitter.push(chunk)
      })
      child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk))
    })
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin
    if (!stdin || stdin.destroyed || !stdin.writable) return Promise.reject(new Error('the server process is not running'))
    return new Promise((resolve, reject) => {
      stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()))
    })
  }

  /**
   * Resolves once the process has exited, or after `ms`. A write to a server that just died can
   * fail before its exit is reported; waiting a moment lets the exit be recorded as what it is.
   */
  async settle(ms: number): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version
  }

  /**
   * Called by the SDK client, also when a handshake fails. The probe owns the process: it ends it
   * with `terminate()` once its evidence is in, so a server's own exit is never mistaken for ours.
   */
  close(): Promise<void> {
    return Promise.resolve()
  }

  /** Ends the whole process tree (idempotent) and waits until its streams are done. */
  terminate(): Promise<void> {
    this.ended ??= (async () => {
      this.ending = true
      if (this.child) await endProcessTree(this.child)
      this.finish()
      await this.finished
    })()
    return this.ended
  }

  private onLine(line: string): void {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      this.recordNoise(line)
      return
    }
    const parsed = JSONRPCMessageSchema.safeParse(value)
    if (!parsed.success) {
      this.recordNoise(line)
      return
    }
    this.stdout.jsonRpcLines++
    this.onmessage?.(parsed.data)
  }

  private recordNoise(line: string): void {
    this.stdout.noiseLines++
    this.stdout.firstNoise ??= line.length > NOISE_QUOTE ? `${line.slice(0, NOISE_QUOTE)}…` : line
  }

  private recordSpawnError(error: unknown): void {
    const e = error as NodeJS.ErrnoException
    this.spawnError = { code: e.code ?? 'UNKNOWN', message: e.message }
  }

  private finish(): void {
    if (this.closedFired) return
    this.closedFired = true
    this.finishedResolve()
    this.onclose?.()
  }
}

/**
 * Starts a stdio server, performs the MCP handshake (`initialize`), lists its tools (and resources
 * and prompts when it advertises them), then ends its whole process tree. Never throws: every way
 * of failing is recorded in the evidence.
 */
export async function probeStdio(spec: StdioSpec): Promise<StdioEvidence> {
  const transport = new RecordingStdioTransport(spec)
  const client = new Client({ name: 'mcp-medic', version: TOOL.version }, { capabilities: {} })
  const evidence: Partial<StdioEvidence> = {}
  let phase: 'initialize' | 'list' = 'initialize'
  let outcome: ProbeOutcome
  let ms: number
  try {
    await client.connect(transport, { timeout: spec.timeoutMs })
    transport.timings.initializeMs = transport.elapsed()
    evidence.serverInfo = client.getServerVersion()
      ? { name: client.getServerVersion()!.name, version: client.getServerVersion()!.version }
      : undefined
    const capabilities = client.getServerCapabilities() ?? {}
    evidence.capabilities = capabilities
    phase = 'list'
    const options = { timeout: spec.timeoutMs }
    evidence.tools = await countPages((cursor) => client.listTools({ cursor }, options).then((r) => [r.tools.length, r.nextCursor]))
    transport.timings.toolsListMs = transport.elapsed()
    if (capabilities.resources) {
      evidence.resources = await countPages((cursor) =>
        client.listResources({ cursor }, options).then((r) => [r.resources.length, r.nextCursor])
      )
    }
    if (capabilities.prompts) {
      evidence.prompts = await countPages((cursor) =>
        client.listPrompts({ cursor }, options).then((r) => [r.prompts.length, r.nextCursor])
      )
    }
    ms = transport.elapsed()
    outcome = transport.exit ? 'crash-after-start' : 'ok'
  } catch (error) {
    ms = transport.elapsed()
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout
    if (!timedOut) await transport.settle(500)
    evidence.error = describeError(error)
    evidence.failedDuring = transport.spawnError ? 'spawn' : phase
    outcome = classify(transport, phase, error)
  }
  await transport.terminate()
  return {
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
    ...evidence
  }
}

function classify(transport: RecordingStdioTransport, phase: 'initialize' | 'list', error: unknown): ProbeOutcome {
  if (transport.spawnError) return 'spawn-error'
  if (phase === 'list') return 'crash-after-start'
  if (transport.exit) return 'exited'
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return 'timeout'
  return 'protocol-error'
}

function describeError(error: unknown): { message: string; code?: number | string } {
  if (error instanceof McpError) return { message: error.message, code: error.code }
  const e = error as NodeJS.ErrnoException
  return { message: e?.message ?? String(error), code: e?.code }
}

async function countPages(fetchPage: (cursor: string | undefined) => Promise<[number, string | undefined]>): Promise<number> {
  let total = 0
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const [count, next] = await fetchPage(cursor)
    total += count
    if (!next) break
    cursor = next
  }
  return total
}
