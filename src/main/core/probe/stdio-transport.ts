import type { ChildProcess } from 'node:child_process'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'
import type { ProbeTimings } from '../../../shared/report'
import { neutralize } from '../../../shared/safe-text'
import { LineSplitter, TailBuffer } from './bounded'
import { endProcessTree, spawnTree } from './process-tree'
import { withOfferedVersion } from './versions'

/** Exactly what to start: no shell, an argv array, a complete environment, a folder. */
export interface StdioSpec {
  command: string
  args: readonly string[]
  env: Record<string, string>
  cwd: string
  /** how long to wait for each answer (`initialize`, then each listing) */
  timeoutMs: number
  /** absolute time (Date.now()) after which no answer is awaited any more, whatever `timeoutMs` says */
  deadline?: number
  /** the protocol version `initialize` offers; the SDK's newest when absent */
  offerVersion?: string
  /** ends the probe early (its evidence is then incomplete) */
  signal?: AbortSignal
}

/** What the process wrote on stdout, counted and bounded. */
export interface StdoutRecord {
  bytes: number
  jsonRpcLines: number
  noiseLines: number
  firstNoise?: string
  oversizedLine?: { head: string; bytes: number }
}

const STDERR_KEEP = 64 * 1024
const MAX_LINE = 16 * 1024 * 1024
const NOISE_QUOTE = 500

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
  readonly stdout: StdoutRecord = { bytes: 0, jsonRpcLines: 0, noiseLines: 0 }
  readonly timings: ProbeTimings = {}
  spawnError?: { code: string; message: string }
  exit?: { code: number | null; signal: string | null; atMs: number }
  protocolVersion?: string
  /** set once MCP Medic starts ending the process, so its exit is not blamed on the server */
  ending = false
  private oversized: 'none' | 'open' | 'closed' = 'none'

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
        // its own process group and a marked environment, so the whole tree can be ended together
        child = spawnTree(this.spec.command, this.spec.args, {
          cwd: this.spec.cwd,
          env: this.spec.env,
          stdio: ['pipe', 'pipe', 'pipe'],
          shell: false,
          windowsHide: true
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
        (head, bytes, done) => {
          // The first endless line is the one quoted; its count grows until its newline comes.
          if (this.oversized === 'none') this.stdout.oversizedLine = { head: neutralize(head), bytes }
          else if (this.oversized === 'open') this.stdout.oversizedLine!.bytes = bytes
          if (this.oversized !== 'closed') this.oversized = done ? 'closed' : 'open'
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
      stdin.write(`${JSON.stringify(withOfferedVersion(message, this.spec.offerVersion))}\n`, (error) => (error ? reject(error) : resolve()))
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
    this.stdout.firstNoise ??= neutralize(line.length > NOISE_QUOTE ? `${line.slice(0, NOISE_QUOTE)}…` : line)
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
