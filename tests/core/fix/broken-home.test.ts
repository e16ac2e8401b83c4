import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers, type Handlers } from '../../../src/main/core/api/handlers'
import type { FixAction } from '../../../src/shared/fix-action'
import type { Finding } from '../../../src/shared/findings'
import type { Report, ServerReport } from '../../../src/shared/report'
import { buildBrokenHome, type BrokenHome } from '../../fixtures/homes/broken-home'

/**
 * The broken-home corpus (tests/fixtures/homes): every finding there that one click should fix
 * gets an action the engine carries out itself (an edit or chmod, not a page or a command to
 * copy, and no value to type), and carrying it out works: the server re-tests to green (the
 * warning's code gone), and undo puts the file back byte for byte and the failure with it.
 */

let home: BrokenHome
let handlers: Handlers
let report: Report
beforeAll(async () => {
  home = await buildBrokenHome()
  handlers = createHandlers({ context: () => home.context(), dataDir: path.join(home.home, 'medic-data') })
  report = await call<Report>('diagnose:run', { ...home.options })
}, 120_000)
afterAll(async () => {
  await home?.cleanup()
})

async function call<T>(channel: Parameters<typeof dispatch>[1], request: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, request, { emit: () => {} })
  if (!result.ok) throw new Error(`${String(channel)}: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

/** One click: an edit or chmod whose value, if any, the engine finds itself. */
function oneClick(f: Finding | undefined): FixAction | undefined {
  const a = f?.fix?.action
  if (!a || a.kind === 'open-url' || a.kind === 'copy') return undefined
  if (a.kind === 'edit' && a.value?.from === 'input') return undefined
  return a
}

async function bytes(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch(() => undefined)
}

describe('one-click fixes on the broken home', () => {
  it('offers one for every finding the corpus says one click fixes', () => {
    const missing: string[] = []
    for (const want of home.servers.filter((s) => s.oneClickFix)) {
      const s = report.servers.find((x) => x.client === want.client && x.name === want.name)
      if (!oneClick(s?.findings.find((f) => f.code === want.code))) missing.push(`${want.client}/${want.name} (${want.code}): ${JSON.stringify(s?.findings.find((f) => f.code === want.code)?.fix ?? null)}`)
    }
    for (const want of home.files.filter((f) => f.oneClickFix)) {
      if (!oneClick(report.findings.find((f) => f.code === want.code && f.evidence?.path === want.path))) missing.push(`${want.path} (${want.code})`)
    }
    expect(missing).toEqual([])
  })

  it('carries each of them out: re-tested to green, then undone back to the failure, the file byte for byte', async () => {
    const failures: string[] = []
    for (const want of home.servers.filter((s) => s.oneClickFix)) {
      const before = report.servers.find((x) => x.client === want.client && x.name === want.name)!
      const action = oneClick(before.findings.find((f) => f.code === want.code))!
      const preview = await call<{ configPath?: string; expectedHash?: string }>('fix:preview', { serverId: before.id, actionId: action.id })
      const file = action.kind === 'chmod' ? action.path : preview.configPath!
      const original = await bytes(file)
      const applied = await call<{ backupId: string; serverId: string; after: { status: string; codes: string[] }; server: ServerReport }>('fix:apply', { serverId: before.id, actionId: action.id, expectedHash: preview.expectedHash })
      const green = applied.after.status === 'ok' && !applied.after.codes.includes(want.code!)
      if (!green) failures.push(`${want.client}/${want.name}: after ${action.id}: ${applied.after.status} ${applied.after.codes.join(', ')} — ${applied.server.findings[0]?.title ?? ''}`)
      const undone = await call<{ after: { status: string; codes: string[] } }>('fix:undo', { backupId: applied.backupId, serverId: applied.serverId })
      if (!undone.after.codes.includes(want.code!)) failures.push(`${want.client}/${want.name}: after the undo ${undone.after.codes.join(', ')}`)
      if (action.kind !== 'chmod' && !(await bytes(file))?.equals(original ?? Buffer.alloc(0)) && original !== undefined) failures.push(`${file} not restored`)
      if (original === undefined && (await bytes(file)) !== undefined) failures.push(`${file} left behind`)
    }
    for (const want of home.files.filter((f) => f.oneClickFix)) {
      const finding = report.findings.find((f) => f.code === want.code && f.evidence?.path === want.path)!
      const original = await bytes(want.path)
      const applied = await call<{ backupId: string; serverId: string; servers?: ServerReport[] }>('fix:apply', { serverId: want.path, actionId: finding.fix!.action!.id })
      const bad = (applied.servers ?? []).filter((s) => s.status === 'error')
      if (bad.length > 0 || !applied.servers?.length) failures.push(`${want.path}: servers after the rename: ${(applied.servers ?? []).map((s) => `${s.name} ${s.status}`).join(', ') || 'none'}`)
      await call('fix:undo', { backupId: applied.backupId, serverId: applied.serverId })
      if (!(await bytes(want.path))?.equals(original!)) failures.push(`${want.path} not restored`)
    }
    expect(failures).toEqual([])
    // the corpus has one-click fixes of every kind: copies from the login shell and another entry, paths, a split, an approval, chmod, a key
    expect(home.servers.filter((s) => s.oneClickFix).length + home.files.filter((f) => f.oneClickFix).length).toBeGreaterThanOrEqual(8)
  }, 300_000)
})
