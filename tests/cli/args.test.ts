import { describe, expect, it } from 'vitest'
import { HELP, UsageError, parseCommand } from '../../src/cli/args'

describe('parseCommand', () => {
  it('defaults to diagnose', () => {
    expect(parseCommand([])).toMatchObject({ kind: 'diagnose', json: false, probe: true })
    expect(parseCommand(['--json'])).toMatchObject({ kind: 'diagnose', json: true })
  })

  it('reads every selection option, repeatable where documented', () => {
    expect(
      parseCommand(['diagnose', '--project', '/a', '--project', '/b', '--client', 'claude-code', '--server', 'x', '--timeout', '5000', '--shell-timeout', '2500', '--no-probe'])
    ).toEqual({
      kind: 'diagnose',
      json: false,
      projects: ['/a', '/b'],
      clients: ['claude-code'],
      servers: ['x'],
      timeoutMs: 5000,
      shellTimeoutMs: 2500,
      probe: false
    })
  })

  it('reads report and serve options', () => {
    expect(parseCommand(['report', '--format', 'json', '-o', 'r.json'])).toMatchObject({ kind: 'report', format: 'json', output: 'r.json' })
    expect(parseCommand(['serve', '--port', '4000', '--open'])).toEqual({ kind: 'serve', port: 4000, open: true })
  })

  it('refuses bad usage with a message that says what to do', () => {
    expect(() => parseCommand(['frobnicate'])).toThrow(UsageError)
    expect(() => parseCommand(['--client', 'notepad'])).toThrow(/Known clients: claude-code/)
    expect(() => parseCommand(['--timeout', 'soon'])).toThrow(/milliseconds/)
    expect(() => parseCommand(['--shell-timeout', '999999'])).toThrow(/--shell-timeout is in milliseconds, from 100 to 120000/)
    expect(() => parseCommand(['--bogus'])).toThrow(UsageError)
    expect(() => parseCommand(['serve', '--port', '99999'])).toThrow(/0 to 65535/)
    expect(() => parseCommand(['report', '--format', 'pdf'])).toThrow(/md, json or html/)
  })

  it('documents every option in --help', () => {
    for (const option of ['--json', '--project', '--client', '--server', '--timeout', '--shell-timeout', '--no-probe', '--format', '--output', '--port', '--open']) {
      expect(HELP.main).toContain(option)
    }
    expect(parseCommand(['--help'])).toEqual({ kind: 'help', topic: undefined })
    expect(parseCommand(['diagnose', '-h'])).toEqual({ kind: 'help', topic: 'diagnose' })
  })
})
