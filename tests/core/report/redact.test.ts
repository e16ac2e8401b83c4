import { describe, expect, it } from 'vitest'
import { displayEnvValue, maskExcerpt, redactArgs, redactText, redactUrl, replaceSecrets } from '../../../src/main/core/report/redact'
import { entrySecrets, scrubDeep } from '../../../src/main/core/report/build'

describe('redaction', () => {
  it('shows env values as set, empty or placeholder, never the value', () => {
    expect(displayEnvValue('ghp_realtoken')).toBe('<redacted>')
    expect(displayEnvValue('  ')).toBe('<empty>')
    for (const p of ['your_api_key_here', '<TOKEN>', 'xxx', 'YOUR-KEY', 'changeme']) {
      expect(displayEnvValue(p), p).toBe('<placeholder>')
    }
  })

  it('redacts secret flags in both spellings, and URLs inside args', () => {
    expect(redactArgs(['--api-key=abc123', '--token', 'tok_999', '--port', '8080', '-y', 'pkg'])).toEqual([
      '--api-key=<redacted>',
      '--token',
      '<redacted>',
      '--port',
      '8080',
      '-y',
      'pkg'
    ])
    expect(redactArgs(['https://x.com/sse?key=s3cr3t'])).toEqual(['https://x.com/sse?key=<redacted>'])
    expect(redactArgs(['GITHUB_TOKEN=ghp_abc'])).toEqual(['GITHUB_TOKEN=<redacted>'])
  })

  it('redacts URL userinfo and query values and keeps plain URLs as written', () => {
    expect(redactUrl('https://u:p@host:8443/mcp?a=1&b=2')).toBe('https://<redacted>@host:8443/mcp?a=<redacted>&b=<redacted>')
    expect(redactUrl('http://127.0.0.1:3000/mcp')).toBe('http://127.0.0.1:3000/mcp')
    expect(redactUrl('not a url')).toBe('not a url')
  })

  it('redacts known values, token shapes and key=value pairs in free text', () => {
    const text = redactText(
      'auth with s3cretvalue failed; Authorization: Bearer abcdefghijk123; key sk-ant-abcdefghijklmnopqrst; API_KEY=zzz; {"password": "pw1"}; port=80',
      ['s3cretvalue']
    )
    expect(text).not.toMatch(/s3cretvalue|abcdefghijk123|sk-ant-abcdef|zzz|pw1/)
    expect(text).toContain('port=80')
    expect(text).toContain('Bearer <redacted>')
  })

  it('a KEY=value inside brackets loses its value and keeps the brackets that close it', () => {
    const text = redactText('started (API_KEY=abc123def) with [TOKEN=q9w8e7], {SECRET=x)y}', [])
    expect(text).toBe('started (API_KEY=<redacted>) with [TOKEN=<redacted>], {SECRET=<redacted>}')
  })
})

describe('maskExcerpt', () => {
  it('masks quoted values of a broken line, keeps keys, the caret position and the string the error is in', () => {
    const line = '    "env": { "API": "abc123secretvalue" "X": "1" },'
    const caret = `${' '.repeat(line.indexOf('"X"'))}^`
    const out = maskExcerpt(`${line}\n${caret}`)
    const [shown, shownCaret] = out.split('\n')
    expect(shown).toBe('    "env": { "API": "•••••••••••••••••" "X": "•" },')
    expect(shownCaret).toBe(caret)
    expect(shown!.length).toBe(line.length)
    expect(maskExcerpt('"args": ["C:\\temp"]\n          ^')).toBe('"args": ["C:\\temp"]\n          ^')
    expect(maskExcerpt("token = 'ghp_abcdefghijklmnopqrstuvwxyz'\n^")).not.toContain('ghp_')
  })
})

describe('token words in prose', () => {
  it('redacts what follows Bearer, but keeps challenge parameters and ordinary words after Basic and Token', () => {
    expect(redactText('Authorization: Bearer abc.def-123456', [])).toBe('Authorization: Bearer <redacted>')
    expect(redactText('www-authenticate: Bearer realm="fixture", error="invalid_token"', [])).toBe('www-authenticate: Bearer realm="fixture", error="invalid_token"')
    expect(redactText('Basic authentication failed; Token required.', [])).toBe('Basic authentication failed; Token required.')
    expect(redactText('Basic dXNlcjpwYXNzd29yZA== and Token 9f8e7d6c5b4a', [])).toBe('Basic <redacted> and Token <redacted>')
  })
})

describe('known secret values', () => {
  it('replaces a short word-like value only as a whole word, a long one anywhere', () => {
    expect(replaceSecrets('exited with code 1 (HOSTILE_MODE=exit)', ['exit'])).toBe('exited with code 1 (HOSTILE_MODE=<redacted>)')
    expect(replaceSecrets('stdout-pollution: wrote to stdout', ['stdout'])).toBe('<redacted>-pollution: wrote to <redacted>')
    expect(replaceSecrets('key=abcdefghijklmnop, glued:xabcdefghijklmnopx', ['abcdefghijklmnop'])).toBe('key=<redacted>, glued:x<redacted>x')
    expect(replaceSecrets('pass: p@ss!w0rd.', ['p@ss!w0rd.'])).toBe('pass: <redacted>')
  })

  it('scrubs free text everywhere but never the codes, ids and states the engine chose', () => {
    const scrubbed = scrubDeep(
      { code: 'stdout-pollution', status: 'error', title: 'printed stdout', evidence: { line: 'stdout banner' } },
      ['stdout']
    )
    expect(scrubbed).toEqual({ code: 'stdout-pollution', status: 'error', title: 'printed <redacted>', evidence: { line: '<redacted> banner' } })
  })

  it('a value that is only a variable reference is not a secret; a value that holds one is', () => {
    const entry = {
      env: { A: '${GITHUB_TOKEN}', B: '${env:API_KEY}', C: '$HOME_TOKEN', D: 'prefix-${X}-s3cr3tvalue', E: 'plainsecret' },
      headers: { Authorization: 'Bearer ${TOKEN}' }
    } as unknown as Parameters<typeof entrySecrets>[0]
    expect(entrySecrets(entry).sort()).toEqual(['Bearer ${TOKEN}', 'plainsecret', 'prefix-${X}-s3cr3tvalue'])
  })
})
