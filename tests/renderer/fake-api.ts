import { buildApi, type Api, type Channel, type EventName, type EventPayload, type Request, type Response, type Result } from '../../src/shared/contract'
import type { Report, ServerReport } from '../../src/shared/report'

type Listener = (payload: unknown) => void
type Answer = (request: unknown) => Result<unknown> | Promise<Result<unknown>>

/**
 * A stand-in for window.api: answers from scripted values and lets a test push events, so the
 * store and the components are tested without an engine. The api is built from the contract by
 * `buildApi`, as the real ones are; a channel nobody scripted answers `unavailable`.
 */
export class FakeApi {
  listeners = new Map<string, Set<Listener>>()
  calls: { channel: string; request: unknown }[] = []
  runResult: Result<Report> = { ok: true, value: makeReport([]) }
  serverResult: Result<ServerReport> | undefined
  /** resolve a pending diagnose:run from the test */
  holdRun = false
  /** scripted answers for other channels */
  answers: Partial<Record<Channel, Answer>> = {
    'app:info': () => ({ ok: true, value: { name: 'mcp-medic', version: '9.9.9', platform: 'linux', home: '/home/u', cwd: '/home/u' } }),
    'config:history': () => ({ ok: true, value: [] })
  }
  private release?: () => void

  /** scripts one channel's answer */
  answer<C extends Channel>(channel: C, answer: (request: Request<C>) => Result<Response<C>> | Promise<Result<Response<C>>>): void {
    this.answers[channel] = answer as Answer
  }

  api(): Api {
    return buildApi({
      invoke: async (channel, request) => {
        this.calls.push({ channel, request })
        if (channel === 'diagnose:run') {
          if (this.holdRun) await new Promise<void>((resolve) => (this.release = resolve))
          return this.runResult
        }
        if (channel === 'diagnose:server') return this.serverResult ?? { ok: false, error: { code: 'not-found', message: 'gone' } }
        const answer = this.answers[channel]
        return answer ? answer(request) : { ok: false, error: { code: 'unavailable', message: `${channel} is not in this fake` } }
      },
      subscribe: (event, listener) => {
        const set = this.listeners.get(event) ?? new Set()
        set.add(listener)
        this.listeners.set(event, set)
        return () => set.delete(listener)
      }
    })
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload)
  }

  finishRun(): void {
    this.release?.()
  }
}

export function makeServer(name: string, extra: Partial<ServerReport> = {}): ServerReport {
  return {
    id: `claude-code:user:${name}:0`,
    name,
    client: 'claude-code',
    scope: 'user',
    configPath: '/home/u/.claude.json',
    transport: 'stdio',
    command: 'node',
    args: ['server.js'],
    env: { API_KEY: '<redacted>' },
    status: 'ok',
    probe: { outcome: 'ok', ms: 150, tools: 4, serverInfo: { name: name, version: '1.0.0' }, timings: { spawnMs: 5, initializeMs: 120, toolsListMs: 140 } },
    findings: [],
    ...extra
  }
}

export function makeReport(servers: ServerReport[]): Report {
  return {
    schemaVersion: 1,
    generatedAt: '2026-11-25T00:00:00.000Z',
    tool: { name: 'mcp-medic', version: '9.9.9' },
    system: { platform: 'linux', arch: 'x64', release: '6', appPath: ['/usr/bin'], loginShell: { shell: '/bin/bash', ok: false, ms: 0 } },
    runtimes: [],
    configs: [],
    servers,
    findings: [],
    summary: { servers: servers.length, ok: 0, warning: 0, error: 0 }
  }
}
