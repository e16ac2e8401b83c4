import { describe, expect, it } from 'vitest'
import { Session } from '../../../src/main/core/api/session'
import type { Report, ServerReport } from '../../../src/shared/report'

function server(id: string, status: ServerReport['status']): ServerReport {
  return { id, name: id, client: 'claude-code', scope: 'user', configPath: '/h/.claude.json', transport: 'stdio', status, findings: [] }
}

function report(servers: ServerReport[]): Report {
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-02T00:00:00.000Z',
    tool: { name: 'mcp-medic', version: '0' },
    system: { platform: 'linux', arch: 'x64', release: '6', appPath: [], loginShell: { shell: '/bin/sh', ok: true, ms: 1 } },
    runtimes: [],
    configs: [],
    servers,
    findings: [],
    summary: { servers: servers.length, ok: 0, warning: 0, error: 0 }
  }
}

describe('Session', () => {
  it('folds re-tests into the last report, in place, and recounts the summary', () => {
    const session = new Session()
    expect(session.report()).toBeUndefined()
    session.recordReport(report([server('a', 'error'), server('b', 'ok'), server('c', 'error')]))
    session.recordServer(server('a', 'ok'))
    expect(session.report()!.servers.map((s) => `${s.id}:${s.status}`)).toEqual(['a:ok', 'b:ok', 'c:error'])
    expect(session.report()!.summary).toEqual({ servers: 3, ok: 2, warning: 0, error: 1 })
    expect(session.server('a')!.status).toBe('ok')
  })

  it('replaces a renamed server under its new id, keeping its place', () => {
    const session = new Session()
    session.recordReport(report([server('a', 'error'), server('b', 'ok')]))
    session.recordServer(server('a2', 'ok'), 'a')
    expect(session.report()!.servers.map((s) => s.id)).toEqual(['a2', 'b'])
    expect(session.server('a')).toBeUndefined()
  })

  it('a new diagnosis forgets servers that are gone', () => {
    const session = new Session()
    session.recordReport(report([server('a', 'error')]))
    session.recordReport(report([server('b', 'ok')]))
    expect(session.server('a')).toBeUndefined()
    expect(session.server('b')).toBeDefined()
  })
})
