import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnose } from '../../src/main/core/diagnose/run'
import type { Report, ServerReport } from '../../src/shared/report'
import { buildBrokenHome, type BrokenHome } from '../fixtures/homes/broken-home'

/**
 * The broken-home corpus, diagnosed as a user would: every broken server named by the right
 * code (and by one error only), every healthy one without a single finding, the broken files
 * reported. The corpus itself is the contract other tests reuse (fix actions, the e2e walk,
 * sample reports).
 */

let home: BrokenHome
let report: Report
const byKey = new Map<string, ServerReport>()

beforeAll(async () => {
  home = await buildBrokenHome()
  report = await diagnose(home.context(), home.options)
  for (const s of report.servers) byKey.set(`${s.client}/${s.name}`, s)
}, 90_000)

afterAll(async () => {
  await home?.cleanup()
})

describe('the broken home', () => {
  it('is big enough: at least fifteen broken servers across five clients, real npm servers among them, and healthy ones', () => {
    const broken = home.servers.filter((s) => s.severity === 'error')
    expect(new Set(broken.map((s) => s.code)).size).toBeGreaterThanOrEqual(15)
    expect(new Set(broken.map((s) => s.client)).size).toBeGreaterThanOrEqual(5)
    expect(broken.filter((s) => s.npm).length).toBeGreaterThanOrEqual(5)
    expect(home.servers.filter((s) => !s.code).length).toBeGreaterThanOrEqual(3)
    expect(report.servers.length).toBe(home.servers.length)
  })

  it('names every broken server by its code, with that one error', () => {
    const wrong: string[] = []
    for (const want of home.servers.filter((s) => s.code)) {
      const got = byKey.get(`${want.client}/${want.name}`)
      const codes = got?.findings.filter((f) => f.severity === want.severity).map((f) => f.code) ?? []
      const errors = got?.findings.filter((f) => f.severity === 'error').map((f) => f.code) ?? []
      const ok = want.severity === 'error' ? errors.length === 1 && errors[0] === want.code : errors.length === 0 && codes.includes(want.code!)
      if (!ok) wrong.push(`${want.client}/${want.name}: want ${want.code}/${want.severity}, got ${got ? got.findings.map((f) => `${f.code}/${f.severity}`).join(', ') || 'nothing' : 'no such server'}`)
    }
    expect(wrong).toEqual([])
  })

  it('gives no healthy server a finding', () => {
    for (const want of home.servers.filter((s) => !s.code)) {
      expect(byKey.get(`${want.client}/${want.name}`), `${want.client}/${want.name}`).toMatchObject({ status: 'ok', findings: [] })
    }
  })

  it('reports the broken files', () => {
    for (const file of home.files) {
      expect(report.findings.some((f) => f.code === file.code && JSON.stringify(f.evidence).includes(file.path)), `${file.code} ${file.path}`).toBe(true)
    }
  })

  it('keeps every secret of the home out of the report', () => {
    expect(JSON.stringify(report)).not.toMatch(/BSA-from-the-profile|fc-from-the-profile|pg-secret-0003|fixture-key-0004|BSA-in-cursor/)
  })
})
