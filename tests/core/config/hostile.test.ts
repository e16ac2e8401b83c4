import { execFileSync, spawn } from 'node:child_process'
import { chmod, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Finding } from '../../../src/shared/findings'
import { MAX_NESTING } from '../../../src/main/core/config/nesting'
import { readConfig } from '../../../src/main/core/config/read'
import { diagnose, discoverAll } from '../../../src/main/core/diagnose/run'
import { makeHome, type TempHome } from '../../helpers/home'

/**
 * Hostile config files, each a real file in a temp home: each must give a clear finding, quickly
 * (a hang shows as the test's timeout), and never hide another file's servers.
 */

let t: TempHome
beforeEach(async () => {
  t = await makeHome()
  // the bystanders: another client's file, a Claude Code project file, a TOML and a YAML file
  await t.write('.cursor/mcp.json', { mcpServers: { 'cursor-ok': { command: 'node', args: ['/srv/a.js'] } } })
  await t.write('project/.mcp.json', { mcpServers: { 'project-ok': { command: 'node', args: ['/srv/b.js'] } } })
  await t.write('.codex/config.toml', '[mcp_servers.codex-ok]\ncommand = "node"\nargs = ["/srv/c.js"]\n')
  await t.write('.config/goose/config.yaml', 'extensions:\n  goose-ok:\n    type: stdio\n    cmd: node\n    args: [/srv/d.js]\n    enabled: true\n')
})
afterEach(async () => {
  await t.cleanup()
})

const BYSTANDERS = ['cursor-ok', 'project-ok', 'codex-ok', 'goose-ok']

async function discover(): Promise<{ names: string[]; findings: Finding[] }> {
  const found = await discoverAll(t.context({ cwd: path.join(t.home, 'project') }), {})
  return { names: found.servers.map((s) => s.name), findings: found.findings }
}

/** The one finding about `file`, which must be an error naming it. */
function findingFor(findings: Finding[], file: string): Finding {
  const about = findings.filter((f) => f.evidence?.path === file)
  expect(about, `one finding about ${file}`).toHaveLength(1)
  expect(about[0]!.severity).toBe('error')
  return about[0]!
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

describe('hostile config files', () => {
  it('reads a 10 MB ~/.claude.json (years of project history) and lists its servers', async () => {
    const projects: Record<string, unknown> = {}
    // a few hundred projects with long histories (every project folder is searched, so not 20,000)
    for (let i = 0; i < 200; i++) {
      const history = Array.from({ length: 100 }, (_, k) => ({ display: `prompt ${k} ${'x'.repeat(500)}`, pastedContents: {} }))
      projects[path.join(t.home, 'src', `p${i}`)] = { allowedTools: [], history, mcpServers: {} }
    }
    const file = await t.write('.claude.json', { mcpServers: { 'claude-ok': { command: 'node', args: ['/srv/e.js'] } }, projects })
    expect((await stat(file)).size).toBeGreaterThan(10 * 1000 * 1000)
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(['claude-ok', ...BYSTANDERS]))
    expect(findings.filter((f) => f.evidence?.path === file)).toEqual([])
  }, 60_000)

  it('reports 10 MB of binary garbage with a short, printable excerpt', async () => {
    const bytes = Buffer.alloc(10 * 1024 * 1024)
    // deterministic noise with every byte value, escape sequences included
    let x = 0x9e3779b9
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      bytes[i] = x & 0xff
    }
    bytes.write('{"a": \u001b[2J\u001b]52;c;cHduZWQ=\u0007', 0, 'latin1')
    const file = path.join(t.home, '.claude.json')
    await writeFile(file, bytes)
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
    const f = findingFor(findings, file)
    expect(f.code).toBe('config-invalid-json')
    expect(f.evidence).toMatchObject({ line: 1, column: 7 })
    const excerpt = String(f.evidence!.excerpt)
    expect(excerpt.length).toBeLessThan(400)
    expect(excerpt).not.toMatch(CONTROL)
    expect(excerpt).toContain('␛[2J')
  }, 60_000)

  it.each([
    ['JSON', '.claude.json', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
    ['JSON arrays', '.claude.json', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['TOML inline arrays', '.codex/config.toml', (n: number) => `a = ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['TOML dotted table', '.codex/config.toml', (n: number) => `[${Array.from({ length: n }, () => 'a').join('.')}]\nb = 1\n`],
    ['YAML flow', '.config/goose/config.yaml', (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['YAML block sequences', '.config/goose/config.yaml', (n: number) => `a:\n  ${'- '.repeat(n)}x\n`]
  ])('refuses %s nested 10,000 deep and lists every other server', async (_kind, relative, make) => {
    const file = await t.write(relative, make(10_000))
    const { names, findings } = await discover()
    const f = findingFor(findings, file)
    expect(f.code).toBe('config-unreadable')
    expect(f.title).toBe(`${file} is nested too deeply to read`)
    expect(f.detail).toContain(`Nested more than ${MAX_NESTING} levels deep`)
    const others = BYSTANDERS.filter((n) => !(relative.includes('codex') && n === 'codex-ok') && !(relative.includes('goose') && n === 'goose-ok'))
    expect(names).toEqual(expect.arrayContaining(others))
    expect(findings.join('')).not.toContain('call stack')
  }, 60_000)

  it('points at the bracket that goes one level too deep', async () => {
    const file = await t.write('.claude.json', `{\n  "mcpServers": ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}\n}`)
    const read = await readConfig(file, 'claude-code', 'user', 'json')
    expect(read.state).toBe('unusable')
    expect(read.report.error).toMatchObject({ line: 2, column: 18 + MAX_NESTING - 2 })
    // one level less is an ordinary (if odd) file
    await t.write('.claude.json', `${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`)
    expect((await readConfig(file, 'claude-code', 'user', 'json')).state).toBe('ok')
  })

  it('reports a symlink loop', async () => {
    const file = path.join(t.home, '.claude.json')
    await symlink(path.join(t.home, 'loop-b'), path.join(t.home, 'loop-a'))
    await symlink(path.join(t.home, 'loop-a'), path.join(t.home, 'loop-b'))
    await symlink(path.join(t.home, 'loop-a'), file)
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
    const f = findingFor(findings, file)
    expect(f).toMatchObject({ code: 'config-unreadable', evidence: { errno: 'ELOOP' } })
    expect(f.detail).toContain('symbolic link that leads back to itself')
  })

  it.skipIf(process.platform === 'win32')('reports a FIFO in place of the file instead of waiting for a writer', async () => {
    const file = path.join(t.home, '.claude.json')
    execFileSync('mkfifo', [file])
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
    expect(findingFor(findings, file).detail).toContain('is a named pipe (FIFO), not a file')
    // the whole diagnosis, login shell and all, comes back too
    const report = await diagnose(t.context({ cwd: path.join(t.home, 'project') }), { probe: false, shellTimeoutMs: 5_000 })
    expect(report.configs.find((c) => c.path === file)?.error?.message).toContain('named pipe')
  }, 30_000)

  it.skipIf(process.platform === 'win32')('reports a device in place of the file without reading it forever', async () => {
    const file = path.join(t.home, '.claude.json')
    await symlink('/dev/zero', file)
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
    expect(findingFor(findings, file).detail).toContain('is a device, not a file')
  })

  it('reports a folder in place of the file', async () => {
    const file = path.join(t.home, '.claude.json')
    await t.write('.claude.json/inside', 'x')
    const { findings } = await discover()
    expect(findingFor(findings, file).detail).toContain('is a folder, not a file')
  })

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('reports a file it may not read (as a user; e2e/hostile.spec.ts runs this as nobody when root)', async () => {
    const file = await t.write('.claude.json', { mcpServers: {} })
    await chmod(file, 0)
    const { names, findings } = await discover()
    expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
    expect(findingFor(findings, file)).toMatchObject({ code: 'config-unreadable', evidence: { errno: 'EACCES' } })
  })

  it('never fails on a file that appears and vanishes while the configs are read', async () => {
    // A child flips VS Code's profile file in and out of existence as fast as it can, while the
    // discovery lists the profiles folder and reads what it found.
    const profile = await t.write('.config/Code/User/profiles/p1/mcp.json', { servers: { flicker: { command: 'node', args: ['/srv/f.js'] } } })
    const flipper = spawn(process.execPath, ['-e', `const fs=require('fs');const f=${JSON.stringify(profile)};const d=require('path').dirname(f);const s=fs.readFileSync(f);for(;;){try{fs.rmSync(d,{recursive:true,force:true});fs.mkdirSync(d,{recursive:true});fs.writeFileSync(f,s)}catch{}}`], { stdio: 'ignore' })
    try {
      for (let i = 0; i < 40; i++) {
        const { names, findings } = await discover()
        expect(names).toEqual(expect.arrayContaining(BYSTANDERS))
        // caught mid-write, the file may be empty or half there: a parse finding, never a crash
        const about = findings.filter((f) => String(f.evidence?.path ?? '').includes('profiles'))
        for (const f of about) expect(['config-invalid-json', 'config-unreadable']).toContain(f.code)
        // and VS Code's discovery as a whole never gave up
        expect(findings.filter((f) => f.title.includes('configs could not be read'))).toEqual([])
      }
    } finally {
      flipper.kill('SIGKILL')
    }
  }, 60_000)
})

describe('the excerpt of a very long line', () => {
  it('is cut around the column without ever showing part of a value unmasked', async () => {
    // one minified line, the error between two long secrets that the window cuts in two
    const a = `alpha-${'a1'.repeat(150)}`
    const b = `bravo-${'b2'.repeat(70)}\\"${'b3'.repeat(80)}`
    const text = `{ "mcpServers": { "x": { "env": { "A": "${a}", "BROKEN" "v", "B": "${b}" } } } }`
    const file = await t.write('.mcp.json', text)
    const { findings } = await discoverAll(t.context(), {})
    const f = findings.find((x) => x.evidence?.path === file)!
    const [line, caret] = String(f.evidence!.excerpt).split('\n') as [string, string]
    expect(line.length).toBeLessThan(200)
    expect(line).toMatch(/^….*…$/)
    // the caret still points at the error: the string after the missing colon
    expect(line.slice(caret.indexOf('^'))).toMatch(/^"v"/)
    expect(line).not.toMatch(/a1|b2|b3/)
  })
})
