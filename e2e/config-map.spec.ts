import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from '@playwright/test'
import { currentContext } from '../src/main/core/context'
import { installCorpus, userFiles } from '../tests/fixtures/configs/install'
import { CLI } from './helpers'

let home: string
let stop: () => Promise<void>
let url: string

test.beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-map-'))
  const ctx = currentContext({ platform: 'linux', home, env: { HOME: home } })
  const { project } = await installCorpus(ctx)
  await writeFile(userFiles(ctx)['cursor-mcp.json']!, '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}\n')
  // a PATH with node only: npx and uvx servers are not found, so nothing is downloaded
  const bin = path.join(home, 'bin')
  await mkdir(bin)
  await symlink(process.execPath, path.join(bin, 'node'))
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: project, env: { PATH: bin, HOME: home, USER: 'e2e', SHELL: '/bin/sh', LANG: 'C.UTF-8' }, stdio: ['ignore', 'pipe', 'inherit'] })
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
  stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
})

test.afterAll(async () => {
  await stop?.()
  await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
})

test('the config map shows every client and scope, which definition wins and why, and broken files with line and column', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(url)
  const open = page.getByRole('button', { name: /Config map/ })
  await expect(open).toContainText('with errors')
  await open.click()
  const map = page.getByRole('article', { name: 'Config map' })
  for (const client of ['Claude Code', 'Claude Desktop', 'Cursor', 'VS Code', 'Windsurf', 'Gemini CLI', 'Codex', 'Cline', 'Zed']) {
    await expect(map.getByRole('heading', { level: 2, name: new RegExp(`^${client}`) })).toBeVisible()
  }
  // the broken Cursor file, with line and column
  const cursor = map.getByRole('region', { name: 'Cursor' })
  await expect(cursor.getByRole('alert')).toContainText('Line 4, column 3')
  // Claude Code: the states of the project servers, and why
  const claude = map.getByRole('region', { name: 'Claude Code' })
  await expect(claude.locator('[data-server="pending"]')).toHaveAttribute('data-state', 'unapproved')
  await expect(claude.locator('[data-server="pending"]')).toContainText('Pending approval')
  await expect(claude.locator('[data-server="rejected-one"]')).toContainText('disabledMcpjsonServers')
  await expect(claude.locator('[data-server="off-locally"]')).toHaveAttribute('data-state', 'disabled')
  await expect(claude.locator('[data-server="workspace"]')).toHaveAttribute('data-state', 'ignored')
  await expect(map.getByRole('region', { name: 'Claude Desktop' }).locator('[data-server="remote-notes"]')).toContainText('only local (stdio) servers')
  await expect(map.getByRole('region', { name: 'Windsurf' }).locator('[data-server="old-one"]')).toContainText('turned off')
  await page.screenshot({ path: 'test-results/config-map.png' })
  await map.getByRole('region', { name: 'Codex' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/config-map-more.png' })
  await map.getByRole('region', { name: 'Clients without config files' }).or(map.getByRole('region', { name: 'Continue' })).first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/config-map-end.png' })

  // a server's detail says whether it is in use
  await claude.locator('[data-server="off-locally"]').getByRole('button', { name: 'off-locally' }).click()
  const detail = page.getByRole('article', { name: 'Server off-locally' })
  await detail.getByRole('tab', { name: /^Step 1,/ }).click()
  await expect(detail.locator('[data-effective="disabled"]')).toContainText('No, turned off')
  await page.screenshot({ path: 'test-results/config-map-server.png', fullPage: false })
})
