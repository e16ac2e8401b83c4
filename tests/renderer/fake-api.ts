import type { Api, EventName, EventPayload, Request, Response, Result } from '../../src/shared/contract'
import type { Report, ServerReport } from '../../src/shared/report'

type Listener = (payload: unknown) => void

/**
 * A stand-in for window.api: answers from scripted values and lets a test push events, so the
 * store and the components are tested without an engine.
 */
export class FakeApi {
  listeners = new Map<string, Set<Listener>>()
  calls: { channel: string; request: unknown }[] = []
  runResult: Result<Report> = { ok: true, value: makeReport([]) }
  serverResult: Result<ServerReport> | undefined
  /** resolve a pending diagnose:run from the test */
  holdRun = false
  private release?: () => void

  api(): Api {
    const reply = <T>(channel: string, request: unknown, value: Result<T>): Promise<Result<T>> => {
      this.calls.push({ channel, request })
      return Promise.resolve(value)
    }
    return {
      app: {
        info: (r: Request<'app:info'>) =>
          reply<Response<'app:info'>>('app:info', r, { ok: true, value: { name: 'mcp-medic', version: '9.9.9', platform: 'linux', home: '/home/u', cwd: '/home/u' } })
      },
      diagnose: {
        run: async (r: Request<'diagnose:run'>) => {
          this.calls.push({ channel: 'diagnose:run', request: r })
          if (this.holdRun) await new Promise<void>((resolve) => (this.release = resolve))
          return this.runResult
        },
        server: (r: Request<'diagnose:server'>) => reply('diagnose:server', r, this.serverResult ?? { ok: false, error: { code: 'not-found', message: 'gone' } })
      },
      config: {
        edit: (r: Request<'config:edit'>) => reply<Response<'config:edit'>>('config:edit', r, { ok: false, error: { code: 'forbidden', message: 'not in this fake' } }),
        undo: (r: Request<'config:undo'>) => reply<Response<'config:undo'>>('config:undo', r, { ok: false, error: { code: 'not-found', message: 'not in this fake' } }),
        history: (r: Request<'config:history'>) => reply<Response<'config:history'>>('config:history', r, { ok: true, value: [] })
      },
      on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
        const set = this.listeners.get(event) ?? new Set()
        set.add(listener as Listener)
        this.listeners.set(event, set)
        return () => set.delete(listener as Listener)
      }
    }
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
