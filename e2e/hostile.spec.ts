import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { CLI, userEnv } from './helpers'

/**
 * Hostile homes through the built CLI: the cases that used to crash or hang it, each run as a
 * user would, with a deadline a hang would blow.
 */

const SERVERS = path.join(__dirname, '..', 'tests/fixtures/servers')

function home(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-medic-hostile-'))
  mkdirSync(path.join(dir, '.cursor'), { recursive: true })
  writeFileSync(path.join(dir, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { bystander: { command: process.execPath, args: [path.join(SERVERS, 'healthy.mjs')] } } }))
  chmodSync(dir, 0o755)
  return dir
}

function run(dir: string, args: string[], extra: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...userEnv(dir), ...extra.env }, encoding: 'utf8', timeout: 60_000, uid: extra.uid, gid: extra.gid })
}

test('a 20,000-deep ~/.claude.json is one finding; every other client still lists its servers', () => {
  const dir = home()
  try {
    writeFileSync(path.join(dir, '.claude.json'), `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`)
    const result = run(dir, ['diagnose', '--json', '--no-probe'])
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.servers.map((s: { name: string }) => s.name)).toEqual(['bystander'])
    expect(JSON.stringify(report)).not.toContain('call stack')
    expect(report.findings.filter((f: { title: string }) => /nested too deeply/.test(f.title))).toHaveLength(1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a FIFO at ~/.claude.json does not make diagnose --no-probe wait for a writer', () => {
  test.skip(process.platform === 'win32', 'no FIFOs at ordinary paths on Windows')
  const dir = home()
  try {
    execFileSync('mkfifo', [path.join(dir, '.claude.json')])
    const result = run(dir, ['diagnose', '--no-probe'])
    expect(result.error, 'the CLI ended by itself').toBeUndefined()
    expect(result.stdout).toContain('is a named pipe (FIFO), not a file')
    expect(result.stdout).toMatch(/bystander\s+Cursor/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a config the user may not read is reported as such', () => {
  test.skip(process.platform === 'win32', 'POSIX permissions')
  const dir = home()
  try {
    const file = path.join(dir, '.claude.json')
    writeFileSync(file, JSON.stringify({ mcpServers: { hidden: { command: 'x' } } }))
    chmodSync(file, 0)
    // root reads anything: run the CLI as nobody, owner of the rest of the home
    const asRoot = process.getuid?.() === 0
    if (asRoot) {
      chownSync(dir, 65534, 65534)
      for (const f of ['.cursor', '.cursor/mcp.json']) chownSync(path.join(dir, f), 65534, 65534)
    }
    const result = run(dir, ['diagnose', '--json', '--no-probe'], asRoot ? { uid: 65534, gid: 65534 } : {})
    const report = JSON.parse(result.stdout)
    expect(report.servers.map((s: { name: string }) => s.name)).toEqual(['bystander'])
    const f = report.findings.find((x: { evidence?: { path?: string } }) => x.evidence?.path === file)
    expect(f).toMatchObject({ code: 'config-unreadable', evidence: { errno: 'EACCES' } })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test("a server's escape sequences never reach the terminal, with or without colour", () => {
  const dir = home()
  try {
    writeFileSync(path.join(dir, '.claude.json'), JSON.stringify({ mcpServers: { hostile: { command: process.execPath, args: [path.join(SERVERS, 'hostile-escapes.mjs')] } } }))
    for (const env of [{ FORCE_COLOR: '1' }, { NO_COLOR: '1' }]) {
      const result = run(dir, ['diagnose', '--timeout', '5000'], { env })
      expect(result.stdout).toContain('hostile')
      expect(result.stdout).toContain('␛[2J')
      // eslint-disable-next-line no-control-regex
      expect(result.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    }
    const md = run(dir, ['report', '--format', 'md', '--timeout', '5000'])
    // eslint-disable-next-line no-control-regex
    expect(md.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
