import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Request } from '../../src/shared/contract'
import { makeReport, makeServer } from './fake-api'
import { renderApp } from './render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const TEXT = { md: '## MCP Medic report\n\n| ❌ error | weather |', json: '{ "schemaVersion": 1 }\n', html: '<!doctype html><title>MCP Medic report</title>' }

async function openDialog(options: { save?: 'desktop' | 'browser' } = {}) {
  const app = await renderApp(makeReport([makeServer('weather', { status: 'error' })]))
  const exports: Request<'report:export'>[] = []
  app.fake.answer('report:export', (request) => {
    exports.push(request)
    const text = TEXT[request.format]
    return { ok: true, value: { format: request.format, filename: `mcp-medic-report-2026-12-02-1000.${request.format}`, mime: 'text/plain', text, bytes: text.length, trimmed: request.format === 'md' } }
  })
  app.fake.answer('report:save', (request) =>
    options.save === 'browser'
      ? { ok: false, error: { code: 'unavailable', message: 'Saving to a file needs the desktop app' } }
      : { ok: true, value: { saved: true, path: `/home/u/Documents/report.${request.format}` } }
  )
  const opener = screen.getByRole('button', { name: 'Export report…' })
  opener.focus()
  fireEvent.click(opener)
  const dialog = await screen.findByRole('dialog', { name: 'Export report' })
  await waitFor(() => expect(screen.getByLabelText('Preview of the Markdown report').textContent).toBe(TEXT.md))
  return { ...app, dialog, opener, exports }
}

describe('Export dialog', () => {
  it('previews exactly what the engine exported, and switches format', async () => {
    const { dialog, exports } = await openDialog()
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.textContent).toContain('mcp-medic-report-2026-12-02-1000.md')
    expect(dialog.textContent).toContain('evidence shortened to fit a GitHub issue')
    expect(dialog.textContent).toContain('Nothing can be revealed into an export')
    fireEvent.click(screen.getByLabelText(/JSON/))
    await waitFor(() => expect(screen.getByLabelText('Preview of the JSON report').textContent).toBe(TEXT.json))
    expect(exports.map((r) => r.format)).toEqual(['md', 'json'])
  })

  it('saves through the desktop save dialog and says where', async () => {
    const { fake } = await openDialog({ save: 'desktop' })
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    expect(await screen.findByText('Saved to /home/u/Documents/report.md.')).toBeTruthy()
    expect(fake.calls.filter((c) => c.channel === 'report:save').map((c) => c.request)).toEqual([{ format: 'md' }])
  })

  it('downloads the same text in the browser face, where there is no save dialog', async () => {
    const created: Blob[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob)
      return 'blob:report'
    })
    URL.revokeObjectURL = vi.fn()
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('mcp-medic-report-2026-12-02-1000.md')
    })
    await openDialog({ save: 'browser' })
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    expect(await screen.findByText('Downloaded mcp-medic-report-2026-12-02-1000.md.')).toBeTruthy()
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(await created[0]!.text()).toBe(TEXT.md)
  })

  it('copies the Markdown even while another format is previewed', async () => {
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await openDialog()
    fireEvent.click(screen.getByLabelText(/HTML page/))
    await waitFor(() => expect(screen.getByLabelText('Preview of the HTML page report').textContent).toBe(TEXT.html))
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(TEXT.md))
  })

  it('keeps focus inside, closes on Escape and gives focus back to the button', async () => {
    const { dialog, opener } = await openDialog()
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Markdown/ }))
    const save = screen.getByRole('button', { name: 'Save…' })
    save.focus()
    fireEvent.keyDown(save, { key: 'Tab' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }))
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(save)
    act(() => {
      fireEvent.keyDown(dialog, { key: 'Escape' })
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('says why when there is nothing to export', async () => {
    const app = await renderApp(makeReport([]))
    app.fake.answer('report:export', () => ({ ok: false, error: { code: 'not-found', message: 'Nothing has been diagnosed yet: run a diagnosis first, then export its report.' } }))
    fireEvent.click(screen.getByRole('button', { name: 'Export report…' }))
    expect(await screen.findByText(/Nothing has been diagnosed yet/)).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Save…' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
