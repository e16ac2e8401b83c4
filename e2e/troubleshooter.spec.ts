import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { ROOT, startServe } from './helpers'
import { SHOTS, troubleshooterHome, TYPED_SECRET } from './troubleshooter-fixtures'

/**
 * The guided troubleshooter against the real engine, through the browser face: the overview, a
 * broken server walked through the seven steps, fixed in step 5 (a masked value, saved with a
 * backup, re-tested to green), undone from step 7's history (back to failing), with screenshots
 * of every step for docs/screenshots and no console error on the way.
 */


let home: Awaited<ReturnType<typeof troubleshooterHome>>
let serve: Awaited<ReturnType<typeof startServe>>
const consoleErrors: string[] = []

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true })
  home = await troubleshooterHome()
  serve = await startServe(home.home)
})

test.afterAll(async () => {
  await serve?.stop()
  await home?.cleanup()
})

function watchConsole(page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
}

/** Screenshots of the main pane's whole content: it scrolls on its own, so a full-page shot would cut it. */
async function shoot(page: Page, name: string): Promise<void> {
  const main = page.locator('main.detail')
  const height = await main.evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(800, height + 60), 2400) })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('walk a broken server through the seven steps, fix it in step 5, watch it go green, undo it from step 7', async ({ page }) => {
  watchConsole(page)
  await page.goto(serve.url)
  const list = page.getByRole('navigation', { name: 'Server list' })
  await expect(list.locator('[data-server="notes"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await expect(list.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await expect(list.locator('[data-server="docs"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })

  // The overview: the outage line, the summary, and what needs attention.
  const overview = page.getByRole('article', { name: 'Overview' })
  await expect(page.getByRole('status', { name: 'Outage check' })).toBeVisible()
  await expect(overview.getByText(/^8 servers in 2 clients: 1 connected/)).toBeVisible()
  const attention = overview.getByRole('region', { name: 'Needs attention' })
  for (const name of ['weather-api', 'local-build', 'typo', 'docs', 'noisy', 'tickets', 'notes-cli']) await expect(attention.locator(`[data-attention="${name}"]`)).toBeVisible()
  await expect(attention.locator('[data-attention="notes"]')).toHaveCount(0)
  await shoot(page, 'home')

  // The broken server opens at its first failing step.
  await attention.getByRole('button', { name: 'Troubleshoot weather-api' }).click()
  const server = page.getByRole('article', { name: 'Server weather-api' })
  const tabs = server.getByRole('tablist', { name: 'Troubleshooting steps' })
  const firstFailing = tabs.locator('[data-state="fail"]').first()
  await expect(firstFailing).toHaveAttribute('aria-selected', 'true')
  const opening = Number(await firstFailing.getAttribute('data-step'))
  expect([4, 5]).toContain(opening)
  await expect(server.getByRole('tabpanel')).toContainText('FIXTURE_API_KEY environment variable is required')

  // Step by step from the start, with the keyboard and the Next button.
  await tabs.getByRole('tab', { name: /^Step 1,/ }).click()
  for (let step = 1; step <= 7; step++) {
    const panel = server.getByRole('tabpanel')
    await expect(panel).toHaveAttribute('data-step', String(step))
    await expect(panel.getByRole('heading', { level: 2 })).toContainText(`Step ${step}`)
    if (step === 1) await expect(panel.getByRole('region', { name: 'Where the entry lives' })).toContainText('.claude.json')
    if (step === 2) await expect(panel.getByRole('region', { name: 'Configuration' })).toContainText('WEATHER_UNITS')
    if (step === 3) await expect(panel.getByRole('region', { name: 'Command resolution' })).toContainText(process.execPath)
    if (step === 4) await expect(panel.getByRole('region', { name: 'Timeline' })).toContainText('exited with code 1')
    if (step === 5) await expect(panel.locator('[data-env="WEATHER_UNITS"]')).toHaveAttribute('data-env-state', 'set')
    if (step === 6) await expect(panel.getByLabel('stderr of the test run')).toContainText('FIXTURE_API_KEY')
    if (step === 7) await expect(panel.getByRole('region', { name: 'Pick up the change' })).toContainText('Claude Code')
    await shoot(page, `step-${step}`)
    if (step < 7) await panel.getByRole('button', { name: new RegExp(`^Step ${step + 1}: `) }).click()
  }
  // the arrow keys move between steps too
  await tabs.getByRole('tab', { selected: true }).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(server.getByRole('tabpanel')).toHaveAttribute('data-step', '6')
  await page.keyboard.press('Home')
  await expect(server.getByRole('tabpanel')).toHaveAttribute('data-step', '1')

  // Step 5: type the missing value into the masked field; it is saved with a backup and re-tested.
  await tabs.getByRole('tab', { name: /^Step 5,/ }).click()
  const step5 = server.getByRole('tabpanel')
  await step5.getByRole('button', { name: 'Add a variable' }).click()
  await step5.getByLabel('Name').fill('FIXTURE_API_KEY')
  const value = step5.getByLabel('Value of FIXTURE_API_KEY')
  await expect(value).toHaveAttribute('type', 'password')
  await value.fill(TYPED_SECRET)
  await step5.getByRole('button', { name: 'Save and re-test' }).click()
  const change = step5.locator('[data-change="applied"]')
  await expect(change.locator('[data-side="after"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await expect(change.locator('[data-side="before"]')).toHaveAttribute('data-status', 'error')
  await expect(change).toContainText('1 tool')
  await expect(list.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'ok')
  await expect(server.getByText(/^Connected: fixture-needs-env 1.0.0 answered/)).toBeVisible()
  await expect(step5.locator('[data-env="FIXTURE_API_KEY"]')).toHaveAttribute('data-env-state', 'set')
  await expect(page.locator('body')).not.toContainText(TYPED_SECRET)
  await shoot(page, 'step-5-fixed')

  // Step 7 asks for a restart and lists the change; undo it from there: back to failing.
  await tabs.getByRole('tab', { name: /^Step 7,/ }).click()
  const step7 = server.getByRole('tabpanel')
  await expect(step7).toHaveAttribute('data-state', 'warning')
  const history = step7.getByRole('region', { name: 'Changes made here' })
  await expect(history.locator('[data-backup]')).toHaveCount(1)
  await expect(history).toContainText('FIXTURE_API_KEY')
  await shoot(page, 'step-7-history')
  await history.getByRole('button', { name: /^Undo:/ }).click()
  await expect(list.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await expect(history.locator('.history-row.undone')).toHaveCount(1)
  await expect(history.locator('[data-side="after"]')).toHaveAttribute('data-status', 'error')
  await expect(page.locator('body')).not.toContainText(TYPED_SECRET)

  expect(consoleErrors).toEqual([])
})

test('a one-click fix: preview the diff, apply it, watch the server re-test to green, undo it back to failing', async ({ page }) => {
  watchConsole(page)
  await page.goto(serve.url)
  const list = page.getByRole('navigation', { name: 'Server list' })
  const row = list.locator('[data-server="notes-cli"]')
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await row.click()
  const server = page.getByRole('article', { name: 'Server notes-cli' })
  const panel = server.getByRole('tabpanel')
  await expect(panel).toHaveAttribute('data-step', '3')
  const card = panel.locator('[data-code="command-only-in-login-shell"]')
  await expect(card).toContainText(home.cli)
  await shoot(page, 'step-3-one-click')
  // the README's picture: a failing server, its step, and the fix one click away
  if (process.env.MCP_MEDIC_SCREENSHOTS === 'docs') {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshot.png') })
    await page.setViewportSize({ width: 1280, height: 800 })
  }
  await card.getByRole('button', { name: `Use ${home.cli} as the command` }).click()

  const dialog = page.getByRole('dialog', { name: `Use ${home.cli} as the command` })
  const diff = dialog.getByLabel(/^Changes to /)
  await expect(diff.locator('.diff-add')).toContainText(home.cli)
  await expect(diff.locator('.diff-del')).toContainText('"notes-cli"')
  await shoot(page, 'fix-preview')
  await dialog.getByRole('button', { name: 'Apply and re-test' }).click()
  const sides = dialog.getByRole('group', { name: 'Before and after' })
  await expect(sides.locator('[data-side="after"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await expect(sides.locator('[data-side="before"]')).toHaveAttribute('data-status', 'error')
  await expect(sides).toContainText('2 tools')
  await expect(row).toHaveAttribute('data-status', 'ok')
  await shoot(page, 'fix-applied')

  await dialog.getByRole('button', { name: 'Undo' }).click()
  await expect(dialog.getByRole('status')).toContainText('Undone', { timeout: 30_000 })
  await expect(sides.locator('[data-side="after"]')).toHaveAttribute('data-status', 'error')
  await expect(row).toHaveAttribute('data-status', 'error')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  // the history keeps both: the fix, undone
  await server.getByRole('tab', { name: /^Step 7,/ }).click()
  const history = server.getByRole('region', { name: 'Changes made here' })
  await expect(history.locator('.history-row.undone').filter({ hasText: 'notes-cli' })).toHaveCount(1)
  expect(consoleErrors).toEqual([])
})

test('a fix that needs a secret: typed into a masked field, previewed masked, applied, re-tested, undone', async ({ page }) => {
  watchConsole(page)
  await page.goto(serve.url)
  const row = page.locator('[data-server="weather-api"]')
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await row.click()
  const panel = page.getByRole('article', { name: 'Server weather-api' }).getByRole('tabpanel')
  await expect(panel).toHaveAttribute('data-step', '5')
  await panel.locator('[data-code="env-missing"]').getByRole('button', { name: /FIXTURE_API_KEY…$/ }).click()
  const dialog = page.getByRole('dialog')
  const field = dialog.getByLabel('Value of FIXTURE_API_KEY')
  await expect(field).toHaveAttribute('type', 'password')
  await expect(field).toBeFocused()
  await field.fill(TYPED_SECRET)
  await dialog.getByRole('button', { name: 'Preview the change' }).click()
  await expect(dialog.getByLabel(/^Changes to /).locator('.diff-add').filter({ hasText: 'FIXTURE_API_KEY' })).toHaveCount(1)
  await expect(page.locator('body')).not.toContainText(TYPED_SECRET)
  await shoot(page, 'fix-secret-preview')
  await dialog.getByRole('button', { name: 'Apply and re-test' }).click()
  await expect(dialog.locator('[data-side="after"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await expect(row).toHaveAttribute('data-status', 'ok')
  await expect(page.locator('body')).not.toContainText(TYPED_SECRET)
  await dialog.getByRole('button', { name: 'Undo' }).click()
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('the step-2 editor: an error at its line while typing, a diff, save with a backup and re-test, undo', async ({ page }) => {
  watchConsole(page)
  await page.goto(serve.url)
  const row = page.locator('[data-server="typo"]')
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await row.click()
  const server = page.getByRole('article', { name: 'Server typo' })
  await server.getByRole('tab', { name: /^Step 2,/ }).click()
  const editor = server.getByRole('region', { name: 'Edit the entry' })
  const text = editor.getByLabel(/^Entry text/)
  await expect(text).toHaveValue(/"nodee"/)
  const original = await text.inputValue()

  await text.fill(original.replace('"command"', 'command'))
  await expect(editor.locator('.editor-error')).toHaveCount(1)
  const line = Number(await editor.locator('.editor-error').getAttribute('data-line'))
  await expect(editor.locator('.editor-gutter .gutter-error')).toHaveText(String(line))
  await expect(editor.getByRole('button', { name: 'Save with backup' })).toBeDisabled()
  await shoot(page, 'step-2-editor-error')

  const healthy = original.replace('"nodee"', JSON.stringify(process.execPath)).replace('"server.js"', JSON.stringify(path.join(ROOT, 'tests/fixtures/servers/healthy.mjs')))
  await text.fill(healthy)
  await expect(editor.getByText(/^Valid\. Nothing is written until you save/)).toBeVisible()
  await expect(editor.getByLabel('Diff of the config file').locator('.diff-add').first()).toContainText(process.execPath)
  await editor.getByRole('button', { name: 'Save with backup' }).click()
  await expect(editor.locator('[data-side="after"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
  await expect(row).toHaveAttribute('data-status', 'ok')
  await editor.getByRole('button', { name: 'Undo save' }).click()
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
  await expect(text).toHaveValue(/"nodee"/)
  expect(consoleErrors).toEqual([])
})

test('the screens follow a dark OS theme', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  watchConsole(page)
  await page.goto(serve.url)
  await expect(page.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', /ok|error/, { timeout: 30_000 })
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(17, 20, 24)')
  await shoot(page, 'dark-home')
  await page.locator('[data-server="typo"]').click()
  await expect(page.getByRole('tabpanel')).toBeVisible()
  await shoot(page, 'dark-step')
  await context.close()
  expect(consoleErrors).toEqual([])
})
