import { spawnSync } from 'node:child_process'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { diagnose } from '../../../src/main/core/diagnose/run'
import type { Report, ServerReport } from '../../../src/shared/report'
import { ReportSchema } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'
import { executable, healthyServerScript, oldNodeStub, shortPath, versionStub } from './fixtures'

/** The real docker CLI on this machine (the tests' machines have it; the daemon is never needed). */
const DOCKER = spawnSync('/bin/sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim() || undefined
if (!DOCKER) console.warn('[resolution.test] skipping the docker-daemon-down test: no docker CLI on this machine')

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** A user whose login shell is bash and whose process (a GUI app, a cron job) has a short PATH. */
function ctx(processPath: string, shell = '/bin/bash') {
  return t.context({ env: { PATH: processPath, HOME: t.home, USER: 'tester', SHELL: shell } })
}

async function run(servers: Record<string, unknown>, processPath: string, shell?: string): Promise<Report> {
  await t.write('.claude.json', { mcpServers: servers })
  const report = await diagnose(ctx(processPath, shell), { timeoutMs: 15_000 })
  expect(ReportSchema.parse(report)).toEqual(report)
  return report
}

function server(report: Report, name: string): ServerReport {
  const found = report.servers.find((s) => s.name === name)
  if (!found) throw new Error(`no server ${name}`)
  return found
}

describe('command resolution through the whole diagnosis', () => {
  it('names command-only-in-login-shell with the absolute path when .bash_profile adds the folder', async () => {
    const command = await executable(t, 'tools/bin/notes-server', healthyServerScript())
    await t.write('.bash_profile', 'echo "Welcome"\nexport PATH="$HOME/tools/bin:$PATH"\n')
    const report = await run({ notes: { command: 'notes-server' } }, shortPath())

    const notes = server(report, 'notes')
    expect(notes.status).toBe('error')
    const first = notes.findings[0]!
    expect(first).toMatchObject({ code: 'command-only-in-login-shell', step: 3, severity: 'error' })
    expect(first.detail).toContain(command)
    expect(first.evidence).toMatchObject({ absolutePath: command, foundIn: 'login-shell' })
    expect(first.fix?.summary).toContain(command)
    expect(notes.resolution).toMatchObject({ command: 'notes-server', client: null, loginShell: command, pathFrom: 'terminal' })
    expect(report.system.loginShell).toMatchObject({ shell: '/bin/bash', ok: true })
    expect(report.system.loginShell.path).toContain(path.join(t.home, 'tools/bin'))

    // The fix it names works: the same server with that absolute path connects.
    const fixed = await run({ notes: { command } }, shortPath())
    expect(server(fixed, 'notes')).toMatchObject({ status: 'ok', findings: [] })
  })

  it('finds a command in a known install folder (volta-like) that no PATH has', async () => {
    const command = await executable(t, '.volta/bin/volta-server', healthyServerScript())
    const report = await run({ v: { command: 'volta-server' } }, shortPath(), '/bin/sh')
    const first = server(report, 'v').findings[0]!
    expect(first.code).toBe('command-only-in-login-shell')
    expect(first.title).toContain('.volta/bin')
    expect(first.evidence).toMatchObject({ absolutePath: command, foundIn: 'known-dir' })
  })

  it('says runtime-not-installed, with the official page and a package-manager command, for a runtime found nowhere', async () => {
    const report = await run({ fetch: { command: 'uvx', args: ['mcp-server-fetch'] } }, shortPath())
    const first = server(report, 'fetch').findings[0]!
    expect(first).toMatchObject({ code: 'runtime-not-installed', title: 'uv is not installed' })
    expect(first.fix?.url).toBe('https://docs.astral.sh/uv/getting-started/installation/')
    expect(first.fix?.command).toBe('curl -LsSf https://astral.sh/uv/install.sh | sh')
  })

  it('suggests python3 when the entry says python and only python3 exists', async () => {
    const bin = path.join(t.home, 'pybin')
    await executable(t, 'pybin/python3', versionStub('Python 3.11.2'))
    const script = await t.write('server.py', 'print("hi")\n')
    const report = await run({ py: { command: 'python', args: [script] } }, bin, '/bin/sh')
    const first = server(report, 'py').findings[0]!
    expect(first).toMatchObject({ code: 'command-not-found' })
    expect(first.evidence).toMatchObject({ suggestion: 'python3', suggestionPath: path.join(bin, 'python3') })
    expect(first.fix?.summary).toBe('Use `python3` as the command.')
  })

  it('nvm-like layout: an old node first on the PATH is runtime-too-old, naming the newer one', async () => {
    const old = await executable(t, '.nvm/versions/node/v14.21.3/bin/node', oldNodeStub('v14.21.3'))
    const newer = await executable(t, '.nvm/versions/node/v22.11.0/bin/node', versionStub('v22.11.0'))
    await executable(t, '.nvm/versions/node/v18.20.4/bin/node', versionStub('v18.20.4'))
    const script = await t.write('server.js', 'process.exit(1)\n')
    const report = await run({ srv: { command: 'node', args: [script] } }, shortPath(path.dirname(old)), '/bin/sh')
    const srv = server(report, 'srv')
    const tooOld = srv.findings.find((f) => f.code === 'runtime-too-old')!
    expect(tooOld).toMatchObject({ severity: 'error', title: 'Node.js 14.21.3 is too old for this server' })
    expect(tooOld.evidence).toMatchObject({ path: old, version: '14.21.3', required: '>=18' })
    // the login shell (dash, /etc/profile) finds the system node; the nvm folder holds v22 too
    const better = tooOld.evidence?.better as { path: string; version: string }
    expect([newer, '/usr/bin/node', '/usr/local/bin/node']).toContain(better.path)
    expect(srv.findings[0]!.code).toBe('runtime-too-old')
    expect(srv.resolution?.runtime).toMatchObject({ name: 'node', path: old, version: '14.21.3' })
  })

  it('reads engines.node of the server package: a Node that is new enough for the SDK can still be too old', async () => {
    const dir = path.join(t.home, 'srv')
    await t.write('srv/package.json', { name: 'srv', engines: { node: '^20.17.0 || >=22.9.0' } })
    await t.write('srv/index.js', 'process.exit(1)\n')
    const nodeDir = path.join(t.home, 'n18')
    await executable(t, 'n18/node', oldNodeStub('v18.20.4'))
    const report = await run({ srv: { command: 'node', args: [path.join(dir, 'index.js')] } }, shortPath(nodeDir), '/bin/sh')
    const tooOld = server(report, 'srv').findings.find((f) => f.code === 'runtime-too-old')!
    expect(tooOld.evidence).toMatchObject({ version: '18.20.4', required: '^20.17.0 || >=22.9.0', source: path.join(dir, 'package.json') })
  })

  it('pyenv-like layout: python older than requires-python', async () => {
    await t.write('proj/pyproject.toml', '[project]\nname = "srv"\nrequires-python = ">=3.10"\n')
    await t.write('proj/server.py', 'print("hi")\n')
    const py38 = await executable(t, '.pyenv/versions/3.8.10/bin/python3', versionStub('Python 3.8.10'))
    await executable(t, '.pyenv/versions/3.12.1/bin/python3', versionStub('Python 3.12.1'))
    const report = await run({ py: { command: py38, args: [path.join(t.home, 'proj/server.py')] } }, shortPath(), '/bin/sh')
    const tooOld = server(report, 'py').findings.find((f) => f.code === 'runtime-too-old')!
    expect(tooOld).toMatchObject({ title: 'Python 3.8.10 is too old for this server' })
    expect(tooOld.evidence).toMatchObject({ required: '>=3.10', source: path.join(t.home, 'proj/pyproject.toml') })
  })

  it('npx under an old node found through its #! line', async () => {
    const stubDir = path.join(t.home, 'oldnode')
    await executable(t, 'oldnode/node', oldNodeStub('v14.21.3'))
    const npx = await executable(t, 'npmbin/npx', '#!/usr/bin/env node\nconsole.log("npx")\n')
    const report = await run({ n: { command: 'npx', args: ['-y', 'some-mcp'] } }, [stubDir, path.dirname(npx)].join(':'), '/bin/sh')
    const tooOld = server(report, 'n').findings.find((f) => f.code === 'runtime-too-old')!
    expect(tooOld.evidence).toMatchObject({ path: path.join(stubDir, 'node'), version: '14.21.3' })
  })

  it.skipIf(!DOCKER)('docker with no daemon is docker-daemon-down (the real docker CLI, DOCKER_HOST pointing nowhere)', async () => {
    const report = await run(
      { gh: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'], env: { DOCKER_HOST: 'unix:///nonexistent.sock' } } },
      shortPath(path.dirname(DOCKER!)),
      '/bin/sh'
    )
    const gh = server(report, 'gh')
    const first = gh.findings[0]!
    expect(first).toMatchObject({ code: 'docker-daemon-down', severity: 'error' })
    expect(first.detail).toMatch(/no Docker daemon does at DOCKER_HOST=.*Cannot connect to the Docker daemon/)
    // DOCKER_HOST came from the entry's env, so its value is a secret like any other env value
    expect(JSON.stringify(gh)).not.toContain('nonexistent.sock')
  })
})

describe('not-executable and broken interpreters', () => {
  it('a script without the execute bit: chmod +x', async () => {
    const file = await executable(t, 'bin/srv.sh', healthyServerScript(), 0o644)
    const first = server(await run({ s: { command: file } }, shortPath()), 's').findings[0]!
    expect(first).toMatchObject({ code: 'not-executable', fix: { command: `chmod +x ${file}` } })
  })

  it('a #! line naming an interpreter that does not exist', async () => {
    const file = await executable(t, 'bin/srv.py', '#!/nonexistent/bin/python9\nprint(1)\n')
    const first = server(await run({ s: { command: file } }, shortPath()), 's').findings[0]!
    expect(first.code).toBe('not-executable')
    expect(first.detail).toContain('/nonexistent/bin/python9 does not exist')
  })

  it('#!/usr/bin/env nodez: an interpreter that is nowhere', async () => {
    const file = await executable(t, 'bin/srv', '#!/usr/bin/env nodez\nconsole.log(1)\n')
    const findings = server(await run({ s: { command: file } }, shortPath()), 's').findings
    // one root cause, one error: the exit is evidence of the not-executable finding
    expect(findings.map((f) => f.code)).toEqual(['not-executable'])
    expect(findings[0]!.title).toContain('interpreter that is not installed')
    expect(findings[0]!.evidence).toMatchObject({ exitCode: 127, replaces: ['process-exited'] })
  })

  it('#!/usr/bin/env node with node only in the login shell (node-missing-for-shebang)', async () => {
    const nodeDir = path.join(t.home, 'nodebin')
    await mkdir(nodeDir, { recursive: true })
    await symlink(process.execPath, path.join(nodeDir, 'node'))
    const script = await executable(t, 'bin/srv.mjs', `#!/usr/bin/env node\nimport('${path.resolve('tests/fixtures/servers/healthy.mjs')}')\n`)
    await t.write('.bash_profile', `export PATH="${nodeDir}:$PATH"\n`)
    const findings = server(await run({ s: { command: script } }, path.join(t.home, 'empty')), 's').findings
    expect(findings[0]).toMatchObject({ code: 'command-only-in-login-shell' })
    expect(findings[0]!.evidence).toMatchObject({ interpreter: 'node', addToPath: nodeDir })
  })

  it('a text file without a #! line', async () => {
    const file = await executable(t, 'bin/server.js', 'import x from "y"\nconsole.log(x)\n')
    const first = server(await run({ s: { command: file } }, shortPath()), 's').findings[0]!
    expect(first).toMatchObject({ code: 'not-executable', title: `${file} has no #! line` })
  })

  it('a binary built for another processor', async () => {
    const foreign = process.arch === 'arm64' ? 0x3e : 0xb7
    const header = Buffer.alloc(256)
    header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0)
    header.writeUInt16LE(2, 16)
    header.writeUInt16LE(foreign, 18)
    const file = path.join(t.home, 'foreign')
    await writeFile(file, header, { mode: 0o755 })
    const first = server(await run({ s: { command: file } }, shortPath()), 's').findings[0]!
    expect(first).toMatchObject({ code: 'not-executable', title: `${file} is built for another processor` })
  })
})

describe('login-shell-failed', () => {
  it('is reported once for the run, with what happened and the startup file', async () => {
    await t.write('.bash_profile', 'echo "oops" >&2\nexit 3\n')
    const report = await run({}, shortPath())
    const failed = report.findings.find((f) => f.code === 'login-shell-failed')!
    expect(failed).toMatchObject({ severity: 'warning', title: 'Your login shell exited with code 3' })
    expect(failed.detail).toContain('~/.bash_profile')
    expect(failed.evidence).toMatchObject({ exitCode: 3, stderrTail: 'oops' })
    expect(report.system.loginShell).toMatchObject({ ok: false, exitCode: 3, error: 'exited with code 3 before printing its environment' })
  })

  it('says how long it waited when the shell is too slow', async () => {
    await t.write('.bash_profile', 'sleep 30\n')
    await t.write('.claude.json', { mcpServers: {} })
    const report = await diagnose(ctx(shortPath()), { shellTimeoutMs: 1000 })
    const failed = report.findings.find((f) => f.code === 'login-shell-failed')!
    expect(failed.title).toBe('Your login shell took longer than 1 s to start')
    expect(failed.fix?.summary).toContain('MCP_MEDIC_RESOLVING_ENVIRONMENT')
  })
})
