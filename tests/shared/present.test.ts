import { describe, expect, it } from 'vitest'
import { formatMs, shortenHome, tildify } from '../../src/shared/present'

describe('present', () => {
  it('shortens the home folder wherever a path follows or the text ends, not inside a longer name', () => {
    expect(shortenHome('in /home/ann, at /home/ann/x and /home/anna/y; (/home/ann)', '/home/ann')).toBe('in ~, at ~/x and /home/anna/y; (~)')
    expect(shortenHome('/home/ann', undefined)).toBe('/home/ann')
    expect(tildify('/home/ann/.claude.json', '/home/ann')).toBe('~/.claude.json')
    expect(tildify('/home/anna/x', '/home/ann')).toBe('/home/anna/x')
    expect(tildify('C:\\Users\\ann\\.cursor\\mcp.json', 'C:\\Users\\ann')).toBe('~\\.cursor\\mcp.json')
  })

  it('formats durations for people', () => {
    expect(formatMs(140.4)).toBe('140 ms')
    expect(formatMs(2300)).toBe('2.3 s')
  })
})
