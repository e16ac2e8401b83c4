import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from '@playwright/test'
import { ROOT, startServe } from './helpers'

/** A remote fixture server (tests/fixtures/servers/remote.mjs) on a random loopback port. */
async function remoteFixture(args: string[]): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/servers/remote.mjs'), ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`remote fixture exited with ${code}`)))
  })
  return { origin: (JSON.parse(line) as { url: string }).url, child }
}

let home: string
let serve: Awaited<ReturnType<typeof startServe>>
const fixtures: ChildProcess[] = []

test.beforeAll(async () => {
  const streamable = await remoteFixture(['--mode', 'streamable'])
  const locked = await remoteFixture(['--auth', 'e2e-token-31337', '--no-dcr'])
  fixtures.push(streamable.child, locked.child)
  home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-remote-'))
  await mkdir(path.join(home, 'project'), { recursive: true })
  const mcpServers = {
    docs: { type: 'sse', url: `${streamable.origin}/mcp` },
    locked: { type: 'http', url: `${locked.origin}/mcp` },
    web: { type: 'http', url: `${streamable.origin}/mcp`, headers: { 'X-Api-Key': 'e2e-header-secret-555' } }
  }
  await writeFile(path.join(home, '.claude.json'), JSON.stringify({ mcpServers }, null, 2))
  serve = await startServe(home)
})

test.afterAll(async () => {
  await serve?.stop()
  for (const child of fixtures) child.kill('SIGKILL')
  if (home) await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
})

test('remote servers: transport mismatch, auth required and a healthy one, layer by layer', async ({ page }) => {
  await page.goto(serve.url)
  const list = page.getByRole('navigation')
  for (const [name, status] of [['docs', 'error'], ['locked', 'error'], ['web', 'ok']] as const) {
    await expect(list.locator(`[data-server="${name}"]`)).toHaveAttribute('data-status', status, { timeout: 20_000 })
  }

  await list.locator('[data-server="docs"]').click()
  const docs = page.getByRole('article', { name: 'Server docs' })
  await expect(docs.locator('[data-code="transport-mismatch"]')).toBeVisible()
  await expect(docs.getByText(/set "type": "http"/).first()).toBeVisible()
  await docs.getByRole('tab', { name: /^Step 4,/ }).click()
  await expect(docs.locator('[data-layer="SSE"]')).toHaveClass(/layer-failed/)
  await expect(docs.locator('[data-layer="Streamable HTTP"]')).toHaveClass(/layer-ok/)
  await page.screenshot({ path: 'test-results/remote-transport-mismatch.png', fullPage: true })
  await docs.getByRole('region', { name: 'Connection' }).screenshot({ path: 'test-results/remote-transport-mismatch-layers.png' })

  await list.locator('[data-server="locked"]').click()
  const locked = page.getByRole('article', { name: 'Server locked' })
  await expect(locked.locator('[data-code="auth-required"]')).toBeVisible()
  await locked.getByRole('tab', { name: /^Step 4,/ }).click()
  await expect(locked.getByText('none: no dynamic client registration')).toBeVisible()
  await page.screenshot({ path: 'test-results/remote-auth-required.png', fullPage: true })
  await locked.getByRole('region', { name: 'Connection' }).screenshot({ path: 'test-results/remote-auth-layers.png' })

  await list.locator('[data-server="web"]').click()
  const web = page.getByRole('article', { name: 'Server web' })
  await expect(web.getByText(/offers 3 tools/)).toBeVisible()
  await web.getByRole('tab', { name: /^Step 2,/ }).click()
  await expect(web.getByText('X-Api-Key', { exact: true })).toBeVisible()
  await expect(page.locator('body')).not.toContainText('e2e-header-secret-555')
  await page.screenshot({ path: 'test-results/remote-healthy.png', fullPage: true })
})
