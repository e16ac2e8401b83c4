import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { snapshot } from '../../src/renderer/src/services'
import type { FixOutcome } from '../../src/shared/fix'
import { finding } from '../../src/shared/findings'
import type { ServerReport } from '../../src/shared/report'
import { type FakeApi, makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const SECRET = 'sk-typed-by-the-user-123456'

const broken: ServerReport = makeServer('brave', {
  id: 'cc:user:brave',
  status: 'error',
  env: {},
  probe: { outcome: 'exited', ms: 90, exitCode: 1, stderrTail: 'Error: BRAVE_API_KEY environment variable is required' },
  findings: [
    finding('env-missing', 'error', 'BRAVE_API_KEY is not set', 'The server stops because BRAVE_API_KEY is missing.', {
      evidence: { variables: ['BRAVE_API_KEY'] },
      fix: {
        summary: 'Set BRAVE_API_KEY in the entry.',
        action: { id: 'env-missing:set-env:BRAVE_API_KEY', label: 'Set BRAVE_API_KEY', kind: 'edit', edit: { serverId: 'cc:user:brave', op: { op: 'set-env', key: 'BRAVE_API_KEY', value: '' } }, value: { from: 'input', secret: true, label: 'Your Brave Search API key' } },
        alternatives: [
          { id: 'env-missing:copy', label: 'Copy the export line', kind: 'copy', text: 'export BRAVE_API_KEY=…' },
          { id: 'env-missing:docs', label: 'Get a key at nodejs.org', kind: 'open-url', url: 'https://nodejs.org/en/download' },
          { id: 'env-missing:evil', label: 'Not allowed', kind: 'open-url', url: 'https://evil.example/' }
        ]
      }
    })
  ]
})
const fixed: ServerReport = { ...broken, status: 'ok', env: { BRAVE_API_KEY: '<redacted>' }, findings: [], probe: { outcome: 'ok', ms: 140, tools: 2, timings: { initializeMs: 110 } } }

function outcome(before: ServerReport, after: ServerReport, backupId?: string): FixOutcome {
  return { summary: 'Set env BRAVE_API_KEY in ~/.claude.json.', backupId, configPath: '/home/u/.claude.json', serverId: after.id, before: snapshot(before), after: snapshot(after), server: after }
}

function scriptFixes(fake: FakeApi): void {
  fake.answer('fix:preview', (r) => ({
    ok: true,
    value: {
      action: broken.findings[0]!.fix!.action!,
      summary: `Sets env BRAVE_API_KEY in ~/.claude.json (${r.input ? 'the value you typed' : 'no value'}).`,
      configPath: '/home/u/.claude.json',
      diff: '--- a/.claude.json\n+++ b/.claude.json\n@@ -3,1 +3,2 @@\n-      "env": {}\n+      "env": { "BRAVE_API_KEY": "••••••••" }\n',
      expectedHash: 'hash-1'
    }
  }))
  fake.answer('fix:apply', () => ({ ok: true, value: outcome(broken, fixed, 'backup-1') }))
  fake.answer('fix:undo', () => ({ ok: true, value: outcome(fixed, broken) }))
}

/** The app with the first server's page open. */
async function openBroken(...args: Parameters<typeof renderApp>) {
  const rendered = await renderApp(...args)
  act(() => rendered.store.getState().select(args[0].servers[0]!.id))
  return rendered
}

describe('fix actions', () => {
  it('asks for the value masked, previews the diff, applies with a re-test and undoes from the same screen', async () => {
    const { fake, store } = await renderApp(makeReport([broken]), scriptFixes)
    act(() => store.getState().select(broken.id))
    const panel = screen.getByRole('tabpanel')
    expect(panel.getAttribute('data-step')).toBe('5')
    const opener = within(panel).getByRole('button', { name: 'Set BRAVE_API_KEY' })
    fireEvent.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Set BRAVE_API_KEY' })
    const field = within(dialog).getByLabelText('Your Brave Search API key') as HTMLInputElement
    expect(field.type).toBe('password')
    expect(field.autocomplete).toBe('off')
    expect(document.activeElement).toBe(field)
    fireEvent.change(field, { target: { value: SECRET } })
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Preview the change' }))
    })
    expect(fake.calls.find((c) => c.channel === 'fix:preview')!.request).toEqual({ serverId: broken.id, actionId: 'env-missing:set-env:BRAVE_API_KEY', input: SECRET })
    const diff = within(dialog).getByLabelText('Changes to ~/.claude.json')
    expect(diff.querySelector('.diff-add')!.textContent).toContain('••••••••')
    expect(document.body.textContent).not.toContain(SECRET)

    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Apply and re-test' }))
    })
    expect(fake.calls.find((c) => c.channel === 'fix:apply')!.request).toEqual({ serverId: broken.id, actionId: 'env-missing:set-env:BRAVE_API_KEY', input: SECRET, expectedHash: 'hash-1' })
    const sides = within(dialog).getByRole('group', { name: 'Before and after' })
    expect(sides.querySelector('[data-side="before"]')!.getAttribute('data-status')).toBe('error')
    expect(sides.querySelector('[data-side="after"]')!.getAttribute('data-status')).toBe('ok')
    expect(sides.textContent).toContain('2 tools')
    // the list behind the dialog shows the re-tested server
    expect(document.querySelector(`[data-server-row="${broken.id}"]`)!.getAttribute('data-status')).toBe('ok')
    expect(store.getState().edited[broken.id]).toBe(true)
    expect(document.body.textContent).not.toContain(SECRET)

    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Undo' }))
    })
    expect(fake.calls.find((c) => c.channel === 'fix:undo')!.request).toEqual({ backupId: 'backup-1', serverId: broken.id })
    expect(within(dialog).getByRole('status').textContent).toContain('Undone')
    expect(document.querySelector(`[data-server-row="${broken.id}"]`)!.getAttribute('data-status')).toBe('error')

    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('keeps Tab inside the dialog, closes on Escape and gives focus back to the button that opened it', async () => {
    await openBroken(makeReport([broken]), scriptFixes)
    const opener = screen.getByRole('button', { name: 'Set BRAVE_API_KEY' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('Your Brave Search API key'), { target: { value: 'x' } })
    const last = within(dialog).getByRole('button', { name: 'Preview the change' })
    last.focus()
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }))
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(last)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('says quietly that applying is not in this build when the engine lacks fix:preview', async () => {
    await openBroken(makeReport([broken]))
    fireEvent.click(screen.getByRole('button', { name: 'Set BRAVE_API_KEY' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('Your Brave Search API key'), { target: { value: SECRET } })
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Preview the change' }))
    })
    expect(within(dialog).getByText(/Applying fixes is not available in this build/)).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('copies copy actions and opens only allow-listed pages', async () => {
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await openBroken(makeReport([broken]))
    const actions = screen.getByRole('group', { name: 'Fix actions' })
    await act(async () => {
      fireEvent.click(within(actions).getByRole('button', { name: 'Copy the export line' }))
    })
    expect(writeText).toHaveBeenCalledWith('export BRAVE_API_KEY=…')
    expect(within(actions).getByRole('button', { name: 'Copied' })).toBeTruthy()
    const link = within(actions).getByRole('link', { name: /Get a key/ })
    expect(link.getAttribute('href')).toBe('https://nodejs.org/en/download')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(within(actions).queryByRole('link', { name: /Not allowed/ })).toBeNull()
  })

  it('asks for confirmation before a chmod and shows the engine\'s words', async () => {
    const script = broken.findings[0]!
    const chmodServer: ServerReport = {
      ...broken,
      findings: [{ ...script, code: 'not-executable', step: 4, title: 'server.sh is not executable', fix: { summary: 'Add the execute bit.', action: { id: 'chmod', label: 'Make it executable', kind: 'chmod', path: '/home/u/server.sh' } } }]
    }
    const { fake } = await openBroken(makeReport([chmodServer]), (f) => {
      f.answer('fix:preview', () => ({ ok: true, value: { action: chmodServer.findings[0]!.fix!.action!, summary: 'Adds the execute bit to /home/u/server.sh.', confirm: 'Make /home/u/server.sh executable for you?' } }))
      f.answer('fix:apply', () => ({ ok: false, error: { code: 'forbidden', message: 'Permission denied: /home/u/server.sh belongs to root.' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Make it executable' }))
    })
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText('Make /home/u/server.sh executable for you?')).toBeTruthy()
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, do it' }))
    })
    expect(fake.calls.find((c) => c.channel === 'fix:apply')!.request).toEqual({ serverId: broken.id, actionId: 'chmod' })
    expect(within(dialog).getByRole('alert').textContent).toContain('belongs to root')
  })
})
