import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { startServe } from './helpers'
import { SHOTS, troubleshooterHome } from './troubleshooter-fixtures'

/**
 * Accessibility of every screen, light and dark: axe-core finds no serious or critical violation
 * on the overview, each of the seven steps, the env editor's open form, a fix's dialog, the config
 * map, and the empty home; and no page logs a console error.
 */

let home: Awaited<ReturnType<typeof troubleshooterHome>>
let serve: Awaited<ReturnType<typeof startServe>>

test.beforeAll(async () => {
  home = await troubleshooterHome()
  serve = await startServe(home.home)
})

test.afterAll(async () => {
  await serve?.stop()
  await home?.cleanup()
})

/** The serious and critical violations on the page as it is now, each with the elements it names. */
async function serious(page: Page, screen: string, only?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page })
  const result = await (only ? builder.withRules(only) : builder).analyze()
  const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical')
  if (minor.length > 0) console.log(`${screen}: minor: ${minor.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`)
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(" ")} [${n.any[0]?.message ?? ""}]`).join(" | ")}`)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in ${scheme} mode, with no console error`, async ({ browser }) => {
    // a dozen full axe runs take a while on a busy machine
    test.setTimeout(180_000)
    // the dark theme changes colours only: its screens are checked for contrast
    const rules = scheme === 'dark' ? ['color-contrast'] : undefined
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(serve.url)
    await expect(page.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
    await expect(page.locator('[data-server="docs"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
    const found: string[] = []
    found.push(...(await serious(page, 'overview', rules)))

    await page.locator('[data-server="weather-api"]').click()
    const tabs = page.getByRole('tablist', { name: 'Troubleshooting steps' })
    for (let step = 1; step <= 7; step++) {
      await tabs.getByRole('tab', { name: new RegExp(`^Step ${step},`) }).click()
      await expect(page.getByRole('tabpanel')).toHaveAttribute('data-step', String(step))
      found.push(...(await serious(page, `step ${step}`, rules)))
    }
    await tabs.getByRole('tab', { name: /^Step 5,/ }).click()
    await page.getByRole('button', { name: 'Add a variable' }).click()
    found.push(...(await serious(page, 'env editor', rules)))

    // a remote server's steps, and a page with a pending approval
    await page.locator('[data-server="docs"]').click()
    found.push(...(await serious(page, 'remote server', rules)))
    await page.locator('[data-server="tickets"]').click()
    found.push(...(await serious(page, 'unapproved server', rules)))

    // a fix's dialog, with its diff (closed again without applying)
    await page.locator('[data-server="notes-cli"]').click()
    await page.getByRole('tabpanel').locator('[data-code="command-only-in-login-shell"]').getByRole('button', { name: /as the command$/ }).click()
    await expect(page.getByRole('dialog').getByLabel(/^Changes to /)).toBeVisible()
    found.push(...(await serious(page, 'fix dialog', rules)))
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)

    await page.getByRole('button', { name: /Config map/ }).click()
    await expect(page.getByRole('article', { name: 'Config map' })).toBeVisible()
    found.push(...(await serious(page, 'config map', rules)))

    expect(found).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })
}

test('the empty home passes axe too', async ({ page }) => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-empty-'))
  await mkdir(path.join(empty, 'project'))
  const server = await startServe(empty)
  try {
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(server.url)
    const none = page.getByRole('region', { name: 'No servers' })
    await expect(none).toBeVisible({ timeout: 30_000 })
    await expect(none).toContainText('~/.claude.json')
    await expect(none).toContainText('claude mcp add')
    expect(await serious(page, 'empty home')).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'empty.png') })
    expect(errors).toEqual([])
  } finally {
    await server.stop()
    await rm(empty, { recursive: true, force: true })
  }
})
