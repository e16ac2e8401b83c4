import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/renderer/src/components/App'
import { StoreProvider } from '../../src/renderer/src/hooks'
import { createAppStore } from '../../src/renderer/src/store'
import { finding } from '../../src/shared/findings'
import { FakeApi, makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const failing = makeServer('weather', {
  id: 'cc:user:weather',
  status: 'error',
  probe: { outcome: 'exited', ms: 196, exitCode: 3, stderrTail: "KeyError: 'WEATHER_API_KEY'", timings: { spawnMs: 6 } },
  findings: [finding('process-exited', 'error', 'The server exited with code 3 before completing the MCP handshake', 'It printed an error.')]
})
const healthy = makeServer('notes', { id: 'cc:user:notes' })
const typo = makeServer('typo', {
  id: 'cc:user:typo',
  command: 'nodee',
  status: 'error',
  probe: { outcome: 'spawn-error', ms: 2 },
  findings: [finding('command-not-found', 'error', '`nodee` is not on any PATH', 'd')]
})

const three = () => renderApp(makeReport([failing, healthy, typo]))

describe('the server page', () => {
  it('moves between the seven steps with next and previous, and jumps to the first problem', async () => {
    await three()
    fireEvent.click(screen.getByRole('button', { name: /^Connected notes/ }))
    const page = screen.getByRole('article', { name: 'Server notes' })
    expect(within(page).getByRole('tab', { selected: true }).getAttribute('data-step')).toBe('1')
    fireEvent.click(within(page).getByRole('button', { name: 'Step 2: Entry →' }))
    expect(within(page).getByRole('tabpanel').getAttribute('data-step')).toBe('2')
    fireEvent.click(within(page).getByRole('button', { name: '← Step 1: Where' }))
    expect(within(page).getByRole('tabpanel').getAttribute('data-step')).toBe('1')
    // a healthy server has no problem to jump to
    expect(within(page).queryByRole('button', { name: /first problem/ })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: /^Failing weather/ }))
    const weather = screen.getByRole('article', { name: 'Server weather' })
    fireEvent.click(within(weather).getByRole('tab', { name: /^Step 1,/ }))
    fireEvent.click(within(weather).getByRole('button', { name: 'Go to the first problem: step 4' }))
    expect(within(weather).getByRole('tabpanel').getAttribute('data-step')).toBe('4')
  })

  it('names each step with its state, and the tabs follow the arrow keys', async () => {
    await three()
    fireEvent.click(screen.getByRole('button', { name: /^Failing typo/ }))
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((t) => t.getAttribute('aria-label'))).toEqual([
      'Step 1, Where: Passed',
      'Step 2, Entry: Passed',
      'Step 3, Runtime: Failed',
      'Step 4, Run: Not checked',
      'Step 5, Env vars: Not checked',
      'Step 6, Logs: Passed',
      'Step 7, Restart: Not checked'
    ])
    const current = screen.getByRole('tab', { selected: true })
    expect(current.getAttribute('data-step')).toBe('3')
    expect(current.tabIndex).toBe(0)
    expect(tabs.filter((t) => t.tabIndex === 0)).toHaveLength(1)
    current.focus()
    fireEvent.keyDown(current, { key: 'ArrowRight' })
    expect(screen.getByRole('tab', { selected: true }).getAttribute('data-step')).toBe('4')
    expect(document.activeElement).toBe(screen.getByRole('tab', { selected: true }))
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(screen.getByRole('tabpanel').getAttribute('data-step')).toBe('7')
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    expect(screen.getByRole('tabpanel').getAttribute('data-step')).toBe('1')
  })

  it('shows what was checked with a state a screen reader hears', async () => {
    await three()
    fireEvent.click(screen.getByRole('button', { name: /^Failing typo/ }))
    const checks = within(screen.getByRole('tabpanel')).getByRole('group', { name: 'What was checked' })
    const rows = checks.querySelectorAll('[data-check-state]')
    expect(rows[0]!.getAttribute('data-check-state')).toBe('fail')
    expect(rows[0]!.textContent).toContain('is on the PATH Claude Code gives servers: Failed')
  })

  it('re-tests from a step and shows the new verdict in place', async () => {
    const { fake } = await three()
    fireEvent.click(screen.getByRole('button', { name: /^Failing weather/ }))
    fake.serverResult = { ok: true, value: { ...failing, status: 'ok', findings: [], probe: { outcome: 'ok', ms: 150, tools: 1, timings: { initializeMs: 120 } } } }
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Re-test this step' }))
    })
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'diagnose:server', request: { id: failing.id } })
    expect(screen.getByRole('article', { name: 'Server weather' }).textContent).toContain('offers 1 tool.')
    expect(screen.getByRole('tab', { selected: true }).getAttribute('data-state')).toBe('pass')
  })
})

describe('step 7', () => {
  it('says how this client picks up a change, from the shared per-client instructions', async () => {
    const { store } = await three()
    act(() => store.getState().select(failing.id, 7))
    const how = within(screen.getByRole('tabpanel')).getByRole('region', { name: 'Pick up the change' })
    expect(how.querySelector('[data-reload]')!.getAttribute('data-reload')).toBe('claude-code')
    expect(how.textContent).toContain('/mcp')
    expect(how.querySelectorAll('.reload-steps li').length).toBeGreaterThan(1)
  })
})

describe('the server list', () => {
  it('has one tab stop, and the arrow keys open the server they land on', async () => {
    const { store } = await three()
    const rows = [...document.querySelectorAll<HTMLButtonElement>('[data-server-row]')]
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1])
    rows[0]!.focus()
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows[1])
    expect(store.getState()).toMatchObject({ view: 'server', selectedId: healthy.id })
    fireEvent.keyDown(rows[1]!, { key: 'End' })
    expect(store.getState().selectedId).toBe(typo.id)
    expect(rows[2]!.getAttribute('aria-current')).toBe('page')
    expect([...document.querySelectorAll<HTMLButtonElement>('[data-server-row]')].map((r) => r.tabIndex)).toEqual([-1, -1, 0])
  })
})

describe('the overview', () => {
  it('names the servers still being probed after a while, and counts progress', async () => {
    const fake = new FakeApi()
    fake.holdRun = true
    fake.runResult = { ok: true, value: makeReport([healthy, failing]) }
    const store = createAppStore(fake.api())
    const running = store.getState().run()
    await act(async () => {})
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    )
    const runId = store.getState().runId!
    act(() => {
      fake.emit('diagnose:progress', { runId, phase: 'discovered', servers: [{ ...healthy, status: 'skipped' }, { ...failing, status: 'skipped' }] })
      fake.emit('diagnose:progress', { runId, phase: 'probing', id: failing.id })
      fake.emit('diagnose:progress', { runId, phase: 'server-done', server: healthy })
    })
    // the probe of weather started long ago
    act(() => store.setState((s) => ({ servers: s.servers.map((v) => (v.server.id === failing.id ? { ...v, startedAt: Date.now() - 12_000 } : v)) })))
    const progress = await screen.findByRole('region', { name: 'Progress' })
    expect(progress.textContent).toContain('Checking servers: 1 of 2 done, 1 starting')
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1')
    await screen.findByText(/Still waiting for/, {}, { timeout: 2500 })
    expect(progress.querySelector('[data-slow]')!.getAttribute('data-slow')).toBe('weather')
    expect(progress.textContent).toMatch(/weather \(1\d\.\d s\)/)
    await act(async () => {
      fake.finishRun()
      await running
    })
    expect(screen.queryByRole('region', { name: 'Progress' })).toBeNull()
  })

  it('with no servers, shows where each client looks and how to add one', async () => {
    const report = makeReport([])
    report.configs = [
      { client: 'claude-code', scope: 'user', path: '/home/u/.claude.json', exists: false },
      { client: 'cursor', scope: 'user', path: '/home/u/.cursor/mcp.json', exists: true, servers: 0 }
    ]
    await renderApp(report)
    const empty = screen.getByRole('region', { name: 'No servers' })
    expect(empty.textContent).toContain('~/.claude.json')
    expect(empty.textContent).toContain('not there yet')
    expect(empty.textContent).toContain('~/.cursor/mcp.json')
    expect(empty.textContent).toContain('no servers in it')
    expect(within(empty).getByText(/claude mcp add everything/)).toBeTruthy()
    expect(within(empty).getAllByRole('button', { name: 'Copy' })).toHaveLength(2)
  })
})
