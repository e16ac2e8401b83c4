import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { ROOT, brokenAndHealthyHome, userEnv } from './helpers'

/** The Electron binary, without loading the `electron` package (which would try to download it). */
function electronBinary(): string | undefined {
  const pkg = path.join(ROOT, 'node_modules/electron')
  const relative = existsSync(path.join(pkg, 'path.txt')) ? readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim() : 'electron'
  const candidates = [
    process.env.ELECTRON_OVERRIDE_DIST_PATH && path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative),
    path.join(pkg, 'dist', relative)
  ].filter((p): p is string => Boolean(p))
  return candidates.find((p) => existsSync(p))
}

const binary = electronBinary()
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY
const reason = !binary
  ? 'no Electron binary on this machine (node_modules/electron/dist is empty and ELECTRON_OVERRIDE_DIST_PATH is unset)'
  : noDisplay
    ? 'no X display: run the e2e tests under xvfb-run to include the Electron app'
    : ''
if (reason) console.log(`[electron.spec] skipped: ${reason}`)

test('the Electron app opens, shows both servers and keeps the page sandboxed', async () => {
  test.skip(Boolean(reason), reason)
  const { home, cleanup } = await brokenAndHealthyHome()
  const app = await electron.launch({ executablePath: binary, args: [ROOT], env: { ...userEnv(home), DISPLAY: process.env.DISPLAY ?? '' }, cwd: path.join(home, 'project') })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('MCP Medic')
    await expect(page.locator('[data-server="notes"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 })
    await expect(page.locator('[data-server="weather-api"]')).toHaveAttribute('data-status', 'error', { timeout: 30_000 })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => typeof (globalThis as { api?: unknown }).api)).toBe('object')
    await page.screenshot({ path: 'test-results/electron-app.png' })

    // the live page has no Node (nodeIntegration off, sandboxed, isolated; see src/main/window-policy.ts)
    expect(await page.evaluate(() => ['process', 'module', 'Buffer', 'global'].filter((name) => name in globalThis))).toEqual([])
    expect(await page.evaluate(() => document.querySelectorAll('webview').length)).toBe(0)
    // navigation away and new windows are refused: the page stays where it is, no window appears
    const before = page.url()
    await page.evaluate(() => {
      location.href = 'https://evil.example/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    expect(await page.evaluate(() => window.open('https://evil.example/') === null)).toBe(true)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    // the page asks for a permission and is refused
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied')
  } finally {
    await app.close()
    await cleanup()
  }
})
