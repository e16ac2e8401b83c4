import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archSupport, parseShebang, readFileFacts } from '../../../src/main/core/env/file-facts'
import { compareVersionsDescending, knownInstallDirs } from '../../../src/main/core/env/known-dirs'
import { nearMissCandidates } from '../../../src/main/core/env/locate'
import { satisfies } from '../../../src/main/core/env/version-range'
import { parseVersion } from '../../../src/main/core/env/versions'
import { loginShellFindings } from '../../../src/main/core/diagnose/rules/login-shell'
import { installFor, isAllowedLink } from '../../../src/shared/runtimes'
import { makeHome, type TempHome } from '../../helpers/home'
import { executable, versionStub } from './fixtures'

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
})
afterEach(async () => {
  await t.cleanup()
})

describe('version ranges (npm engines, requires-python)', () => {
  it.each([
    ['14.21.3', '>=18', false],
    ['18.0.0', '>=18', true],
    ['18.20.4', '^20.17.0 || >=22.9.0', false],
    ['20.17.0', '^20.17.0 || >=22.9.0', true],
    ['22.1.0', '^20.17.0 || >=22.9.0', false],
    ['22.11.0', '^20.17.0 || >=22.9.0', true],
    ['20.5.1', '18.x || 20.x', true],
    ['21.0.0', '>= 16 < 21', false],
    ['16.0.0', '>= 16 < 21', true],
    ['18.2.9', '~18.2', true],
    ['18.3.0', '~18.2', false],
    ['3.8.10', '>=3.10', false],
    ['3.12.1', '>=3.10,<4', true],
    ['4.0.0', '>=3.10,<4', false],
    ['3.11.9', '~=3.11', true],
    ['3.11.9', '~=3.11.2', true],
    ['3.12.0', '~=3.11.2', false],
    ['3.12.4', '==3.12.*', true],
    ['3.13.0', '==3.12.*', false],
    ['3.9.1', '!=3.9.*', false],
    ['1.2.3', '*', true]
  ])('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected)
  })

  it('says "unknown" for ranges it does not understand, never a guess', () => {
    expect(satisfies('20.0.0', 'latest')).toBeUndefined()
    expect(satisfies('no version', '>=18')).toBeUndefined()
  })

  it('reads version numbers out of what programs print', () => {
    expect(parseVersion('v20.11.1\n')).toBe('20.11.1')
    expect(parseVersion('Python 3.12.4')).toBe('3.12.4')
    expect(parseVersion('Docker version 28.2.2, build e6534b4')).toBe('28.2.2')
    expect(parseVersion('openjdk version "17.0.15" 2025-04-15')).toBe('17.0.15')
    expect(parseVersion('uv 0.5.4 (Homebrew 2024-11-20)')).toBe('0.5.4')
    expect(parseVersion('nothing here')).toBeUndefined()
  })
})

describe('file facts', () => {
  async function bytes(name: string, data: number[] | Buffer, mode = 0o755): Promise<string> {
    const file = path.join(t.home, name)
    await writeFile(file, Buffer.isBuffer(data) ? data : Buffer.from(data), { mode })
    return file
  }

  it('tells ELF, Mach-O (thin and universal), PE, scripts and text apart, with architectures', async () => {
    const elf = Buffer.alloc(64)
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])
    elf.writeUInt16LE(0xb7, 18)
    expect(await readFileFacts(await bytes('elf', elf), 'linux')).toMatchObject({ kind: 'elf', archs: ['arm64'], executable: true })

    const macho = Buffer.alloc(64)
    macho.writeUInt32LE(0xfeedfacf, 0)
    macho.writeInt32LE(0x01000007, 4)
    expect(await readFileFacts(await bytes('macho', macho), 'darwin')).toMatchObject({ kind: 'mach-o', archs: ['x64'] })

    const fat = Buffer.alloc(64)
    fat.writeUInt32BE(0xcafebabe, 0)
    fat.writeUInt32BE(2, 4)
    fat.writeInt32BE(0x01000007, 8)
    fat.writeInt32BE(0x0100000c, 28)
    expect(await readFileFacts(await bytes('fat', fat), 'darwin')).toMatchObject({ kind: 'mach-o', archs: ['x64', 'arm64'] })

    const pe = Buffer.alloc(256)
    pe.write('MZ', 0, 'latin1')
    pe.writeUInt32LE(0x80, 0x3c)
    pe.writeUInt32BE(0x50450000, 0x80)
    pe.writeUInt16LE(0xaa64, 0x84)
    expect(await readFileFacts(await bytes('pe.exe', pe), 'win32')).toMatchObject({ kind: 'pe', archs: ['arm64'] })

    expect(await readFileFacts(await bytes('s', Buffer.from('#!/usr/bin/env -S node --no-warnings\nx')), 'linux')).toMatchObject({
      kind: 'script',
      shebang: '#!/usr/bin/env -S node --no-warnings'
    })
    expect(await readFileFacts(await bytes('t.js', Buffer.from('console.log(1)\n'), 0o644), 'linux')).toMatchObject({ kind: 'text', executable: false, mode: 0o644 })
    expect(await readFileFacts(path.join(t.home, 'missing'), 'linux')).toBeUndefined()
  })

  it('knows which architectures run where', () => {
    expect(archSupport(['x64'], 'x64', 'linux')).toBe('native')
    expect(archSupport(['arm64'], 'x64', 'linux')).toBe('incompatible')
    expect(archSupport(['x64'], 'arm64', 'darwin')).toBe('translated')
    expect(archSupport(['x64', 'arm64'], 'arm64', 'darwin')).toBe('native')
    expect(archSupport(['ia32'], 'x64', 'darwin')).toBe('incompatible')
  })

  it('reads the interpreter a #! line names', () => {
    expect(parseShebang('#!/usr/bin/env node')).toEqual({ program: 'node', viaEnv: true })
    expect(parseShebang('#!/usr/bin/env -S FOO=1 python3 -u')).toEqual({ program: 'python3', viaEnv: true })
    expect(parseShebang('#! /usr/local/bin/python3.11 -u')).toEqual({ program: '/usr/local/bin/python3.11', viaEnv: false })
  })
})

describe('known install folders', () => {
  it('lists the ones that exist, newest version first', async () => {
    for (const v of ['v9.11.2', 'v18.20.4', 'v22.11.0']) await executable(t, `.nvm/versions/node/${v}/bin/node`, versionStub(v))
    await executable(t, '.volta/bin/node', versionStub('v20.0.0'))
    await executable(t, '.pyenv/versions/3.12.1/bin/python3', versionStub('Python 3.12.1'))
    await executable(t, '.local/bin/uv', versionStub('uv 0.5.4'))
    const dirs = await knownInstallDirs({ platform: 'linux', home: t.home, env: {} })
    const mine = dirs.filter((d) => d.dir.startsWith(t.home)).map((d) => [path.relative(t.home, d.dir), d.source])
    expect(mine).toEqual([
      ['.nvm/versions/node/v22.11.0/bin', 'nvm'],
      ['.nvm/versions/node/v18.20.4/bin', 'nvm'],
      ['.nvm/versions/node/v9.11.2/bin', 'nvm'],
      ['.volta/bin', 'volta'],
      ['.pyenv/versions/3.12.1/bin', 'pyenv'],
      ['.local/bin', 'uv, pipx and pip --user']
    ])
    expect(['v9', 'v10.1', 'v10.0.5'].sort(compareVersionsDescending)).toEqual(['v10.1', 'v10.0.5', 'v9'])
  })

  it('suggests the usual alternates and one-typo names', () => {
    expect(nearMissCandidates('python')).toEqual(['python3'])
    expect(nearMissCandidates('nxp')).toContain('npx')
    expect(nearMissCandidates('completely-different')).toEqual([])
  })
})

describe('install links', () => {
  it('opens only https pages on the allow-list', () => {
    expect(isAllowedLink('https://nodejs.org/en/download')).toBe(true)
    expect(isAllowedLink('https://docs.astral.sh/uv/')).toBe(true)
    expect(isAllowedLink('https://www.python.org/downloads/')).toBe(true)
    expect(isAllowedLink('http://nodejs.org/')).toBe(false)
    expect(isAllowedLink('https://nodejs.org.evil.example/')).toBe(false)
    expect(isAllowedLink('https://user:pw@nodejs.org/')).toBe(false)
    expect(isAllowedLink('https://example.com/')).toBe(false)
    expect(isAllowedLink('javascript:alert(1)')).toBe(false)
    expect(isAllowedLink('not a url')).toBe(false)
  })

  it('gives a page and a package-manager command per OS', () => {
    expect(installFor('npx', 'darwin')).toEqual({ title: 'Node.js', url: 'https://nodejs.org/en/download', command: 'brew install node' })
    expect(installFor('uvx', 'win32')?.command).toBe('winget install --id=astral-sh.uv -e')
    expect(installFor('docker', 'linux')).toMatchObject({ url: 'https://docs.docker.com/engine/install/', command: 'sudo apt install docker.io' })
    for (const name of ['node', 'python3', 'uv', 'pipx', 'docker', 'bun', 'deno', 'java']) {
      for (const os of ['darwin', 'win32', 'linux']) expect(isAllowedLink(installFor(name, os)!.url), `${name} ${os}`).toBe(true)
    }
    expect(installFor('something', 'linux')).toBeUndefined()
  })
})

describe('login-shell-failed in words', () => {
  it('says what happened and which startup files are read, with the remedy', () => {
    const [timeout] = loginShellFindings(
      { shell: '/bin/zsh', args: ['-i', '-l', '-c', 'x'], ms: 10_012, timedOut: true, timeoutMs: 10_000, error: 'did not finish within 10 s', startupFiles: ['/home/u/.zshrc'] },
      '/home/u'
    )
    expect(timeout).toMatchObject({ code: 'login-shell-failed', step: 3, severity: 'warning', title: 'Your login shell took longer than 10 s to start' })
    expect(timeout!.detail).toContain('`~/.zshrc`')
    expect(timeout!.detail).toContain('it did not finish within 10 s. It reads `~/.zshrc` at startup: it is slow or waits for input.')

    const [missing] = loginShellFindings({ shell: '/opt/nope/fish', args: [], ms: 2, error: '/opt/nope/fish does not exist' }, '/home/u')
    expect(missing!.title).toBe('Your login shell /opt/nope/fish cannot be started')

    const [exited] = loginShellFindings(
      { shell: '/bin/bash', args: ['-i', '-l', '-c', 'x'], ms: 30, exitCode: 127, error: 'exited with code 127 before printing its environment', stderrTail: 'bash: nvm: command not found\nTOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123' },
      '/home/u'
    )
    expect(exited!.title).toBe('Your login shell exited with code 127')
    expect(String(exited!.evidence?.stderrTail)).toContain('nvm: command not found')
    expect(JSON.stringify(exited)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123')

    expect(loginShellFindings({ shell: '/bin/bash', args: [], ms: 5, env: { PATH: '/bin' } }, '/home/u')).toEqual([])
    expect(loginShellFindings({ shell: 'cmd.exe', args: [], ms: 0, env: {}, skipped: 'Windows' }, '/home/u')).toEqual([])
  })
})
