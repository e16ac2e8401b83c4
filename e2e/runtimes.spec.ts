import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from '@playwright/test'
import { ReportSchema } from '../src/shared/report'
import { CLI, ROOT } from './helpers'

/**
 * A user whose login shell is bash and whose ~/.bash_profile puts ~/tools/bin on PATH, running
 * MCP Medic with a short PATH (as an app started from a desktop menu has): the server whose
 * command lives in ~/tools/bin works in their terminal and fails for the client.
 */
async function loginShellHome(): Promise<{ home: string; command: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-e2e-shell-'))
  const command = path.join(home, 'tools', 'bin', 'notes-server')
  await mkdir(path.dirname(command), { recursive: true })
  await mkdir(path.join(home, 'project'))
  await writeFile(command, `#!/bin/sh\nexec '${process.execPath}' '${path.join(ROOT, 'tests/fixtures/servers/healthy.mjs')}' "$@"\n`)
  await chmod(command, 0o755)
  // a runtime only the login shell finds: a deno in the folder .bash_profile adds
  const deno = path.join(home, 'tools', 'bin', 'deno')
  await writeFile(deno, '#!/bin/sh\necho "deno 2.1.4 (stable, release, x86_64-unknown-linux-gnu)"\n')
  await chmod(deno, 0o755)
  await writeFile(path.join(home, '.bash_profile'), 'echo "Welcome to bash"\nexport PATH="$HOME/tools/bin:$PATH"\n')
  const config = {
    mcpServers: {
      notes: { command: 'notes-server' },
      fetch: { command: 'uvx', args: ['mcp-server-fetch'] },
      memory: { command: process.execPath, args: [path.join(ROOT, 'tests/fixtures/servers/healthy.mjs')] }
    }
  }
  await writeFile(path.join(home, '.claude.json'), JSON.stringify(config, null, 2))
  return { home, command, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) }
}

function shortEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', HOME: home, USER: 'e2e', SHELL: '/bin/bash', LANG: 'C.UTF-8' }
}

test('the built CLI names command-only-in-login-shell with the absolute path', async () => {
  const { home, command, cleanup } = await loginShellHome()
  try {
    const result = spawnSync(process.execPath, [CLI, 'diagnose', '--json'], { cwd: path.join(home, 'project'), env: shortEnv(home), encoding: 'utf8', timeout: 60_000 })
    expect(result.status).toBe(1)
    const report = ReportSchema.parse(JSON.parse(result.stdout))
    const notes = report.servers.find((s) => s.name === 'notes')!
    expect(notes.findings[0]).toMatchObject({ code: 'command-only-in-login-shell', evidence: { absolutePath: command } })
    expect(notes.findings[0]!.detail).toContain(command)
    expect(report.servers.find((s) => s.name === 'fetch')!.findings[0]!.code).toBe('runtime-not-installed')
    expect(report.servers.find((s) => s.name === 'memory')!.status).toBe('ok')
    expect(report.system.loginShell).toMatchObject({ shell: '/bin/bash', ok: true })
    const node = report.runtimes.find((r) => r.name === 'node')!
    expect(node).toMatchObject({ found: true, where: 'app-path' })
    expect(node.version).toMatch(/^\d+\.\d+\.\d+/)

    const human = spawnSync(process.execPath, [CLI, 'diagnose'], { cwd: path.join(home, 'project'), env: shortEnv(home), encoding: 'utf8', timeout: 60_000 })
    expect(human.stdout).toContain(`Use the absolute path ${command} as the command.`)
    expect(human.stdout).toContain('https://docs.astral.sh/uv/getting-started/installation/')
  } finally {
    await cleanup()
  }
})

test.describe('the runtimes panel in the browser face', () => {
  let home: Awaited<ReturnType<typeof loginShellHome>>
  let serve: { url: string; child: ChildProcess }

  test.beforeAll(async () => {
    home = await loginShellHome()
    const child = spawn(process.execPath, [CLI, 'serve'], { cwd: path.join(home.home, 'project'), env: shortEnv(home.home), stdio: ['ignore', 'pipe', 'pipe'] })
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    serve = { url, child }
  })

  test.afterAll(async () => {
    if (serve?.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        serve.child.once('exit', () => resolve())
        serve.child.kill('SIGTERM')
      })
    }
    await home?.cleanup()
  })

  test('shows each runtime, where it was found, and how to get a missing one', async ({ page }) => {
    await page.goto(serve.url)
    const panel = page.getByRole('region', { name: 'Runtimes' })
    await expect(panel.locator('[data-runtime="node"]')).toHaveAttribute('data-where', 'app-path', { timeout: 30_000 })
    await expect(panel.locator('[data-login-shell="ok"]')).toContainText('/bin/bash')
    await expect(panel.locator('[data-runtime="node"]')).toContainText(/on PATH/)
    // deno is in ~/tools/bin, which only .bash_profile puts on PATH
    const deno = panel.locator('[data-runtime="deno"]')
    await expect(deno).toHaveAttribute('data-where', 'login-shell')
    await expect(deno).toContainText('login shell only')
    await expect(deno).toContainText('2.1.4')
    await expect(deno).toContainText('Only your terminal finds it')

    const uv = panel.locator('[data-runtime="uv"]')
    await expect(uv).toHaveAttribute('data-where', 'none')
    await uv.locator('summary').click()
    const link = uv.getByRole('link', { name: /astral\.sh/ })
    await expect(link).toHaveAttribute('href', 'https://docs.astral.sh/uv/getting-started/installation/')
    await expect(link).toHaveAttribute('target', '_blank')
    await expect(uv.getByText('curl -LsSf https://astral.sh/uv/install.sh | sh')).toBeVisible()
    await panel.screenshot({ path: 'test-results/runtimes-panel-only.png' })

    // the failing server says where its command is
    await page.locator('[data-server="notes"]').click()
    const detail = page.getByRole('article', { name: 'Server notes' })
    await expect(detail.locator('[data-code="command-only-in-login-shell"]')).toBeVisible({ timeout: 30_000 })
    await expect(detail.getByText(home.command).first()).toBeVisible()
    const where = detail.getByRole('region', { name: 'Command resolution' })
    await expect(where.locator('[data-resolution="client"]')).toContainText('is not on that PATH')
    await expect(where.locator('[data-resolution="login-shell"]')).toContainText('~/tools/bin/notes-server')
    await page.screenshot({ path: 'test-results/runtimes-panel.png', fullPage: true })

    await page.locator('[data-server="fetch"]').click()
    const fetch = page.getByRole('article', { name: 'Server fetch' })
    await expect(fetch.locator('[data-code="runtime-not-installed"]').getByRole('link', { name: /astral\.sh/ })).toBeVisible()
    await page.screenshot({ path: 'test-results/runtimes-missing-uv.png', fullPage: true })
  })
})

test('a login shell slower than the limit shows as a warning, and the panel says so', async ({ page }) => {
  const { home, cleanup } = await loginShellHome()
  await writeFile(path.join(home, '.bash_profile'), 'sleep 30\n')
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: path.join(home, 'project'),
    env: { ...shortEnv(home), MCP_MEDIC_SHELL_TIMEOUT: '1000' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    await page.goto(url)
    const global = page.getByRole('region', { name: 'Configuration problems' })
    await expect(global.locator('[data-code="login-shell-failed"]')).toContainText('Your login shell took longer than 1 s to start', { timeout: 30_000 })
    await expect(page.getByRole('region', { name: 'Runtimes' }).locator('[data-login-shell="failed"]')).toContainText('did not finish within 1 s')
    await page.screenshot({ path: 'test-results/runtimes-login-shell-failed.png', fullPage: true })
  } finally {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    }
    await cleanup()
  }
})
