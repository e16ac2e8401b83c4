import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ExternalLink } from '../../src/renderer/src/components/ExternalLink'
import type { Report } from '../../src/shared/report'
import { makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

function reportWithRuntimes(loginShell: Report['system']['loginShell']): Report {
  const report = makeReport([makeServer('github')])
  report.system.loginShell = loginShell
  report.runtimes = [
    { name: 'node', found: true, path: '/usr/bin/node', version: '20.11.1', where: 'app-path', locations: [
      { where: 'app-path', path: '/usr/bin/node', version: '20.11.1' },
      { where: 'known-dir', path: '/home/u/.nvm/versions/node/v22.11.0/bin/node', version: '22.11.0', source: 'nvm' }
    ] },
    { name: 'uvx', found: true, path: '/home/u/.local/bin/uvx', version: '0.5.4', where: 'login-shell', locations: [{ where: 'login-shell', path: '/home/u/.local/bin/uvx', version: '0.5.4' }] },
    { name: 'docker', found: false, where: 'none', locations: [] }
  ]
  return report
}

async function renderWith(report: Report) {
  await renderApp(report)
  return screen.getByRole('region', { name: 'Runtimes' })
}

describe('RuntimesPanel', () => {
  it('lists each runtime with its version, where it was found, and other places', async () => {
    const panel = await renderWith(reportWithRuntimes({ shell: '/bin/zsh', ok: true, ms: 84, path: ['/a', '/b'] }))
    expect(panel.textContent).toContain('Login shell /bin/zsh read in 84 ms, 2 folders on its PATH.')
    const rows = panel.querySelectorAll('[data-runtime]')
    expect([...rows].map((r) => [r.getAttribute('data-runtime'), r.getAttribute('data-where')])).toEqual([
      ['node', 'app-path'],
      ['uvx', 'login-shell'],
      ['docker', 'none']
    ])
    const node = within(rows[0] as HTMLElement)
    expect(node.getByText('20.11.1')).toBeTruthy()
    expect(node.getByText('on PATH')).toBeTruthy()
    expect(node.getByText('~/.nvm/versions/node/v22.11.0/bin/node')).toBeTruthy()
    const uvx = within(rows[1] as HTMLElement)
    expect(uvx.getByText('login shell only')).toBeTruthy()
    expect(uvx.getByText(/Only your terminal finds it/)).toBeTruthy()
  })

  it('offers the official page and a package-manager command for a missing runtime', async () => {
    const panel = await renderWith(reportWithRuntimes({ shell: '/bin/zsh', ok: true, ms: 84 }))
    const docker = within(panel.querySelector('[data-runtime="docker"]') as HTMLElement)
    expect(docker.getByText('not installed')).toBeTruthy()
    // the fake platform is linux
    const link = docker.getByRole('link', { name: /docs\.docker\.com/ })
    expect(link.getAttribute('href')).toBe('https://docs.docker.com/engine/install/')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(docker.getByText('sudo apt install docker.io')).toBeTruthy()
    expect(docker.getByRole('button', { name: 'Copy' })).toBeTruthy()
  })

  it('says when the login shell could not be read', async () => {
    const panel = await renderWith(reportWithRuntimes({ shell: '/bin/zsh', ok: false, ms: 10_000, error: 'did not finish within 10 s', timedOut: true }))
    expect(panel.querySelector('[data-login-shell="failed"]')?.textContent).toBe('Login shell /bin/zsh could not be read: did not finish within 10 s.')
  })
})

describe('ExternalLink', () => {
  it('renders a link only to an allow-listed https page', () => {
    render(
      <>
        <ExternalLink href="https://nodejs.org/en/download">node</ExternalLink>
        <ExternalLink href="https://evil.example/">evil</ExternalLink>
        <ExternalLink href="javascript:alert(1)">js</ExternalLink>
      </>
    )
    expect(screen.getByRole('link', { name: /node/ }).getAttribute('target')).toBe('_blank')
    expect(screen.queryByRole('link', { name: /evil/ })).toBeNull()
    expect(screen.queryByRole('link', { name: /js/ })).toBeNull()
    expect(screen.getByText('evil').tagName).toBe('SPAN')
  })
})
