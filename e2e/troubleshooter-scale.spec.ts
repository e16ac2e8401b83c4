import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ROOT, startServe } from './helpers'

/**
 * A hundred servers: the screens must stay responsive. Measured, not asserted (the machine is
 * shared): the time to show all rows once the diagnosis is done, to open a server's page, and per
 * arrow key through the list, each printed for the report.
 */

const COUNT = 100
const HEALTHY = 10

let home: string
let serve: Awaited<ReturnType<typeof startServe>>

test.beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-scale-'))
  await mkdir(path.join(home, 'project'))
  const mcpServers: Record<string, unknown> = {}
  for (let i = 0; i < COUNT; i++) {
    const name = `server-${String(i).padStart(3, '0')}`
    // most fail at once (no such command): the run stays short while the page holds a hundred rows
    mcpServers[name] = i < HEALTHY ? { command: process.execPath, args: [path.join(ROOT, 'tests/fixtures/servers/light.mjs')] } : { command: path.join(home, 'missing', name) }
  }
  await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers }, null, 2))
  serve = await startServe(home)
})

test.afterAll(async () => {
  await serve?.stop()
  await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
})

test(`a hundred servers: the list, a server page and arrow keys stay responsive (timings printed)`, async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto(serve.url)
  const rows = page.locator('[data-server-row]')
  await expect(rows).toHaveCount(COUNT, { timeout: 60_000 })
  await expect(page.getByRole('status', { name: 'Summary' })).toBeVisible({ timeout: 90_000 })
  await expect(page.locator('[data-status="checking"]')).toHaveCount(0)

  const timings = await page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    const row = (n: number) => document.querySelectorAll<HTMLButtonElement>('[data-server-row]')[n]!
    const open: number[] = []
    for (const n of [20, 55, 90, 5]) {
      const t0 = performance.now()
      row(n).click()
      await frame()
      open.push(performance.now() - t0)
    }
    row(0).click()
    await frame()
    row(0).focus()
    const keys: number[] = []
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now()
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
      await frame()
      keys.push(performance.now() - t0)
    }
    const home = document.querySelector<HTMLButtonElement>('.map-button')!
    const t0 = performance.now()
    home.click()
    await frame()
    const overview = performance.now() - t0
    // what a frame costs with nothing to do, on this machine now: the floor of every number above
    const idle: number[] = []
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      await frame()
      idle.push(performance.now() - t)
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    return { open, keyMedian: median(keys), keyMax: Math.max(...keys), overview, idle: median(idle) }
  })
  const ms = (n: number) => `${n.toFixed(1)} ms`
  console.log(
    `100 servers: open a server page ${timings.open.map(ms).join(', ')}; arrow key to the next server: median ${ms(timings.keyMedian)}, max ${ms(timings.keyMax)}; back to the overview ${ms(timings.overview)}; an idle frame ${ms(timings.idle)}`
  )
  // the arrow keys really moved through the list and opened each server
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your MCP servers')
  await expect(page.locator('[data-server-row][aria-current="page"]')).toHaveCount(0)
  expect(timings.open).toHaveLength(4)
})
