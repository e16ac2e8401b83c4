import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const broken = makeServer('weather', {
  status: 'error',
  scope: 'local',
  project: '/home/u/work/app',
  env: { WEATHER_API_KEY: '<redacted>', EMPTY: '<empty>' },
  probe: { outcome: 'exited', ms: 80, exitCode: 3, stderrTail: "KeyError: 'WEATHER_API_KEY'" },
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
    const group = screen.getByRole('region', { name: 'Claude Code' })
    expect(within(group).getByText('User')).toBeTruthy()
    expect(within(group).getByText('Local')).toBeTruthy()
    expect(within(group).getByText('~/work/app')).toBeTruthy()
    const rows = within(group).getAllByRole('button')
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['ok', 'error'])
    expect(screen.getByRole('status', { name: 'Summary' }).textContent).toContain('1 ok')
  })

  it('shows the failing server with findings, step, masked env and stderr', async () => {
    await renderTwo()
    const detail = screen.getByRole('article', { name: 'Server weather' })
    expect(within(detail).getByRole('heading', { level: 1 }).textContent).toBe('weather')
    expect(within(detail).getAllByText(/exited with code 3/).length).toBeGreaterThan(0)
    expect(within(detail).getByText(/Step 4/)).toBeTruthy()
    expect(within(detail).getByText('WEATHER_API_KEY')).toBeTruthy()
    expect(within(detail).getByText(/set, hidden/)).toBeTruthy()
    expect(detail.textContent).not.toContain('<redacted>')
    expect(within(detail).getAllByText(/KeyError/).length).toBeGreaterThan(0)
    expect(within(detail).getByText('node weather.js')).toBeTruthy()
  })

  it('switches the detail pane and re-tests the chosen server', async () => {
    const { fake } = await renderTwo()
    fireEvent.click(screen.getByRole('button', { name: /github/ }))
    const detail = screen.getByRole('article', { name: 'Server github' })
    expect(within(detail).getByText(/offers 4 tools/)).toBeTruthy()
    fireEvent.click(within(detail).getByRole('button', { name: 'Re-test' }))
    expect(fake.calls.at(-1)).toMatchObject({ channel: 'diagnose:server', request: { id: makeServer('github').id } })
  })
})
