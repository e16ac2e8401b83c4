import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { groupConfigs } from '../../src/renderer/src/config-map'
import type { ServerReport } from '../../src/shared/report'
import { makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const local = makeServer('db', { id: 'cc:local:db', scope: 'local', project: '/home/u/app', effective: { state: 'active', reason: 'Claude Code loads this definition.' } })
const shadowed = makeServer('db', {
  id: 'cc:project:db',
  scope: 'project',
  project: '/home/u/app',
  configPath: '/home/u/app/.mcp.json',
  status: 'skipped',
  probe: undefined,
  effective: { state: 'shadowed', reason: 'The local-scope definition in /home/u/.claude.json takes precedence.', by: 'cc:local:db' }
})
const pending: ServerReport = { ...makeServer('fetch', { id: 'cc:project:fetch', scope: 'project', project: '/home/u/app', configPath: '/home/u/app/.mcp.json', status: 'warning', probe: undefined }), effective: { state: 'unapproved', reason: 'Pending approval: no settings file approves "fetch".' } }

async function renderMap() {
  const report = makeReport([local, shadowed, pending])
  report.configs = [
    { client: 'claude-code', scope: 'user', path: '/home/u/.claude.json', exists: true, format: 'json', servers: 1 },
    { client: 'claude-code', scope: 'project', path: '/home/u/app/.mcp.json', exists: true, format: 'json', servers: 2 },
    { client: 'cursor', scope: 'user', path: '/home/u/.cursor/mcp.json', exists: true, format: 'json', error: { message: 'Property name expected at line 4, column 3', line: 4, column: 3 } },
    { client: 'zed', scope: 'user', path: '/home/u/.config/zed/settings.json', exists: false, format: 'jsonc' }
  ]
  const { store } = await renderApp(report)
  fireEvent.click(screen.getByRole('button', { name: /Config map/ }))
  return { store, map: screen.getByRole('article', { name: 'Config map' }) }
}

describe('the config map', () => {
  it('groups files by client, shows each definition\'s state and why, and broken files with line and column', async () => {
    const { map } = await renderMap()
    const claude = within(map).getByRole('region', { name: 'Claude Code' })
    expect(within(claude).getByText('~/.claude.json')).toBeTruthy()
    expect(within(claude).getByText('~/app/.mcp.json')).toBeTruthy()
    const rows = claude.querySelectorAll('[data-server]')
    expect([...rows].map((r) => `${r.getAttribute('data-server')}:${r.getAttribute('data-state')}`)).toEqual(['db:active', 'db:shadowed', 'fetch:unapproved'])
    expect(rows[0]!.textContent).toContain('Wins over the project-scope definition')
    expect(rows[1]!.textContent).toContain('takes precedence')
    expect(rows[2]!.textContent).toContain('Pending approval')
    const cursor = within(map).getByRole('region', { name: 'Cursor' })
    expect(within(cursor).getByRole('alert').textContent).toContain('Line 4, column 3')
    expect(within(map).getByRole('region', { name: 'Clients without config files' }).textContent).toContain('Zed')
  })

  it('jumps from a shadowed definition to the one in use', async () => {
    const { store, map } = await renderMap()
    fireEvent.click(within(map).getByRole('button', { name: 'Show the definition in use' }))
    expect(store.getState()).toMatchObject({ view: 'server', selectedId: 'cc:local:db' })
    const detail = screen.getByRole('article', { name: 'Server db' })
    expect(within(detail).getByText('Yes')).toBeTruthy()
  })

  it('groupConfigs keeps the client order and puts each server under its own file', () => {
    const groups = groupConfigs(
      [
        { client: 'zed', scope: 'user', path: '/z', exists: true },
        { client: 'claude-code', scope: 'user', path: '/c', exists: true }
      ],
      [makeServer('a', { configPath: '/c' })]
    )
    expect(groups.map((g) => g.client)).toEqual(['claude-code', 'zed'])
    expect(groups[0]!.files[0]!.servers.map((s) => s.name)).toEqual(['a'])
  })
})
