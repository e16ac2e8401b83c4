import { describe, expect, it } from 'vitest'
import { finding, mergeFindings, sortFindings } from '../../src/shared/findings'

describe('findings', () => {
  it('take their step from the code table', () => {
    expect(finding('process-exited', 'error', 't', 'd').step).toBe(4)
    expect(finding('config-invalid-json', 'error', 't', 'd').step).toBe(2)
  })

  it('sort most severe first, then by step', () => {
    const sorted = sortFindings([finding('stdout-pollution', 'warning', 'a', ''), finding('process-exited', 'error', 'b', ''), finding('relative-path', 'error', 'c', '')])
    expect(sorted.map((f) => f.code)).toEqual(['relative-path', 'process-exited', 'stdout-pollution'])
  })

  it('merge one per code: a more severe later finding replaces, a tie keeps the first', () => {
    const hint = finding('transport-mismatch', 'warning', 'hint', '')
    const proof = finding('transport-mismatch', 'error', 'proof', '')
    expect(mergeFindings([hint], [proof]).map((f) => f.title)).toEqual(['proof'])
    const staticCwd = finding('cwd-not-found', 'error', 'config', '')
    const probeCwd = finding('cwd-not-found', 'error', 'probe', '')
    expect(mergeFindings([staticCwd], [probeCwd, finding('process-exited', 'error', 'x', '')]).map((f) => f.title)).toEqual(['config', 'x'])
  })
})
