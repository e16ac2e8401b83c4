import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { runtimeFindings, spawnErrorFinding } from '../../../src/main/core/diagnose/rules/runtime'
import { which } from '../../../src/main/core/env/which'
import type { Preflight } from '../../../src/main/core/probe/preflight'
import type { StdioEvidence } from '../../../src/main/core/probe/stdio'
import { makeHome, type TempHome } from '../../helpers/home'

/**
 * The step-3 rules on facts no Linux test machine can produce for real (Windows shims, macOS
 * "Bad CPU type"), and on the evidence-only paths (stderr text without version facts).
 */

const entry = (command: string): ServerEntry => ({
  id: 'x',
  name: 'x',
  client: 'claude-desktop',
  scope: 'user',
  configPath: '/cfg',
  raw: {},
  transport: 'stdio',
  command,
  findings: [],
  launch: { cwd: '/', timeoutMs: 60_000, timeoutSetting: 'none', envPolicy: 'sdk-default' }
})

const preflight = (extra: Partial<Preflight> = {}): Preflight => ({
  cwd: '/',
  cwdExists: true,
  pathDirs: ['/usr/bin', '/bin'],
  resolution: { path: null },
  loginShellRead: true,
  pathDescription: 'the PATH an app started from the Dock gets from launchd',
  ...extra
})

const evidence = (extra: Partial<StdioEvidence> = {}): StdioEvidence => ({
  outcome: 'exited',
  ms: 50,
  timeoutMs: 60_000,
  stderrTail: '',
  stderrBytes: 0,
  stdout: { bytes: 0, jsonRpcLines: 0, noiseLines: 0 },
  timings: {},
  exit: { code: 1, signal: null, atMs: 40 },
  ...extra
})

describe('spawn errors', () => {
  it('Windows: a .cmd shim started without cmd is windows-cmd-wrapper-needed', () => {
    const pf = preflight({ platform: 'win32', resolution: { path: 'C:\\Program Files\\nodejs\\npx.cmd' } })
    for (const code of ['ENOENT', 'EINVAL']) {
      const f = spawnErrorFinding(entry('npx'), pf, evidence({ outcome: 'spawn-error', spawnError: { code, message: `spawn npx ${code}` } }))
      expect(f).toMatchObject({ code: 'windows-cmd-wrapper-needed', step: 2 })
      expect(f.fix?.summary).toContain('`cmd`')
    }
  })

  it('macOS: "Bad CPU type" with a binary for another processor says which', () => {
    const pf = preflight({
      platform: 'darwin',
      arch: 'x64',
      resolution: { path: '/opt/tool' },
      file: { path: '/opt/tool', realPath: '/opt/tool', mode: 0o755, executable: true, kind: 'mach-o', archs: ['arm64'], archSupport: 'incompatible' }
    })
    const f = spawnErrorFinding(entry('/opt/tool'), pf, evidence({ outcome: 'spawn-error', spawnError: { code: 'UNKNOWN', message: 'spawn Unknown system error -86' } }))
    expect(f.code).toBe('not-executable')
    expect(f.detail).toContain('built for arm64; this machine runs x64')
  })
})

describe('evidence-only rules', () => {
  it('recognises the old-Node crash text even without a version', () => {
    const stderr = "npm ERROR: npm v11.4.2 is known not to run on Node.js v14.21.3.  This version of npm supports the following node versions: `^20.17.0 || >=22.9.0`."
    const [f] = runtimeFindings(entry('npx'), preflight({ resolution: { path: '/usr/bin/npx' } }), evidence({ stderrTail: stderr }))
    expect(f).toMatchObject({ code: 'runtime-too-old', severity: 'error', title: 'The server crashed the way it does on a too-old Node.js' })
    expect(f!.fix?.url).toBe('https://nodejs.org/en/download')
  })

  it('recognises uv refusing an old Python', () => {
    const stderr = '  × No solution found when resolving tool dependencies:\n  ╰─▶ Because the current Python version (3.11.14) does not satisfy Python>=3.12 and you require foo, we can conclude…'
    const [f] = runtimeFindings(entry('uvx'), preflight({ resolution: { path: '/usr/bin/uvx' } }), evidence({ stderrTail: stderr }))
    expect(f).toMatchObject({ code: 'runtime-too-old', title: 'The server crashed the way it does on a too-old Python' })
    expect(f!.fix?.summary).toContain('--python 3.12')
  })

  it('a too-old runtime is only a warning when the server still connected', () => {
    const pf = preflight({ resolution: { path: '/usr/bin/node' }, runtime: { name: 'node', path: '/usr/bin/node', version: '16.20.2' } })
    const [f] = runtimeFindings(entry('node'), pf, evidence({ outcome: 'ok', exit: undefined }))
    expect(f).toMatchObject({ code: 'runtime-too-old', severity: 'warning', title: 'Node.js 16.20.2 is too old for this server' })
  })

  it('docker: the daemon error in stderr is enough, and a running server is never blamed', () => {
    const stderr = 'docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?.'
    const pf = preflight({ resolution: { path: '/usr/bin/docker' }, platform: 'linux' })
    const [f] = runtimeFindings(entry('docker'), pf, evidence({ stderrTail: stderr, exit: { code: 125, signal: null, atMs: 30 } }))
    expect(f).toMatchObject({ code: 'docker-daemon-down', fix: { command: 'sudo systemctl start docker' } })
    expect(runtimeFindings(entry('docker'), { ...pf, docker: { daemon: false, error: 'x' } }, evidence({ outcome: 'ok', exit: undefined }))).toEqual([])
  })
})

describe('which on Windows', () => {
  let t: TempHome
  beforeEach(async () => {
    t = await makeHome()
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('applies PATHEXT, so npx resolves to its .cmd shim', async () => {
    const dir = path.join(t.home, 'nodejs')
    await mkdir(dir)
    await writeFile(path.join(dir, 'npx.cmd'), '@echo off\n')
    expect(await which('npx', [dir], { cwd: t.home, platform: 'win32', pathext: '.COM;.EXE;.BAT;.CMD' })).toEqual({ path: path.join(dir, 'npx.cmd') })
    expect(await which('npx', [dir], { cwd: t.home, platform: 'win32', pathext: '.COM;.EXE' })).toEqual({ path: null, notExecutable: undefined })
  })
})
