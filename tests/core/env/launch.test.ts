import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LAUNCHD_PATH, launchModelFor, planLaunch } from '../../../src/main/core/clients/launch'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import type { EngineContext } from '../../../src/main/core/context'
import type { LoginShellResult } from '../../../src/main/core/env/login-shell'
import { CLIENT_IDS, type ClientId } from '../../../src/shared/report'
import { makeHome, type TempHome } from '../../helpers/home'
import { executable, versionStub } from './fixtures'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

const PROCESS_PATH = '/opt/app/bin:/usr/bin:/bin'
const SHELL_PATH = '/home/u/.local/bin:/usr/local/bin:/usr/bin:/bin'

function machine(platform: NodeJS.Platform, extra: Partial<EngineContext> = {}): EngineContext {
  const env: Record<string, string> =
    platform === 'win32'
      ? { Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs', APPDATA: 'C:\\Users\\u\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\u', SECRET_THING: 'x' }
      : { PATH: PROCESS_PATH, HOME: t.home, USER: 'u', LOGNAME: 'u', SHELL: '/bin/zsh', TERM: 'xterm', LANG: 'en_US.UTF-8', SECRET_THING: 'x' }
  return { platform, arch: 'x64', release: '1', home: t.home, cwd: t.home, env, terminal: true, ...extra }
}

const SHELL: LoginShellResult = {
  shell: '/bin/zsh',
  args: [],
  ms: 40,
  env: { PATH: SHELL_PATH, HOME: '/home/u', FROM_SHELL: 'yes', USER: 'u' }
}
const UNREAD: LoginShellResult = { shell: '/bin/zsh', args: [], ms: 10_000, timedOut: true, error: 'did not finish within 10 s' }

function entry(client: ClientId, ctx: EngineContext, extra: Partial<ServerEntry> = {}): ServerEntry {
  const project = path.join(t.home, 'project')
  return {
    id: `${client}:x`,
    name: 'x',
    client,
    scope: 'user',
    configPath: '/cfg',
    raw: {},
    transport: 'stdio',
    command: 'srv',
    args: ['--flag'],
    findings: [],
    launch: launchModelFor(client, ctx, project),
    ...extra
  }
}

describe('every client has a documented launch model on every OS', () => {
  for (const platform of ['darwin', 'linux', 'win32'] as const) {
    it(`${platform}: each model names its source, kind, timeout and PATH`, () => {
      for (const client of CLIENT_IDS) {
        const model = launchModelFor(client, machine(platform), '/work/project')
        expect(model.source, client).toMatch(/\w{10,}/)
        expect(model.kind, client).toBeTruthy()
        expect(model.timeoutMs, client).toBeGreaterThan(0)
        expect(model.timeoutSetting, client).toBeTruthy()
        expect(['launchd', 'terminal', 'login-shell', 'process']).toContain(model.pathFrom)
        const plan = planLaunch(entry(client, machine(platform)), machine(platform), SHELL)
        // Windows gives every program the user environment; nothing else is ever used there
        if (platform === 'win32') expect(plan.pathFrom, client).toBe('process')
      }
    })
  }
})

describe('which PATH a client gives its servers', () => {
  it('Claude Desktop on macOS: launchd, with every nvm folder in lexical order, /usr/local/bin and /opt/homebrew/bin; cwd /', async () => {
    await executable(t, '.nvm/versions/node/v9.11.2/bin/node', versionStub('v9.11.2'))
    await executable(t, '.nvm/versions/node/v14.21.3/bin/node', versionStub('v14.21.3'))
    await executable(t, '.nvm/versions/node/v22.11.0/bin/node', versionStub('v22.11.0'))
    const ctx = machine('darwin', { terminal: false })
    const plan = planLaunch(entry('claude-desktop', ctx), ctx, SHELL)
    const nvm = (v: string): string => path.join(t.home, '.nvm/versions/node', v, 'bin')
    expect(plan.pathDirs).toEqual([nvm('v14.21.3'), nvm('v22.11.0'), nvm('v9.11.2'), '/usr/local/bin', '/opt/homebrew/bin', ...LAUNCHD_PATH])
    expect(plan.pathFrom).toBe('launchd')
    expect(plan.cwd).toBe('/')
    // the SDK's variables only: no LANG, nothing from the login shell
    expect(Object.keys(plan.env).sort()).toEqual(['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'])
  })

  it('Claude Desktop on Linux: the desktop session PATH (the process’s); on Windows the user environment, Path case-insensitive', () => {
    const linux = machine('linux')
    expect(planLaunch(entry('claude-desktop', linux), linux, SHELL)).toMatchObject({ pathFrom: 'process', env: { PATH: PROCESS_PATH }, cwd: t.home })
    const win = machine('win32')
    const plan = planLaunch(entry('claude-desktop', win), win, undefined)
    expect(plan.env).toMatchObject({ Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })
    expect(plan.env).not.toHaveProperty('SECRET_THING')
    expect(plan.pathDirs).toEqual(['C:\\Windows\\system32', 'C:\\Program Files\\nodejs'])
  })

  it("Claude Code: the terminal's PATH when MCP Medic runs in one, else the login shell's, else its own (said so)", () => {
    const inTerminal = machine('darwin', { terminal: true })
    const a = planLaunch(entry('claude-code', inTerminal), inTerminal, SHELL)
    expect(a).toMatchObject({ pathFrom: 'terminal', env: { PATH: PROCESS_PATH, SECRET_THING: 'x', CLAUDECODE: '1' } })
    expect(a.env.CLAUDE_PROJECT_DIR).toBe(path.join(t.home, 'project'))
    expect(a.cwd).toBe(path.join(t.home, 'project'))

    const app = machine('darwin', { terminal: false })
    const b = planLaunch(entry('claude-code', app), app, SHELL)
    expect(b).toMatchObject({ pathFrom: 'login-shell', env: { PATH: SHELL_PATH, FROM_SHELL: 'yes' } })

    const c = planLaunch(entry('claude-code', app), app, UNREAD)
    expect(c).toMatchObject({ pathFrom: 'process', env: { PATH: PROCESS_PATH } })
    expect(c.pathDescription).toMatch(/could not be read/)
  })

  it('Claude Code: MCP_TIMEOUT sets the startup timeout, 30 s by default; entry env wins', () => {
    expect(launchModelFor('claude-code', machine('linux'), '/p').timeoutMs).toBe(30_000)
    const ctx = machine('linux')
    const withTimeout = { ...ctx, env: { ...ctx.env, MCP_TIMEOUT: '45000' } }
    expect(launchModelFor('claude-code', withTimeout, '/p').timeoutMs).toBe(45_000)
    const plan = planLaunch(entry('claude-code', ctx, { env: { PATH: '/only/this', CLAUDECODE: '0' } }), ctx, SHELL)
    expect(plan.env).toMatchObject({ PATH: '/only/this', CLAUDECODE: '0' })
  })

  it("VS Code: the login shell's environment over its own; an entry's PATH is appended, not replacing", () => {
    const ctx = machine('linux', { terminal: false })
    const plan = planLaunch(entry('vscode', ctx, { env: { PATH: '/extra/bin' } }), ctx, SHELL)
    expect(plan.pathFrom).toBe('login-shell')
    expect(plan.env.PATH).toBe(`${SHELL_PATH}:/extra/bin`)
    expect(plan.env).toMatchObject({ FROM_SHELL: 'yes', LANG: 'en_US.UTF-8' })
  })

  it('Cursor and Windsurf (VS Code forks), Zed: the login shell; Cline: the login shell, SDK variables only', () => {
    const ctx = machine('darwin', { terminal: false })
    for (const client of ['cursor', 'windsurf', 'zed'] as const) {
      expect(planLaunch(entry(client, ctx), ctx, SHELL), client).toMatchObject({ pathFrom: 'login-shell', env: { PATH: SHELL_PATH } })
    }
    const cline = planLaunch(entry('cline', ctx), ctx, SHELL)
    expect(cline).toMatchObject({ pathFrom: 'login-shell', env: { PATH: SHELL_PATH } })
    expect(cline.env).not.toHaveProperty('FROM_SHELL')
  })

  it('Codex: its own allow-list of variables and a 10 s startup timeout', () => {
    const ctx = machine('linux')
    const plan = planLaunch(entry('codex', ctx, { env: { API_KEY: 'k' } }), ctx, SHELL)
    expect(Object.keys(plan.env).sort()).toEqual(['API_KEY', 'HOME', 'LANG', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'])
    expect(plan.timeoutMs).toBe(10_000)
    expect(plan.pathFrom).toBe('terminal')
  })

  it('Gemini CLI: the whole environment, 600 s; a --timeout overrides any client', () => {
    const ctx = machine('linux')
    const plan = planLaunch(entry('gemini-cli', ctx), ctx, SHELL)
    expect(plan.env).toHaveProperty('SECRET_THING', 'x')
    expect(plan.timeoutMs).toBe(600_000)
    expect(planLaunch(entry('gemini-cli', ctx), ctx, SHELL, 1234).timeoutMs).toBe(1234)
  })

  it('LM Studio: a desktop app (launchd on macOS, the session PATH on Linux)', () => {
    const mac = machine('darwin', { terminal: false })
    expect(planLaunch(entry('lm-studio', mac), mac, SHELL).pathDirs).toEqual([...LAUNCHD_PATH])
    const linux = machine('linux')
    expect(planLaunch(entry('lm-studio', linux), linux, SHELL).pathFrom).toBe('process')
  })

  it("a relative entry cwd is resolved against the client's folder", () => {
    const ctx = machine('linux')
    expect(planLaunch(entry('claude-code', ctx, { cwd: 'sub' }), ctx, SHELL).cwd).toBe(path.join(t.home, 'project', 'sub'))
  })
})
