import { chmod } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { diagnose } from '../../../src/main/core/diagnose/run'
import type { LoginShellResult } from '../../../src/main/core/env/login-shell'
import { fixtureServer, makeHome, type TempHome } from '../../helpers/home'

/**
 * Undocumented launch models: Cursor's PATH and environment for servers are not documented, so
 * MCP Medic starts its servers the kind way (with the login shell's), and warns where that is
 * the only reason they work. Real files, real probes; the login shell is described, not read.
 */

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('a command or variable found only through the login shell', () => {
  it('is a warning for Cursor (saying both cases and the robust fix), nothing for Claude Code', async () => {
    const bin = path.join(t.home, '.nvm', 'versions', 'node', 'v20.0.0', 'bin')
    const shim = await t.write('.nvm/versions/node/v20.0.0/bin/team-mcp', `#!/bin/sh\nexec "${process.execPath}" "${fixtureServer('healthy.mjs')}"\n`)
    await chmod(shim, 0o755)
    const entry = { command: 'team-mcp', env: { TEAM_TOKEN: '${env:TEAM_TOKEN}' } }
    await t.write('.cursor/mcp.json', { mcpServers: { team: entry } })
    await t.write('.claude.json', { mcpServers: { team: { command: shim } } })
    const shell: LoginShellResult = { shell: '/bin/zsh', args: ['-l', '-i', '-c'], ms: 3, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: t.home, TEAM_TOKEN: 'team-secret-value-1' } }
    const report = await diagnose(t.context(), { timeoutMs: 10_000, clients: ['cursor', 'claude-code'], readLoginShell: async () => shell })
    const cursor = report.servers.find((s) => s.client === 'cursor')!
    expect(cursor.probe).toMatchObject({ outcome: 'ok', tools: 2 })
    expect(cursor.status).toBe('warning')
    const byCode = Object.fromEntries(cursor.findings.map((f) => [f.code, f]))
    expect(Object.keys(byCode).sort()).toEqual(['command-only-in-login-shell', 'env-missing'])
    const command = byCode['command-only-in-login-shell']!
    expect(command).toMatchObject({ severity: 'warning', evidence: { absolutePath: shim, assumed: 'login-shell' } })
    expect(command.detail).toContain('Started from a terminal')
    expect(command.detail).toMatch(/Started from the (desktop menu|Dock or Finder)/)
    expect(command.fix!.summary).toContain(`Use the absolute path ${shim} as the command`)
    const variable = byCode['env-missing']!
    expect(variable).toMatchObject({ severity: 'warning', evidence: { variables: ['TEAM_TOKEN'], inLoginShell: ['TEAM_TOKEN'], inOtherEntries: [] } })
    expect(variable.fix!.summary).toContain('"env"')
    expect(JSON.stringify(report)).not.toContain('team-secret-value-1')
    const claude = report.servers.find((s) => s.client === 'claude-code')!
    expect(claude).toMatchObject({ status: 'ok', findings: [] })
  })
})
