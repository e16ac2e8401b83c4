import { describe, expect, it } from 'vitest'
import { envKeyOf, envRows } from '../../src/renderer/src/env-rows'
import { moveIndex } from '../../src/renderer/src/keyboard'
import { buildSteps, firstProblemStep, neighbour, openingStep, worse } from '../../src/renderer/src/steps'
import { timeline } from '../../src/renderer/src/timeline'
import { finding, type Step } from '../../src/shared/findings'
import type { ServerReport } from '../../src/shared/report'
import { makeServer } from './fake-api'

const states = (server: ServerReport, ctx = {}): Record<Step, string> =>
  Object.fromEntries(buildSteps(server, ctx).map((s) => [s.step, s.state])) as Record<Step, string>

const exited = makeServer('weather', {
  status: 'error',
  probe: { outcome: 'exited', ms: 196, exitCode: 3, stderrTail: 'KeyError', timings: { spawnMs: 6 } },
  resolution: { command: 'node', client: '/usr/bin/node', runtime: { name: 'node', path: '/usr/bin/node', version: '20.20.2' } },
  findings: [finding('process-exited', 'error', 'The server exited with code 3 before completing the MCP handshake', 'd')]
})

describe('the seven steps of a server', () => {
  it('a healthy server passes every step and has no problem to jump to', () => {
    const healthy = makeServer('notes', { resolution: { command: 'node', client: '/usr/bin/node' } })
    expect(states(healthy)).toEqual({ 1: 'pass', 2: 'pass', 3: 'pass', 4: 'pass', 5: 'pass', 6: 'pass', 7: 'pass' })
    const steps = buildSteps(healthy)
    expect(firstProblemStep(steps)).toBeUndefined()
    expect(openingStep(steps)).toBe(1)
    expect(steps[3]!.checks.map((c) => [c.label, c.state])).toEqual([
      ['The process starts', 'pass'],
      ['It answers the MCP handshake', 'pass'],
      ['Its stdout carries only JSON-RPC', 'pass'],
      ['It lists its tools', 'pass'],
      ["It starts within Claude Code's time limit", 'pass']
    ])
    expect(steps[3]!.checks[3]!.detail).toBe('4 tools')
  })

  it('a server that exits fails step 4 only; step 1 shows the live state without failing, later checks are not known', () => {
    const s = states(exited)
    expect(s).toMatchObject({ 1: 'pass', 2: 'pass', 3: 'pass', 4: 'fail', 5: 'unknown', 6: 'pass' })
    const steps = buildSteps(exited)
    expect(steps[0]!.checks.find((c) => c.label === 'The server connects')).toMatchObject({ state: 'fail', info: true })
    expect(steps[0]!.summary).not.toContain('exited')
    expect(steps[3]!.findings.map((f) => f.code)).toEqual(['process-exited'])
    expect(steps[3]!.checks.find((c) => c.label === 'Its stdout carries only JSON-RPC')!.state).toBe('unknown')
    expect(steps[4]!.summary).toContain('step 6')
    expect(openingStep(steps)).toBe(4)
    // the fix is not done yet: step 7 waits
    expect(steps[6]!.state).toBe('unknown')
  })

  it('a cause read from stderr (env-missing) fails step 5; step 4 says the exit came from it', () => {
    const needsKey = makeServer('brave', {
      status: 'error',
      probe: { outcome: 'exited', ms: 120, exitCode: 1, stderrTail: 'Error: BRAVE_API_KEY environment variable is required' },
      findings: [finding('env-missing', 'error', 'BRAVE_API_KEY is not set', 'd', { evidence: { variables: ['BRAVE_API_KEY'] } })]
    })
    const steps = buildSteps(needsKey)
    expect(steps[4]!.state).toBe('fail')
    expect(steps[3]!.state).toBe('unknown')
    expect(steps[3]!.checks.find((c) => c.label === 'It answers the MCP handshake')!.detail).toBe('it exited with code 1: the cause is in step 5')
    expect(openingStep(steps)).toBe(5)
  })

  it('a command that is nowhere fails step 3, and step 4 says the process never started', () => {
    const missing = makeServer('typo', {
      command: 'nodee',
      status: 'error',
      probe: { outcome: 'spawn-error', ms: 3, spawnError: { code: 'ENOENT', message: 'spawn nodee ENOENT' } },
      resolution: { command: 'nodee', client: null, loginShell: null },
      findings: [finding('command-not-found', 'error', '`nodee` is not on any PATH', 'd')]
    })
    const steps = buildSteps(missing)
    expect(steps[2]!.state).toBe('fail')
    expect(steps[2]!.checks[0]).toMatchObject({ label: "`nodee` is on the PATH Claude Code gives servers", state: 'fail', detail: '`nodee` is not on any PATH' })
    expect(steps[3]!.state).toBe('unknown')
    expect(steps[3]!.checks[0]).toMatchObject({ label: 'The process starts', state: 'unknown', detail: 'did not start: see step 3' })
    expect(firstProblemStep(steps)).toBe(3)
  })

  it('a remote server needs no runtime (step 3 not applicable) and its connection problems are step 6', () => {
    const remote = makeServer('docs', {
      transport: 'http',
      command: undefined,
      args: undefined,
      url: 'https://mcp.example.test/mcp',
      status: 'error',
      probe: { outcome: 'connection-error', ms: 4 },
      findings: [finding('connection-refused', 'error', 'Nothing accepts connections at mcp.example.test:443', 'd')]
    })
    const steps = buildSteps(remote)
    expect(steps[2]).toMatchObject({ state: 'na', summary: 'A remote server needs no local runtime.' })
    expect(steps[5]!.state).toBe('fail')
    expect(steps[5]!.checks.map((c) => c.label)).toContain('The TLS certificate is trusted')
    expect(steps[1]!.checks.map((c) => c.label)).toEqual(["The config file parses", "The entry follows Claude Code's format", 'The URL is valid', 'The transport type matches the server'])
    expect(firstProblemStep(steps)).toBe(6)
  })

  it('takes in its config file: a parse error at line and column, the file-level findings, and the login shell for step 3', () => {
    const server = makeServer('a', { configPath: '/home/u/.cursor/mcp.json' })
    const configs = [{ client: 'cursor' as const, scope: 'user' as const, path: '/home/u/.cursor/mcp.json', exists: true, error: { message: 'Property name expected', line: 4, column: 3 } }]
    const globalFindings = [
      finding('config-wrong-key', 'error', 'VS Code reads "servers"', 'd', { evidence: { path: '/home/u/.cursor/mcp.json' } }),
      finding('config-wrong-key', 'error', 'Another file', 'd', { evidence: { path: '/elsewhere.json' } }),
      finding('login-shell-failed', 'warning', 'Your login shell took longer than 10 s', 'd')
    ]
    const steps = buildSteps(server, { configs, globalFindings })
    expect(steps[1]!.state).toBe('fail')
    expect(steps[1]!.checks[0]).toMatchObject({ state: 'fail', detail: 'line 4, column 3: Property name expected' })
    expect(steps[1]!.findings.map((f) => f.title)).toEqual(['VS Code reads "servers"'])
    expect(steps[2]!.findings.map((f) => f.code)).toEqual(['login-shell-failed'])
    expect(steps[2]!.state).toBe('warning')
  })

  it('a definition its client does not use warns in step 1; an edit made here asks for a restart in step 7', () => {
    const pending = makeServer('tickets', { scope: 'project', status: 'warning', effective: { state: 'unapproved', reason: 'Claude Code has not approved "tickets"' } })
    expect(buildSteps(pending)[0]).toMatchObject({ state: 'warning', summary: 'Claude Code has not approved "tickets"' })
    const steps = buildSteps(makeServer('notes'), { edited: true })
    expect(steps[6]).toMatchObject({ state: 'warning' })
    expect(steps[6]!.checks[0]!.detail).toContain('restart or reconnect Claude Code')
  })

  it('a server not started yet has nothing known past its config', () => {
    const pendingProbe = makeServer('x', { status: 'skipped', probe: undefined })
    expect(states(pendingProbe)).toMatchObject({ 2: 'pass', 3: 'unknown', 4: 'unknown' })
    expect(buildSteps(pendingProbe)[3]!.summary).toBe('Not checked yet: this server was not started.')
  })

  it('orders states and moves between neighbouring steps', () => {
    expect(worse('pass', 'fail')).toBe('fail')
    expect(worse('warning', 'unknown')).toBe('warning')
    expect(worse('na', 'pass')).toBe('pass')
    expect(neighbour(1, -1)).toBeUndefined()
    expect(neighbour(1, 1)).toBe(2)
    expect(neighbour(7, 1)).toBeUndefined()
  })
})

describe('env rows for step 5', () => {
  it('reads variable names out of JSON paths', () => {
    expect(envKeyOf('mcpServers.weather.env.API_KEY')).toBe('API_KEY')
    expect(envKeyOf('servers["my srv"].env["X-Y"]')).toBe('X-Y')
    expect(envKeyOf('mcpServers.weather.args[0]')).toBeUndefined()
    expect(envKeyOf(42)).toBeUndefined()
  })

  it('lists what the entry sets and what findings name, never a value', () => {
    const server = makeServer('w', {
      env: { API_KEY: '<redacted>', REGION: '<empty>', TOKEN: '<placeholder>', HOME_DIR: '<redacted>' },
      findings: [
        finding('env-unexpanded', 'error', '${HOME_DIR} is not expanded', 'd', { evidence: { jsonPath: 'mcpServers.w.env.HOME_DIR' } }),
        finding('env-missing', 'error', 'BRAVE_API_KEY is set in your terminal but not passed to the server', 'd', { evidence: { variables: ['BRAVE_API_KEY'] } }),
        finding('env-missing', 'error', 'SLACK_TEAM_ID is required', 'd', { evidence: { names: ['SLACK_TEAM_ID'] } })
      ]
    })
    expect(envRows(server).map((r) => [r.key, r.state, r.inEntry])).toEqual([
      ['API_KEY', 'set', true],
      ['REGION', 'empty', true],
      ['TOKEN', 'placeholder', true],
      ['HOME_DIR', 'unexpanded', true],
      ['BRAVE_API_KEY', 'shell-only', false],
      ['SLACK_TEAM_ID', 'missing', false]
    ])
  })
})

describe('the probe timeline', () => {
  it('lists the milestones in order and how the run ended', () => {
    expect(timeline({ outcome: 'ok', ms: 160, tools: 2, timings: { spawnMs: 5, initializeMs: 120, toolsListMs: 140 } }).map((m) => [m.ms, m.label])).toEqual([
      [5, 'process started'],
      [120, 'answered initialize'],
      [140, 'listed its tools'],
      [160, 'connected, 2 tools']
    ])
    expect(timeline({ outcome: 'exited', ms: 196, exitCode: 3, timings: { spawnMs: 6 } }).at(-1)).toEqual({ label: 'exited with code 3', ms: 196, state: 'fail' })
    expect(timeline({ outcome: 'timeout', ms: 30_000, timeoutMs: 30_000 }).at(-1)!.label).toBe('gave up waiting after 30.0 s')
    expect(timeline({ outcome: 'exited', ms: 10, signal: 'SIGKILL' }).at(-1)!.label).toBe('exited on SIGKILL')
  })
})

describe('keyboard movement', () => {
  it('moves with arrows, Home and End, and stays in bounds', () => {
    expect(moveIndex('ArrowDown', 0, 3)).toBe(1)
    expect(moveIndex('ArrowDown', 2, 3)).toBe(2)
    expect(moveIndex('ArrowUp', 0, 3)).toBe(0)
    expect(moveIndex('End', 0, 3)).toBe(2)
    expect(moveIndex('Home', 2, 3)).toBe(0)
    expect(moveIndex('ArrowRight', 0, 7, 'horizontal')).toBe(1)
    expect(moveIndex('ArrowDown', 0, 7, 'horizontal')).toBeUndefined()
    expect(moveIndex('a', 0, 3)).toBeUndefined()
    expect(moveIndex('ArrowDown', 0, 0)).toBeUndefined()
  })
})
