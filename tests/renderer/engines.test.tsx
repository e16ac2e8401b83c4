import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes } from '../../src/renderer/src/components/LogViewer'
import type { Response } from '../../src/shared/contract'
import type { Step } from '../../src/shared/findings'
import type { LogFile } from '../../src/shared/logs'
import type { Report } from '../../src/shared/report'
import { type FakeApi, makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const server = makeServer('filesystem', { id: 'cc:user:filesystem', status: 'error', probe: { outcome: 'exited', ms: 40, exitCode: 1, stderrTail: 'Error: ENOENT: no such file or directory, stat /data' } })

async function openAt(report: Report, step: Step, script?: (fake: FakeApi) => void) {
  const rendered = await renderApp(report, script)
  act(() => rendered.store.getState().select(report.servers[0]!.id, step))
  return { ...rendered, panel: screen.getByRole('tabpanel') }
}

const file = (id: string, extra: Partial<LogFile> = {}): LogFile => ({
  id,
  client: 'claude-code',
  path: `/home/u/.cache/claude-cli-nodejs/-home-u/mcp-logs-filesystem/${id}.txt`,
  kind: 'server',
  bytes: 2048,
  modifiedAt: '2026-11-25T10:00:00.000Z',
  forServer: true,
  ...extra
})

function scriptLogs(fake: FakeApi): void {
  fake.answer('logs:list', () => ({
    ok: true,
    value: {
      files: [file('shared', { kind: 'debug', forServer: false, modifiedAt: '2026-11-25T11:00:00.000Z' }), file('own')],
      folders: [{ path: '/home/u/.cache/claude-cli-nodejs', client: 'claude-code', bytes: 3.2 * 1024 ** 3, files: 5120, huge: true }],
      notes: []
    }
  }))
  fake.answer('logs:read', ({ fileId, query }) => {
    const lines = [
      { n: 1, text: 'Starting connection', level: 'info' as const },
      { n: 2, text: 'Connection failed: spawn npx ENOENT', level: 'error' as const, recognised: { code: 'command-not-found', title: 'npx is not on the PATH Claude Code gives servers' }, aboutServer: true },
      { n: 3, text: 'Closed', level: 'info' as const }
    ]
    const matching = query ? lines.filter((l) => l.text.toLowerCase().includes(query.toLowerCase())) : lines
    return { ok: true, value: { file: file(fileId), lines: matching, truncated: false, ...(query ? { matches: matching.length } : {}) } }
  })
}

describe('step 6: captured stderr and the client logs', () => {
  it('shows stderr, the server\'s own log first, recognised lines highlighted, a search and the huge-folder warning', async () => {
    const { fake, panel } = await openAt(makeReport([server]), 6, scriptLogs)
    expect(within(panel).getByLabelText('stderr of the test run').textContent).toContain('ENOENT')
    const logs = within(panel).getByRole('region', { name: 'Client logs' })
    await within(logs).findByText('Connection failed: spawn npx ENOENT')
    expect(within(logs).getByRole('note').textContent).toContain('holds 3.2 GB in 5120 files')
    const files = within(logs).getAllByRole('button', { pressed: true })
    expect(files).toHaveLength(1)
    expect(files[0]!.textContent).toContain('own.txt')
    expect(fake.calls.find((c) => c.channel === 'logs:read')!.request).toMatchObject({ serverId: server.id, fileId: 'own' })
    const recognised = logs.querySelector('[data-recognised="command-not-found"]')!
    expect(recognised.className).toContain('log-recognised')
    expect(recognised.querySelector('.log-tag')!.getAttribute('title')).toBe('npx is not on the PATH Claude Code gives servers')

    fireEvent.change(within(logs).getByLabelText('Search'), { target: { value: 'enoent' } })
    await waitFor(() => expect(within(logs).getByRole('status').textContent).toBe('1 match'))
    expect(fake.calls.filter((c) => c.channel === 'logs:read').at(-1)!.request).toMatchObject({ query: 'enoent' })
    expect(logs.querySelectorAll('.log-line')).toHaveLength(1)
  })

  it('is quiet when this build cannot read client logs', async () => {
    const { panel } = await openAt(makeReport([server]), 6)
    await within(panel).findByText(/Reading Claude Code's own log files: not available in this build/)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(2048)).toBe('2.0 KB')
    expect(formatBytes(15 * 1024 ** 2)).toBe('15 MB')
  })
})

const statuses = (value: Response<'status:check'>) => (fake: FakeApi) => fake.answer('status:check', () => ({ ok: true, value }))
const vendor = { id: 'anthropic', name: 'Anthropic', pageUrl: 'https://status.anthropic.com', incidents: [], ms: 120 }

describe('the outage line', () => {
  async function outage(script?: (fake: FakeApi) => void) {
    const rendered = await renderApp(makeReport([server]), script)
    await act(async () => {
      await rendered.store.getState().checkStatus()
    })
    return screen.getByRole('status', { name: 'Outage check' })
  }

  it('says so calmly when this build has no outage check', async () => {
    const line = await outage()
    expect(line.getAttribute('data-outage')).toBe('unavailable')
    expect(line.textContent).toContain('not available in this build')
  })

  it('says "you seem offline" when no status page answered', async () => {
    const line = await outage(statuses({ checkedAt: 'now', offline: true, vendors: [{ ...vendor, state: 'unknown', error: 'timed out', ms: 3000 }] }))
    expect(line.getAttribute('data-outage')).toBe('offline')
    expect(line.textContent).toContain('Could not check the status pages — you seem offline.')
  })

  it('names an incident, and the vendors that are fine', async () => {
    const line = await outage(
      statuses({
        checkedAt: 'now',
        offline: false,
        vendors: [
          { ...vendor, state: 'incident', description: 'Partial outage', incidents: [{ name: 'Elevated errors on Claude', status: 'investigating' }] },
          { ...vendor, id: 'github', name: 'GitHub', state: 'operational', pageUrl: 'https://www.githubstatus.com' }
        ]
      })
    )
    expect(line.getAttribute('data-outage')).toBe('incident')
    expect(line.textContent).toContain('Anthropic reports “Elevated errors on Claude” (investigating)')
    cleanup()
    const ok = await outage(statuses({ checkedAt: 'now', offline: false, vendors: [{ ...vendor, state: 'operational' }, { ...vendor, id: 'o', name: 'OpenAI', state: 'unknown', error: 'timed out' }] }))
    expect(ok.textContent).toContain('No outage reported by Anthropic')
    expect(ok.textContent).toContain('Could not reach OpenAI')
  })
})

describe('step 1: the client\'s own view', () => {
  it('shows what `claude mcp list` says about the server and why it disagrees', async () => {
    const { panel } = await openAt(makeReport([server]), 1, (f) =>
      f.answer('clients:views', () => ({
        ok: true,
        value: [
          {
            client: 'claude-code',
            state: 'ok',
            cli: { path: '/home/u/.local/bin/claude', version: '2.1.197' },
            command: 'claude mcp list',
            ms: 2300,
            servers: [{ name: 'filesystem', verdict: 'connected', text: 'filesystem: npx -y @modelcontextprotocol/server-filesystem - ✔ Connected', serverId: server.id, agrees: false, explanation: 'Claude Code was started from a terminal, where /data exists.' }]
          }
        ]
      }))
    )
    const view = within(panel).getByRole('region', { name: "The client's own view" })
    await within(view).findByText(/✔ Connected/)
    expect(view.textContent).toContain('~/.local/bin/claude')
    expect(view.textContent).toContain('2.1.197')
    expect(view.textContent).toContain('claude mcp list')
    expect(view.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('connected')
    expect(view.textContent).toContain('No. Claude Code was started from a terminal')
  })

  it('is quiet when this build cannot ask the client', async () => {
    const { panel } = await openAt(makeReport([server]), 1)
    await within(panel).findByText(/Asking Claude Code's own command line: not available in this build/)
  })
})
