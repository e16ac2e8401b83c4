import { describe, expect, it } from 'vitest'
import { anonymizeReport, identityMasker, personalNames } from '../../../src/main/core/report/anonymize'
import { redactArgs, redactText } from '../../../src/main/core/report/redact'
import type { Report } from '../../../src/shared/report'

function reportWith(text: string, paths: string[]): Report {
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-02T10:00:00.000Z',
    tool: { name: 'mcp-medic', version: '1' },
    system: { platform: 'linux', arch: 'x64', release: '6', appPath: paths, loginShell: { shell: '/bin/zsh', ok: true, ms: 3 } },
    runtimes: [],
    configs: [],
    servers: [
      {
        id: 'claude-code:user:a:1',
        name: 'a',
        client: 'claude-code',
        scope: 'user',
        configPath: paths[0]!,
        transport: 'stdio',
        status: 'error',
        probe: { outcome: 'exited', ms: 5, stderrTail: text },
        findings: [{ code: 'process-exited', step: 4, severity: 'error', title: 'It exited', detail: `Basic authentication failed for ${paths[0]}`, evidence: { stderrTail: text } }]
      }
    ],
    findings: [],
    summary: { servers: 1, ok: 0, warning: 0, error: 1 }
  }
}

describe('anonymized exports', () => {
  it('shows the home folder as ~ and masks the user name as a whole word only', () => {
    const mask = identityMasker({ home: '/home/ann', user: 'ann', platform: 'linux' })
    expect(mask('/home/ann/.claude.json and /home/ann')).toBe('~/.claude.json and ~')
    expect(mask('/home/annex/x')).toBe('/home/annex/x')
    expect(mask('/srv/ann-work/app on ann-laptop, annotate')).toBe('/srv/<user>-work/app on <user>-laptop, annotate')
  })

  it('on Windows matches the home folder in any case and with either slash', () => {
    const mask = identityMasker({ home: 'C:\\Users\\Bob', user: 'Bob', platform: 'win32' })
    expect(mask('c:\\users\\bob\\.cursor\\mcp.json')).toBe('~\\.cursor\\mcp.json')
    expect(mask('C:/Users/Bob/AppData/Roaming')).toBe('~/AppData/Roaming')
    expect(mask('D:\\data\\bob\\x')).toBe('D:\\data\\<user>\\x')
  })

  it('leaves account names that are ordinary words alone', () => {
    expect(personalNames({ home: '/root', user: 'root', platform: 'linux' })).toEqual([])
    expect(identityMasker({ home: '/root', user: 'root', platform: 'linux' })('/root/x /usr/bin/node')).toBe('~/x /usr/bin/node')
    expect(personalNames({ home: '/Users/jsmith', user: 'jsm', platform: 'darwin' })).toEqual(['jsm', 'jsmith'])
    // Two letters would eat `node.js`.
    expect(personalNames({ home: '/Users/js', user: 'js', platform: 'darwin' })).toEqual([])
  })

  it('redacts token shapes everywhere and KEY=value in evidence, keeping the prose readable', () => {
    const stderr = 'Authorization: Bearer abcdef123456\nAPI_KEY=zzz-secret-zzz\ngot ghp_abcdefghijklmnopqrstuvwxyz0123'
    const out = anonymizeReport(reportWith(stderr, ['/home/ann/.claude.json']), { home: '/home/ann', user: 'ann', platform: 'linux' })
    const s = out.servers[0]!
    for (const text of [s.probe!.stderrTail!, s.findings[0]!.evidence!.stderrTail as string]) {
      expect(text).not.toMatch(/abcdef123456|zzz-secret-zzz|ghp_abc/)
      expect(text).toContain('API_KEY=<redacted>')
    }
    expect(s.findings[0]!.detail).toBe('Basic authentication failed for ~/.claude.json')
    expect(s.configPath).toBe('~/.claude.json')
  })

  it('redacting twice gives the same text (no doubled markers)', () => {
    const once = redactArgs(['https://x.example/hook?key=s3cret&x=1', '--token', 'abc'])
    expect(redactArgs(once)).toEqual(once)
    const text = `url ${once[0]} done`
    expect(redactText(text, [])).toBe(text)
    const out = anonymizeReport(reportWith(text, [`/h/${once[0]}`]), { home: '/h', platform: 'linux' })
    expect(JSON.stringify(out)).not.toContain('<redacted><redacted>')
  })
})
