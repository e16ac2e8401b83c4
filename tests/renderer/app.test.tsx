import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const broken = makeServer('weather', {
  id: 'claude-code:local:weather:0',
  status: 'error',
  scope: 'local',
  project: '/home/u/work/app',
  env: { WEATHER_API_KEY: '<redacted>', EMPTY: '<empty>' },
  probe: { outcome: 'exited', ms: 80, exitCode: 3, stderrTail: "KeyError: 'WEATHER_API_KEY'", timings: { spawnMs: 4 } },
  findings: [
    {
      code: 'process-exited',
      step: 4,
      severity: 'error',
      title: 'The server exited with code 3 before completing the MCP handshake',
      detail: 'It printed an error.',
      evidence: { stderrTail: "KeyError: 'WEATHER_API_KEY'" },
      fix: { summary: 'Run it in a terminal.', command: 'node weather.js' }
    }
  ]
})

const renderTwo = () => renderApp(makeReport([makeServer('github'), broken]))

describe('App', () => {
  it('groups servers by client and scope with their status', async () => {
    await renderTwo()
    const group = screen.getByRole('region', { name: 'Claude Code servers' })
    expect(within(group).getByText('User')).toBeTruthy()
    expect(within(group).getByText('Local')).toBeTruthy()
    expect(within(group).getByText('~/work/app')).toBeTruthy()
    const rows = within(group).getAllByRole('button')
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['ok', 'error'])
    expect(screen.getByRole('status', { name: 'Summary' }).textContent).toContain('1 connected')
  })

  it('opens on the overview: the summary and the server that needs attention', async () => {
    await renderTwo()
    const home = screen.getByRole('article', { name: 'Overview' })
    expect(home.textContent).toContain('2 servers in 1 client: 1 connected, 1 failing')
    const attention = within(home).getByRole('region', { name: 'Needs attention' })
    expect(attention.textContent).toContain('The server exited with code 3')
    expect(within(attention).queryByText('github')).toBeNull()
  })

  it('opens a failing server at its first failing step, with the finding, stderr and the fix', async () => {
    await renderTwo()
    fireEvent.click(screen.getByRole('button', { name: 'Troubleshoot weather' }))
    const page = screen.getByRole('article', { name: 'Server weather' })
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('weather')
    expect(within(page).getByRole('tab', { selected: true }).getAttribute('data-step')).toBe('4')
    const panel = within(page).getByRole('tabpanel')
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Step 4 Run the command standalone')
    expect(panel.querySelector('[data-code="process-exited"]')).toBeTruthy()
    expect(within(panel).getAllByText(/KeyError/).length).toBeGreaterThan(0)
    expect(within(panel).getByText('node weather.js')).toBeTruthy()
  })

  it('shows the entry with env values masked in step 2', async () => {
    const { store } = await renderTwo()
    store.getState().select(broken.id, 2)
    const panel = await screen.findByRole('tabpanel')
    expect(within(panel).getByText('WEATHER_API_KEY')).toBeTruthy()
    expect(within(panel).getByText('set (hidden)')).toBeTruthy()
    expect(panel.textContent).not.toContain('<redacted>')
    // no entry editor in this build: a quiet note, never an error banner
    expect(within(panel).getByText(/Editing the entry here: not available in this build/)).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('switches servers and re-tests the chosen one', async () => {
    const { fake } = await renderTwo()
    fireEvent.click(screen.getByRole('button', { name: /github/ }))
    const page = screen.getByRole('article', { name: 'Server github' })
    expect(within(page).getByText(/offers 4 tools/)).toBeTruthy()
    fireEvent.click(within(page).getByRole('button', { name: 'Re-test' }))
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'diagnose:server', request: { id: makeServer('github').id } })
  })
})
