import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { servedHome } from './helpers'

/** Exporting a report in the browser face: preview, download, and the HTML file opened offline. */

const served = servedHome(test)

test('export the report: preview what leaves the machine, download it, and it holds no secret', async ({ page }) => {
  const { home, serve } = served
  await page.goto(serve.url)
  const list = page.getByRole('navigation')
  await expect(list.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 20_000 })
  await expect(list.locator('[data-server="notes"]')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 })

  const opener = page.getByRole('button', { name: 'Export report…' })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: 'Export report' })
  await expect(dialog).toBeVisible()
  const preview = dialog.getByLabel('Preview of the Markdown report')
  await expect(preview).toContainText('## MCP Medic report')
  await expect(preview).toContainText('| ❌ error | weather-api | Claude Code | user |')
  await expect(preview).toContainText('WEATHER_API_KEY=<redacted>')
  await expect(preview).not.toContainText('sk-live-abcdefghijklmnop')
  await expect(preview).not.toContainText(home.home)
  await page.screenshot({ path: 'test-results/export-dialog.png' })

  // The browser face has no save dialog: Save… downloads the same text.
  const shown = await preview.textContent()
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save…' }).click()])
  expect(download.suggestedFilename()).toMatch(/^mcp-medic-report-\d{4}-\d{2}-\d{2}-\d{4}\.md$/)
  const saved = await readFile((await download.path())!, 'utf8')
  expect(saved).toBe(shown)
  await expect(dialog.getByText(`Downloaded ${download.suggestedFilename()}.`)).toBeVisible()

  // The HTML one, opened as a file with every request watched: it fetches nothing at all.
  await dialog.getByRole('radio', { name: /HTML page/ }).check()
  await expect(dialog.getByLabel('Preview of the HTML page report')).toContainText('<!doctype html>')
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save…' }).click()])
  // Saved under its own name: a browser renders a file as HTML by its extension.
  expect(htmlDownload.suggestedFilename()).toMatch(/\.html$/)
  const htmlPath = path.join(home.home, htmlDownload.suggestedFilename())
  await htmlDownload.saveAs(htmlPath)
  expect(await readFile(htmlPath, 'utf8')).not.toContain('sk-live-abcdefghijklmnop')

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(opener).toBeFocused()

  const offline = await page.context().newPage()
  const requests: string[] = []
  offline.on('request', (r) => requests.push(r.url()))
  await offline.goto(`file://${htmlPath}`)
  await expect(offline.getByRole('heading', { level: 2, name: 'MCP Medic report' })).toBeVisible()
  await expect(offline.getByRole('heading', { level: 3, name: /weather-api/ })).toBeVisible()
  await offline.emulateMedia({ colorScheme: 'dark' })
  const background = await offline.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(13, 17, 23)')
  await offline.screenshot({ path: 'test-results/export-html-dark.png', fullPage: true })
  // On screen the evidence is folded; on paper it is printed open, black on white.
  const stderr = offline.locator('details', { hasText: 'stderr (last lines)' }).locator('pre').first()
  await expect(stderr).toBeHidden()
  await offline.emulateMedia({ media: 'print', colorScheme: 'dark' })
  expect(await offline.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)')
  await expect(stderr).toBeVisible()
  await offline.screenshot({ path: 'test-results/export-html-print.png', fullPage: true })
  await offline.pdf({ path: 'test-results/export-html.pdf' }).catch(() => undefined)
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([])
  await offline.close()
})
