import { describe, expect, it } from 'vitest'
import { mentions, parseLines, stripEscapes } from '../../../src/main/core/logs/parse'
import { recognise } from '../../../src/main/core/logs/recognise'

describe('which lines are about a server', () => {
  it('needs the name standing alone: "git" is not in github, github-enterprise, api.github.com or git2', () => {
    for (const text of ['MCP server github connected', 'server github-enterprise failed', 'fetching https://api.github.com/repos', 'server git2 started', 'MCP server @org/git started']) {
      expect(mentions(text, 'git'), text).toBe(false)
    }
    for (const text of ['Attempting to connect to MCP server git...', 'server "git" exited', 'failed: [git] spawn uvx ENOENT', 'MCP client for `git` failed']) {
      expect(mentions(text, 'git'), text).toBe(true)
    }
  })

  it('needs MCP context or quotes for a plain word: "out of memory" is not about the server "memory"', () => {
    expect(mentions('fatal: out of memory', 'memory')).toBe(false)
    expect(mentions('Connecting to server memory', 'memory')).toBe(true)
    expect(mentions('loaded "memory" tools', 'memory')).toBe(true)
  })

  it("goes by the line's own server tag over any mention in it (another server's line naming this one)", () => {
    const lines = parseLines(
      ['2025-04-02T02:11:32.760Z [notes] [error] MCP server "memory" is a dependency and failed', '  at notes/index.js:3', '2025-04-02T02:11:33.000Z [memory] [info] Initializing server...'],
      1,
      { format: 'claude-desktop', name: 'memory', forServer: false, secrets: [] }
    )
    expect(lines.map((l) => l.aboutServer)).toEqual([false, false, true])
  })
})

describe('log line cleaning', () => {
  it('removes colours, cursor moves, window titles and other control characters, keeping tabs', () => {
    expect(stripEscapes('\u001b[31mError\u001b[0m:\tboom\u001b]0;owned\u0007\u0000\u0008!')).toBe('Error:\tboom!')
    expect(stripEscapes('\u001b[2J\u001b[Hclear')).toBe('clear')
  })

  it('masks known secret values and token shapes in every line', () => {
    const [line] = parseLines(['2025-01-01T00:00:00.000Z [x] [info] args: --token s3cr3tvalue Authorization: Bearer abcdefghijklmnop'], 1, { format: 'claude-desktop', name: 'x', forServer: true, secrets: ['s3cr3tvalue'] })
    expect(line!.text).toBe('2025-01-01T00:00:00.000Z [x] [info] args: --token <redacted> Authorization: Bearer <redacted>')
  })

  it('dates untimestamped lines (a stack trace) by the record before them, and reads editor local times', () => {
    const lines = parseLines(['2025-07-05 22:27:17.634 [warning] [server stderr] Error: boom', '    at main (index.js:1)'], 1, { format: 'editor', name: 'x', forServer: true, secrets: [] })
    expect(lines[0]!.at).toBe(new Date(2025, 6, 5, 22, 27, 17, 634).toISOString())
    expect(lines[1]!.at).toBe(lines[0]!.at)
  })
})

describe('the known-failure recogniser', () => {
  it.each([
    ['Executable not found in $PATH: "does-not-exist-xyz"', 'command-not-found'],
    ["'npx' is not recognized as an internal or external command,", 'command-not-found'],
    ['env: node: No such file or directory', 'command-only-in-login-shell'],
    ['Error: BRAVE_API_KEY environment variable is required', 'env-missing'],
    ['SLACK_BOT_TOKEN is not set', 'env-missing'],
    ['Missing environment variables: FOO, BAR', 'env-missing'],
    ['ModuleNotFoundError: No module named \'mcp\'', 'module-not-found'],
    ['npm error 404 Not Found - GET https://registry.npmjs.org/mcp-gemini-assistant - Not found', 'package-not-found'],
    ['Unable to connect. Is the computer able to access the url?', 'connection-refused'],
    ['getaddrinfo ENOTFOUND mcp.example.com', 'dns-failure'],
    ['Error: self-signed certificate in certificate chain SELF_SIGNED_CERT_IN_CHAIN', 'tls-error'],
    ['HTTP 401 Unauthorized', 'auth-required'],
    ['SSE error: Non-200 status code (405)', 'transport-mismatch'],
    ['Connection to MCP server "x" timed out after 30000ms', 'handshake-timeout'],
    ["Unexpected token 'Y', \"YouTube MC\"... is not valid JSON", 'stdout-pollution'],
    ["Windows requires 'cmd /c' wrapper to execute npx", 'windows-cmd-wrapper-needed'],
    ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'docker-daemon-down'],
    ['MCP error -32000: Connection closed', 'process-exited']
  ])('%s → %s', (text, code) => {
    expect(recognise(text)?.code).toBe(code)
  })

  it('leaves ordinary lines alone, including words that only look like variable names', () => {
    for (const text of [
      'fixture-healthy: ready on stdio',
      'Starting connection with timeout of 30000ms',
      'the monkey is required to dance',
      'Successfully connected (transport: stdio) in 286ms',
      'MCP server "healthy": UNKNOWN connection closed after 59s (cleanly)'
    ]) {
      expect(recognise(text), text).toBeUndefined()
    }
  })
})
