import { chmod } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { examine } from '../../../src/main/core/diagnose/examine'
import { diagnose, discoverAll } from '../../../src/main/core/diagnose/run'
import type { LoginShellResult } from '../../../src/main/core/env/login-shell'
import { ReportSchema, type ServerReport } from '../../../src/shared/report'
import { fixtureServer, makeHome, nodeServer, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

async function byName(report: { servers: ServerReport[] }): Promise<Record<string, ServerReport>> {
  return Object.fromEntries(report.servers.map((s) => [s.name, s]))
}

describe('stdio rules on real probes', () => {
  it('slow-startup names the client, its limit and the setting that raises it', async () => {
    await t.write('.claude.json', { mcpServers: { slow: nodeServer('slow.mjs', { env: { DELAY_MS: '1500' } }) } })
    const ctx = t.context()
    const report = await diagnose({ ...ctx, env: { ...ctx.env, MCP_TIMEOUT: '500' } }, {})
    const slow = (await byName(report)).slow!
    expect(slow.probe).toMatchObject({ outcome: 'ok', clientLimitMs: 500, timeoutMs: 30_000 })
    const [f] = slow.findings
    expect(f).toMatchObject({ code: 'slow-startup', severity: 'error', step: 4 })
    expect(f!.title).toMatch(/^It answers after \d\.\d s, but Claude Code waits only 500 ms$/)
    expect(f!.fix!.summary).toContain('MCP_TIMEOUT')
  })

  it('protocol-version-mismatch only when every version is refused; a fallback that works is ok', async () => {
    await t.write('.claude.json', {
      mcpServers: { refuses: nodeServer('old-protocol.mjs', { env: { ONLY_VERSION: 'none' } }), old: nodeServer('old-protocol.mjs') }
    })
    const servers = await byName(await diagnose(t.context(), { timeoutMs: 10_000 }))
    expect(servers.refuses!.findings.map((f) => f.code)).toEqual(['protocol-version-mismatch'])
    expect(servers.refuses!.findings[0]!.detail).toContain('2024-11-05')
    expect(servers.old).toMatchObject({ status: 'ok', findings: [], probe: { protocolVersion: '2024-11-05' } })
    expect(servers.old!.probe!.protocolAttempts!.at(-1)).toMatchObject({ offered: '2024-11-05', result: 'accepted' })
  })

  it('crash-after-start for a server that dies right after the handshake, with its stderr', async () => {
    await t.write('.claude.json', { mcpServers: { crash: nodeServer('exit-after-init.mjs'), list: nodeServer('list-fails.mjs') } })
    const servers = await byName(await diagnose(t.context(), { timeoutMs: 10_000 }))
    expect(servers.crash!.findings[0]).toMatchObject({ code: 'crash-after-start', title: 'The server connected, then died' })
    expect(servers.crash!.findings[0]!.evidence!.stderrTail).toContain('ConnectionRefusedError')
    expect(servers.list!.findings[0]).toMatchObject({ code: 'crash-after-start', title: 'The server connected, then failed to list its tools' })
  })

  it('a server that says what it misses with console.log: env-missing is the error, the stray line a warning', async () => {
    await t.write('.claude.json', { mcpServers: { loud: nodeServer('needs-env.mjs', { env: { COMPLAIN_ON_STDOUT: '1' } }) } })
    const [loud] = (await diagnose(t.context(), { timeoutMs: 10_000 })).servers
    expect(loud!.findings.map((f) => `${f.code}/${f.severity}`)).toEqual(['env-missing/error', 'stdout-pollution/warning'])
    expect(loud!.findings[0]!.evidence).toMatchObject({ variables: ['FIXTURE_API_KEY'], exitCode: 1 })
  })

  it('a side port that is taken: process-exited names the port and the process holding it', async () => {
    const holder = net.createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const port = (holder.address() as net.AddressInfo).port
    try {
      await t.write('.claude.json', { mcpServers: { side: { command: process.execPath, args: [fixtureServer('side-port.mjs'), '--port', String(port)] } } })
      const [side] = (await diagnose(t.context(), { timeoutMs: 10_000 })).servers
      expect(side!.findings.map((f) => f.code)).toEqual(['process-exited'])
      const f = side!.findings[0]!
      expect(f.title).toBe(`Port ${port}, which the server wants, is already taken`)
      expect(f.evidence).toMatchObject({ cause: 'port-in-use', port, exitCode: 1, replaces: ['process-exited'] })
      // this test process holds it; /proc tells on Linux, lsof elsewhere
      if (process.platform === 'linux') expect(f.evidence!.holder).toMatchObject({ pid: process.pid })
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()))
    }
  })

  it('stdout-pollution for a line that never ends', async () => {
    await t.write('.claude.json', { mcpServers: { endless: nodeServer('flood.mjs', { env: { FLOOD: 'out', FLOOD_BYTES: String(20 * 1024 * 1024) } }) } })
    const servers = await byName(await diagnose(t.context(), { timeoutMs: 30_000 }))
    expect(servers.endless!.findings[0]).toMatchObject({ code: 'stdout-pollution', severity: 'warning', title: 'The server writes an endless line on stdout' })
  })
})

describe('terminal re-run', () => {
  function loginShell(env: Record<string, string>): LoginShellResult {
    return { shell: '/bin/sh', args: ['-l', '-c'], ms: 5, env }
  }

  async function examineOnly(name: string, shell: LoginShellResult): Promise<ServerReport> {
    const ctx = t.context()
    const discovery = await discoverAll(ctx, {})
    const entry = discovery.servers.find((s) => s.name === name)!
    const report = await examine(ctx, entry, { loginShell: shell }, { timeoutMs: 10_000 })
    expect(ReportSchema.shape.servers.element.parse(report)).toEqual(report)
    return report
  }

  it('finds the variable that only the terminal has, and never shows its value', async () => {
    await t.write('.claude.json', { mcpServers: { api: nodeServer('needs-env.mjs') } })
    const report = await examineOnly('api', loginShell({ PATH: process.env.PATH ?? '', HOME: t.home, FIXTURE_API_KEY: 'value-from-the-shell-77' }))
    expect(report.probe).toMatchObject({ outcome: 'exited', terminal: { outcome: 'ok', tools: 1, cwdTerminal: t.home } })
    expect(report.probe!.terminal!.envOnlyInTerminal).toContain('FIXTURE_API_KEY')
    const codes = report.findings.map((f) => f.code)
    expect(codes).toEqual(['env-missing'])
    const missing = report.findings.find((f) => f.code === 'env-missing')!
    expect(missing.title).toBe('The server needs FIXTURE_API_KEY, which is not passed to it')
    expect(missing.evidence).toMatchObject({ variables: ['FIXTURE_API_KEY'], inLoginShell: ['FIXTURE_API_KEY'], inOtherEntries: [], exitCode: 1 })
    expect(report.findings[0]!.detail).toContain('the same command works')
    expect(JSON.stringify(report)).not.toContain('value-from-the-shell-77')
  })

  it('shows where the command resolves in the terminal when the client cannot find it', async () => {
    const bin = path.join(t.home, '.local', 'bin')
    const shim = await t.write('.local/bin/my-mcp-server', `#!/bin/sh\nexec "${process.execPath}" "${fixtureServer('healthy.mjs')}"\n`)
    await chmod(shim, 0o755)
    await t.write('.claude.json', { mcpServers: { shim: { command: 'my-mcp-server' } } })
    const report = await examineOnly('shim', loginShell({ PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: t.home }))
    expect(report.probe).toMatchObject({ outcome: 'spawn-error', terminal: { outcome: 'ok', resolvedClient: null, resolvedTerminal: shim } })
    expect(report.probe!.terminal!.pathOnlyInTerminal).toEqual([bin])
    expect(report.findings[0]!.detail).toContain(`resolves to nothing for the client and to ${shim} in the terminal`)
  })

  it('says it fails the same way in the terminal when it does', async () => {
    await t.write('.claude.json', { mcpServers: { broken: nodeServer('exit-error.mjs') } })
    const report = await examineOnly('broken', loginShell({ PATH: process.env.PATH ?? '', HOME: t.home }))
    expect(report.probe!.terminal).toMatchObject({ outcome: 'exited', exitCode: 3 })
    expect(report.findings[0]!.detail).toContain('fails the same way when started from your terminal')
  })

  it('does not re-run a server that works, and works without a login shell', async () => {
    await t.write('.claude.json', { mcpServers: { fine: nodeServer('healthy.mjs'), broken: nodeServer('exit-error.mjs') } })
    const fine = await examineOnly('fine', loginShell({ PATH: process.env.PATH ?? '' }))
    expect(fine.probe!.terminal).toBeUndefined()
    const broken = await examineOnly('broken', { shell: '/bin/sh', args: [], ms: 0, error: 'not read' })
    expect(broken.probe!.terminal).toBeUndefined()
    expect(broken.findings.map((f) => f.code)).toEqual(['env-missing'])
  })

  it('runs the terminal probe alongside a client probe that hangs, so a hang costs one timeout', async () => {
    await t.write('.claude.json', { mcpServers: { silent: nodeServer('never-answers.mjs') } })
    const ctx = t.context()
    const entry = (await discoverAll(ctx, {})).servers[0]!
    const report = await examine(ctx, entry, { loginShell: loginShell({ PATH: process.env.PATH ?? '' }) }, { timeoutMs: 3000 })
    expect(report.probe).toMatchObject({ outcome: 'timeout', terminal: { outcome: 'timeout' } })
    // the terminal run started while the client run was still waiting, and ended by the same deadline
    expect(report.probe!.terminal!.ms).toBeLessThan(report.probe!.ms)
  })
})
