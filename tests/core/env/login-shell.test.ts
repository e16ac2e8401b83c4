import { mkdir, readFile, symlink } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  LoginShellCache,
  loginShellArgs,
  parseMarkedEnv,
  readLoginShell,
  userShell
} from '../../../src/main/core/env/login-shell'
import { isAlive, makeHome, type TempHome } from '../../helpers/home'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

/** A context whose user has `shell` and a short PATH, as a GUI app would. */
function withShell(shell: string, extra: Record<string, string> = {}) {
  return t.context({ env: { PATH: '/usr/bin:/bin', HOME: t.home, USER: 'tester', SHELL: shell, ...extra } })
}

const BANNER = `printf '\\033[1;32mWelcome back!\\033[0m {"not":"the env"}\\n'\n`

describe('readLoginShell with real shells', () => {
  it('bash: reads .bash_profile, survives banners, an env alias, a node function and multi-line values', async () => {
    await t.write(
      '.bash_profile',
      BANNER +
        `alias env='echo hijacked'\n` +
        `node() { echo 'not node'; }\n` +
        `export PATH="$HOME/tools/bin:$PATH"\n` +
        `export MULTI="first line\nsecond line"\n` +
        `export SAW_FLAG="$MCP_MEDIC_RESOLVING_ENVIRONMENT"\n` +
        `echo 'something on stderr' >&2\n`
    )
    const result = await readLoginShell(withShell('/bin/bash'))

    expect(result.error).toBeUndefined()
    expect(result.exitCode).toBe(0)
    expect(result.timedOut).toBe(false)
    expect(result.shell).toBe('/bin/bash')
    expect(result.args.slice(0, 3)).toEqual(['-i', '-l', '-c'])
    expect(result.env?.PATH?.split(':')[0]).toBe(path.join(t.home, 'tools/bin'))
    expect(result.env?.MULTI).toBe('first line\nsecond line')
    expect(result.env?.SAW_FLAG).toBe('1')
    expect(result.env?.HOME).toBe(t.home)
    // the helper variables are gone from what is reported as the user's environment
    expect(result.env).not.toHaveProperty('MCP_MEDIC_RESOLVING_ENVIRONMENT')
    expect(result.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE')
    expect(result.env).not.toHaveProperty('DISABLE_AUTO_UPDATE')
    expect(result.stderrTail).toContain('something on stderr')
    expect(result.startupFiles).toEqual([path.join(t.home, '.bash_profile')])
    expect(result.ms).toBeGreaterThan(0)
  })

  it('zsh: reads .zshenv and .zshrc', async () => {
    await t.write('.zshenv', 'export FROM_ZSHENV=yes\n')
    await t.write('.zshrc', BANNER + 'path=("$HOME/zbin" $path)\nexport PATH\n')
    const result = await readLoginShell(withShell('/usr/bin/zsh'))
    expect(result.error).toBeUndefined()
    expect(result.env?.FROM_ZSHENV).toBe('yes')
    expect(result.env?.PATH?.split(':')[0]).toBe(path.join(t.home, 'zbin'))
    expect(result.startupFiles).toEqual([path.join(t.home, '.zshenv'), path.join(t.home, '.zshrc')])
  })

  it('fish: reads config.fish', async () => {
    await t.write('.config/fish/config.fish', 'echo "Hello from fish"\nset -gx PATH $HOME/fishbin $PATH\nset -gx FISHY "a b"\n')
    const result = await readLoginShell(withShell('/usr/bin/fish'))
    expect(result.error).toBeUndefined()
    expect(result.env?.PATH?.split(':')[0]).toBe(path.join(t.home, 'fishbin'))
    expect(result.env?.FISHY).toBe('a b')
  })

  it('sh (dash): reads .profile', async () => {
    await t.write('.profile', 'echo "dash banner"\nexport PATH="$HOME/shbin:$PATH"\n')
    const result = await readLoginShell(withShell('/bin/sh'))
    expect(result.error).toBeUndefined()
    expect(result.env?.PATH?.split(':')[0]).toBe(path.join(t.home, 'shbin'))
  })

  it('runs Node through a path with spaces and quotes in bash, zsh, fish and dash', async () => {
    const dir = path.join(t.home, "it's a node dir")
    await mkdir(dir)
    const node = path.join(dir, 'node')
    await symlink(process.execPath, node)
    for (const shell of ['/bin/bash', '/usr/bin/zsh', '/usr/bin/fish', '/bin/sh']) {
      const result = await readLoginShell(withShell(shell), { execPath: node })
      expect({ shell, error: result.error, home: result.env?.HOME }).toEqual({ shell, error: undefined, home: t.home })
    }
  })

  it('gives up after the timeout, says so, and ends what the startup file started', async () => {
    const pidFile = path.join(t.home, 'sleeper.pid')
    await t.write('.bash_profile', `sleep 60 &\necho $! > '${pidFile}'\nwait\n`)
    const result = await readLoginShell(withShell('/bin/bash'), { timeoutMs: 1500 })
    expect(result.timedOut).toBe(true)
    expect(result.env).toBeUndefined()
    expect(result.error).toBe('did not finish within 1.5 s')
    expect(result.timeoutMs).toBe(1500)
    const sleeper = Number((await readFile(pidFile, 'utf8')).trim())
    expect(sleeper).toBeGreaterThan(0)
    await expect.poll(() => isAlive(sleeper), { timeout: 10_000 }).toBe(false)
  })

  it('lets a startup file skip slow work when MCP_MEDIC_RESOLVING_ENVIRONMENT is set', async () => {
    await t.write('.bash_profile', 'if [ -z "$MCP_MEDIC_RESOLVING_ENVIRONMENT" ]; then sleep 60; fi\nexport QUICK=1\n')
    const result = await readLoginShell(withShell('/bin/bash'), { timeoutMs: 20_000 })
    expect(result.timedOut).toBe(false)
    expect(result.env?.QUICK).toBe('1')
  })

  it('reports a startup file that exits non-zero', async () => {
    await t.write('.bash_profile', 'echo "broken profile" >&2\nexit 3\n')
    const result = await readLoginShell(withShell('/bin/bash'))
    expect(result.env).toBeUndefined()
    expect(result.exitCode).toBe(3)
    expect(result.error).toBe('exited with code 3 before printing its environment')
    expect(result.stderrTail).toContain('broken profile')
  })

  it('reports a shell that does not exist', async () => {
    const result = await readLoginShell(withShell('/nonexistent/bin/zsh'))
    expect(result.env).toBeUndefined()
    expect(result.error).toBe('/nonexistent/bin/zsh does not exist')
  })

  it('takes the timeout from MCP_MEDIC_SHELL_TIMEOUT', async () => {
    await t.write('.bash_profile', 'sleep 60\n')
    const result = await readLoginShell(withShell('/bin/bash', { MCP_MEDIC_SHELL_TIMEOUT: '700' }))
    expect(result.timedOut).toBe(true)
    expect(result.timeoutMs).toBe(700)
  })

  it('does not start a shell on Windows: the process environment is the user environment there', async () => {
    const result = await readLoginShell(t.context({ platform: 'win32', env: { Path: 'C:\\Windows', ComSpec: 'C:\\Windows\\system32\\cmd.exe' } }))
    expect(result).toMatchObject({ shell: 'C:\\Windows\\system32\\cmd.exe', ms: 0, env: { Path: 'C:\\Windows' } })
    expect(result.skipped).toMatch(/Windows/)
    expect(result.error).toBeUndefined()
  })
})

describe('LoginShellCache', () => {
  it('starts the shell once for many callers, and again only on refresh', async () => {
    const counter = path.join(t.home, 'starts.log')
    await t.write('.bash_profile', `echo started >> '${counter}'\n`)
    const cache = new LoginShellCache()
    const ctx = withShell('/bin/bash')
    const starts = async (): Promise<number> => (await readFile(counter, 'utf8')).split('\n').filter(Boolean).length

    const [a, b] = await Promise.all([cache.get(ctx), cache.get(ctx)])
    expect(a).toBe(b)
    await cache.get(ctx)
    expect(await starts()).toBe(1)

    const fresh = await cache.get(ctx, { refresh: true })
    expect(fresh).not.toBe(a)
    expect(await starts()).toBe(2)
    expect(await cache.get(ctx)).toBe(fresh)
    expect(await starts()).toBe(2)
  })
})

describe('pure parts', () => {
  it('finds the environment between the markers whatever surrounds it', () => {
    const env = { A: 'x}abc123{y', B: 'line1\nline2' }
    const text = `\u001b[31mbanner abc123{"fake": 1}\n` + `abc123${JSON.stringify(env)}abc123\nbye`
    expect(parseMarkedEnv(text, 'abc123')).toEqual(env)
    expect(parseMarkedEnv('no markers here', 'abc123')).toBeUndefined()
    expect(parseMarkedEnv('abc123{broken', 'abc123')).toBeUndefined()
  })

  it('chooses the shell: $SHELL, else the passwd entry, else /bin/sh', () => {
    expect(userShell({ env: { SHELL: '/usr/bin/fish' } }, () => '/bin/zsh')).toBe('/usr/bin/fish')
    expect(userShell({ env: {} }, () => '/bin/zsh')).toBe('/bin/zsh')
    expect(userShell({ env: { SHELL: '/usr/sbin/nologin' } }, () => '/bin/false')).toBe('/bin/sh')
    expect(userShell({ env: {} }, () => undefined)).toBe('/bin/sh')
  })

  it('uses each shell family’s arguments and quoting', () => {
    expect(loginShellArgs('/usr/bin/tcsh', '/n/node', ['-e', 'x'])).toEqual(['-ic', "'/n/node' '-e' 'x'"])
    expect(loginShellArgs('/bin/csh', '/n/node', [])).toEqual(['-ic', "'/n/node'"])
    expect(loginShellArgs('/usr/local/bin/nu', '/n/node', ['-e', 'x'])).toEqual(['-i', '-l', '-c', "^'/n/node' '-e' 'x'"])
    expect(loginShellArgs('C:\\tools\\pwsh.exe', "/it's/node", ['-e'])).toEqual(['-Login', '-Command', "& '/it''s/node' '-e'"])
    expect(loginShellArgs('/usr/bin/fish', "/it's/node", [])).toEqual(['-i', '-l', '-c', "'/it\\'s/node'"])
    expect(loginShellArgs('/bin/bash', "/it's/node", [])).toEqual(['-i', '-l', '-c', "'/it'\\''s/node'"])
  })
})
