import { expect, test } from '@playwright/test'
import { brokenAndHealthyHome, startServe } from './helpers'

let home: Awaited<ReturnType<typeof brokenAndHealthyHome>>
let serve: Awaited<ReturnType<typeof startServe>>

test.beforeAll(async () => {
  home = await brokenAndHealthyHome()
  serve = await startServe(home.home)
})

test.afterAll(async () => {
  await serve?.stop()
  await home?.cleanup()
})

test('the browser face shows both servers, their verdicts and the failing one in detail', async ({ page }) => {
  expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/)
  await page.goto(serve.url)
  await expect(page).toHaveTitle('MCP Medic')
  expect(page.url()).not.toContain('token=')

  const list = page.getByRole('navigation')
  await expect(list.getByRole('heading', { name: 'Claude Code' })).toBeVisible()
  await expect(list.locator('[data-server="notes"]')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 })
  await expect(list.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 20_000 })
  await expect(page.getByRole('status', { name: 'Summary' })).toContainText('1 ok')
  await expect(page.getByRole('status', { name: 'Summary' })).toContainText('1 error')

  // The failing server is selected first: its verdict, step, stderr and fix are on screen.
  const detail = page.getByRole('article', { name: 'Server weather-api' })
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText('weather-api')
  // its stderr names the variable: the cause is env-missing (the exit is its evidence)
  await expect(detail.locator('[data-code="env-missing"]')).toBeVisible()
  await expect(detail.getByText('Step 5 · Set the required env vars')).toBeVisible()
  await expect(detail.getByText("KeyError: 'WEATHER_API_KEY'").first()).toBeVisible()
  await expect(detail.getByText('WEATHER_API_KEY', { exact: true })).toBeVisible()
  await expect(detail.getByText(/set, hidden/)).toBeVisible()
  await expect(page.locator('body')).not.toContainText('sk-live-abcdefghijklmnop')
  await page.screenshot({ path: 'test-results/browser-face.png', fullPage: true })

  // The healthy one, and a re-test in place.
  await list.locator('[data-server="notes"]').click()
  const notes = page.getByRole('article', { name: 'Server notes' })
  await expect(notes.getByText(/offers 2 tools/)).toBeVisible()
  await expect(notes.getByRole('definition').filter({ hasText: 'fixture-healthy 1.2.3' })).toBeVisible()
  await notes.getByRole('button', { name: 'Re-test' }).click()
  await expect(notes.getByRole('button', { name: 'Re-test' })).toBeEnabled({ timeout: 20_000 })
  await expect(list.locator('[data-server="notes"]')).toHaveAttribute('data-status', 'ok')
  await page.screenshot({ path: 'test-results/browser-face-healthy.png', fullPage: true })
})

test('the page refuses to load without the token', async ({ page }) => {
  const origin = new URL(serve.url).origin
  const response = await page.goto(origin + '/')
  expect(response?.status()).toBe(401)
})
