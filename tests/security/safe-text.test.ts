import { describe, expect, it } from 'vitest'
import { neutralize, neutralizeDeep } from '../../src/shared/safe-text'

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

describe('neutralize', () => {
  it('drops colours and shows every other escape instead of obeying it', () => {
    expect(neutralize('\u001b[31mError\u001b[0m: boom')).toBe('Error: boom')
    expect(neutralize('\u001b[2J\u001b[Hcleared')).toBe('␛[2J␛[Hcleared')
    expect(neutralize('\u001b]52;c;cHduZWQ=\u0007')).toBe('␛]52;c;cHduZWQ=␇')
    expect(neutralize('\u009b2J')).toBe('\ufffd2J')
    expect(neutralize('abc\u202edcba')).toBe('abc\ufffddcba')
    expect(neutralize('nul\u0000del\u007f')).toBe('nul␀del␡')
  })

  it('keeps newlines and tabs, and turns carriage returns into line breaks so nothing is overwritten', () => {
    expect(neutralize('a\tb\nc')).toBe('a\tb\nc')
    expect(neutralize('visible\rOVERWRITTEN\r\nnext')).toBe('visible\nOVERWRITTEN\nnext')
  })

  it('leaves ordinary text alone, including non-Latin scripts and emoji', () => {
    const text = 'Ошибка: 文件不存在 — مرحبا 🚑 ok'
    expect(neutralize(text)).toBe(text)
  })

  it('neutralizes every string of a nested value, keys included, without touching the original', () => {
    const value = { a: ['\u001b[2J', { '\u001b]0;k\u0007': 'v\u0007' }], n: 1, z: null }
    const clean = neutralizeDeep(value)
    expect(JSON.stringify(clean)).not.toMatch(CONTROL)
    expect(clean).toEqual({ a: ['␛[2J', { '␛]0;k␇': 'v␇' }], n: 1, z: null })
    expect(value.a[0]).toBe('\u001b[2J')
    let deep: unknown = 'x\u001b'
    for (let i = 0; i < 50_000; i++) deep = [deep]
    expect(() => neutralizeDeep(deep)).not.toThrow()
  })
})
