import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Step } from '../../src/shared/findings'
import { finding } from '../../src/shared/findings'
import type { Report, ServerReport } from '../../src/shared/report'
import { type FakeApi, makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(cleanup)

const TYPED = 'xoxb-typed-secret-777'

const slack: ServerReport = makeServer('slack', {
  id: 'cc:user:slack',
  status: 'error',
  env: { SLACK_TEAM_ID: '<placeholder>', SLACK_BOT_TOKEN: '<redacted>' },
  probe: { outcome: 'exited', ms: 90, exitCode: 1 },
  findings: [finding('env-missing', 'error', 'SLACK_CHANNEL_IDS is required', 'd', { evidence: { variables: ['SLACK_CHANNEL_IDS'] } })]
})
const slackOk: ServerReport = { ...slack, status: 'ok', findings: [], probe: { outcome: 'ok', ms: 120, tools: 8 } }

async function openAt(report: Report, step: Step, script?: (fake: FakeApi) => void) {
  const rendered = await renderApp(report, script)
  act(() => rendered.store.getState().select(report.servers[0]!.id, step))
  return { ...rendered, panel: screen.getByRole('tabpanel') }
}

const ENTRY = '{\n  "command": "npx",\n  "args": ["-y", "@modelcontextprotocol/server-slack"],\n  "env": { "SLACK_BOT_TOKEN": "••••••••" }\n}'

function scriptEntry(fake: FakeApi): void {
  fake.answer('config:entry', () => ({ ok: true, value: { serverId: slack.id, configPath: '/home/u/.claude.json', format: 'json', text: ENTRY, hash: 'h1', masked: ['SLACK_BOT_TOKEN'] } }))
  fake.answer('config:check', ({ text }) => {
    try {
      JSON.parse(text)
      return { ok: true, value: { ok: true, errors: [], findings: [], diff: '@@ -2 +2 @@\n-    "command": "npx",\n+    "command": "/usr/bin/npx",\n' } }
    } catch {
      return { ok: true, value: { ok: false, errors: [{ message: 'Property name expected', line: 2, column: 3 }], findings: [] } }
    }
  })
}

describe('the step-2 entry editor', () => {
  it('checks the text as it is typed, marks the line of an error, previews the diff and saves with a backup', async () => {
    const { fake, panel } = await openAt(makeReport([slack]), 2, (f) => {
      scriptEntry(f)
      f.answer('config:save', () => ({ ok: true, value: { configPath: '/home/u/.claude.json', backupId: 'b-7', hashBefore: 'h1', hashAfter: 'h2', serverId: slack.id, summary: 'Saved the "slack" entry in ~/.claude.json.' } }))
    })
    const text = (await within(panel).findByLabelText('Entry text (JSON)')) as HTMLTextAreaElement
    expect(text.value).toBe(ENTRY)
    expect(within(panel).getByText(/The values of SLACK_BOT_TOKEN are masked/)).toBeTruthy()

    fireEvent.change(text, { target: { value: '{\n  ,"command": "npx"\n}' } })
    await within(panel).findByText('Line 2, column 3: Property name expected')
    expect(text.getAttribute('aria-invalid')).toBe('true')
    expect(panel.querySelector('.editor-gutter .gutter-error')!.textContent).toBe('2')
    expect((within(panel).getByRole('button', { name: 'Save with backup' }) as HTMLButtonElement).disabled).toBe(true)

    fireEvent.change(text, { target: { value: ENTRY.replace('"npx"', '"/usr/bin/npx"') } })
    await within(panel).findByText(/Valid. Nothing is written until you save/)
    expect(within(panel).getByLabelText('Diff of the config file').textContent).toContain('+    "command": "/usr/bin/npx"')
    fake.serverResult = { ok: true, value: slackOk }
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Save with backup' }))
    })
    expect(fake.calls.find((c) => c.channel === 'config:save')!.request).toEqual({ serverId: slack.id, text: ENTRY.replace('"npx"', '"/usr/bin/npx"'), expectedHash: 'h1' })
    await waitFor(() => expect(within(panel).getByRole('group', { name: 'Before and after' }).querySelector('[data-side="after"]')!.getAttribute('data-status')).toBe('ok'))
    expect(within(panel).getByRole('button', { name: 'Undo save' })).toBeTruthy()
  })

  it('keeps the text when the file changed on disk, and offers to load it again', async () => {
    const { panel } = await openAt(makeReport([slack]), 2, (f) => {
      scriptEntry(f)
      f.answer('config:save', () => ({ ok: false, error: { code: 'conflict', message: '~/.claude.json changed since it was read' } }))
    })
    const text = (await within(panel).findByLabelText('Entry text (JSON)')) as HTMLTextAreaElement
    const edited = ENTRY.replace('"npx"', '"/usr/bin/npx"')
    fireEvent.change(text, { target: { value: edited } })
    await within(panel).findByText(/Valid/)
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Save with backup' }))
    })
    expect(within(panel).getByRole('alert').textContent).toContain('changed on disk')
    expect(text.value).toBe(edited)
    expect(within(panel).getByRole('button', { name: 'Load the file again' })).toBeTruthy()
  })
})

describe('the step-5 variables', () => {
  it('lists each variable with its state and never shows a value unless asked', async () => {
    const { fake, panel } = await openAt(makeReport([slack]), 5, (f) => {
      f.answer('secret:reveal', () => ({ ok: true, value: { value: 'xoxb-revealed-on-request' } }))
    })
    const rows = [...panel.querySelectorAll('[data-env]')].map((r) => [r.getAttribute('data-env'), r.getAttribute('data-env-state')])
    expect(rows).toEqual([
      ['SLACK_TEAM_ID', 'placeholder'],
      ['SLACK_BOT_TOKEN', 'set'],
      ['SLACK_CHANNEL_IDS', 'missing']
    ])
    expect(panel.textContent).not.toContain('xoxb-revealed-on-request')
    const token = panel.querySelector('[data-env="SLACK_BOT_TOKEN"]') as HTMLElement
    expect(within(panel.querySelector('[data-env="SLACK_TEAM_ID"]') as HTMLElement).queryByRole('button', { name: 'Reveal' })).toBeNull()
    await act(async () => {
      fireEvent.click(within(token).getByRole('button', { name: 'Reveal' }))
    })
    expect(fake.calls.find((c) => c.channel === 'secret:reveal')!.request).toEqual({ serverId: slack.id, kind: 'env', key: 'SLACK_BOT_TOKEN' })
    expect(within(token).getByLabelText('Value of SLACK_BOT_TOKEN').textContent).toBe('xoxb-revealed-on-request')
    fireEvent.click(within(token).getByRole('button', { name: 'Hide' }))
    expect(panel.textContent).not.toContain('xoxb-revealed-on-request')
  })

  it('sets a missing variable through config:edit with a masked field, re-tests, and undoes', async () => {
    const { fake, panel, store } = await openAt(makeReport([slack]), 5, (f) => {
      f.answer('config:edit', () => ({ ok: true, value: { configPath: '/home/u/.claude.json', backupId: 'b-9', hashBefore: 'h1', hashAfter: 'h2', serverId: slack.id, summary: 'Set env SLACK_CHANNEL_IDS in ~/.claude.json.' } }))
      f.answer('config:undo', () => ({ ok: true, value: { configPath: '/home/u/.claude.json', backupId: 'b-10', hashBefore: 'h2', hashAfter: 'h1', serverId: slack.id, summary: 'Put ~/.claude.json back as it was.' } }))
    })
    const row = panel.querySelector('[data-env="SLACK_CHANNEL_IDS"]') as HTMLElement
    fireEvent.click(within(row).getByRole('button', { name: 'Set value' }))
    const field = within(row).getByLabelText('Value of SLACK_CHANNEL_IDS') as HTMLInputElement
    expect(field.type).toBe('password')
    fireEvent.change(field, { target: { value: TYPED } })
    fake.serverResult = { ok: true, value: slackOk }
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Save and re-test' }))
    })
    expect(fake.calls.find((c) => c.channel === 'config:edit')!.request).toEqual({ serverId: slack.id, op: { op: 'set-env', key: 'SLACK_CHANNEL_IDS', value: TYPED } })
    expect(document.body.textContent).not.toContain(TYPED)
    const change = screen.getByRole('tabpanel').querySelector('[data-change]') as HTMLElement
    expect(change.textContent).toContain('Set env SLACK_CHANNEL_IDS')
    expect(change.querySelector('[data-side="after"]')!.getAttribute('data-status')).toBe('ok')
    expect(store.getState().edited[slack.id]).toBe(true)
    expect(store.getState().history.state).not.toBe('idle')

    fake.serverResult = { ok: true, value: slack }
    await act(async () => {
      fireEvent.click(within(change).getByRole('button', { name: 'Undo' }))
    })
    // this build has no fix:undo: the undo goes through config:undo, then a re-test
    expect(fake.calls.map((c) => c.channel)).toContain('fix:undo')
    expect(fake.calls.find((c) => c.channel === 'config:undo')!.request).toEqual({ backupId: 'b-9' })
    expect(store.getState().servers[0]!.server.status).toBe('error')
    expect(screen.getByRole('tabpanel').querySelector('[data-change]')!.getAttribute('data-change')).toBe('undone')
  })
})
