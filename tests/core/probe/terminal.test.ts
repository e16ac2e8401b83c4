import { describe, expect, it } from 'vitest'
import { diffLaunches, mayRunTwice, planTerminal } from '../../../src/main/core/probe/terminal'

describe('terminal plan and diff', () => {
  it('uses the login shell environment with the entry env on top, in the project folder', () => {
    const plan = planTerminal(
      { command: 'srv', args: ['--x'], timeoutMs: 5000 },
      { shell: '/bin/zsh', args: [], ms: 1, env: { PATH: '/opt/bin:/usr/bin', TOKEN: 'from-shell', LANG: 'C' } },
      { entryEnv: { TOKEN: 'from-entry' }, entryCwd: 'sub', project: '/work/app', home: '/home/u', platform: 'linux' }
    )!
    expect(plan).toMatchObject({ command: 'srv', args: ['--x'], cwd: '/work/app/sub', pathDirs: ['/opt/bin', '/usr/bin'] })
    expect(plan.env).toEqual({ PATH: '/opt/bin:/usr/bin', TOKEN: 'from-entry', LANG: 'C' })
    expect(planTerminal({ command: 'srv', args: [], timeoutMs: 1 }, { shell: '/bin/sh', args: [], ms: 0, error: 'not read' }, { home: '/h', platform: 'linux' })).toBeUndefined()
  })

  it('compares PATH folders, variable names and where the command resolves, never values', async () => {
    const diff = await diffLaunches(
      { command: 'sh', env: { PATH: '/usr/bin:/bin', HOME: '/h', SHELL: '/bin/sh', ONLY_CLIENT: 'x' }, cwd: '/', pathDirs: ['/usr/bin', '/bin'] },
      { command: 'sh', args: [], timeoutMs: 1, env: { PATH: '/nowhere:/bin', HOME: '/h', SHELL: '/bin/zsh', NVM_DIR: '/n' }, cwd: '/tmp', pathDirs: ['/nowhere', '/bin'] },
      'linux'
    )
    expect(diff).toMatchObject({
      pathOnlyInClient: ['/usr/bin'],
      pathOnlyInTerminal: ['/nowhere'],
      envOnlyInClient: ['ONLY_CLIENT'],
      envOnlyInTerminal: ['NVM_DIR'],
      envDiffering: ['SHELL'],
      cwdClient: '/',
      cwdTerminal: '/tmp'
    })
    expect(diff.resolvedClient).toMatch(/\/sh$/)
    expect(JSON.stringify(diff)).not.toContain('/bin/zsh')
  })

  it('never runs a package runner twice at once', () => {
    expect(mayRunTwice('npx')).toBe(false)
    expect(mayRunTwice('/usr/local/bin/uvx')).toBe(false)
    expect(mayRunTwice('C:\\\\nodejs\\\\npx.cmd')).toBe(false)
    expect(mayRunTwice('node')).toBe(true)
    expect(mayRunTwice('/opt/servers/my-server')).toBe(true)
  })
})
