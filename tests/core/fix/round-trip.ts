import { readFile, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { expect } from 'vitest'
import type { FixOutcome, FixPreview } from '../../../src/shared/fix'
import type { Engine } from './helpers'

export interface RoundTrip {
  preview: FixPreview
  applied: FixOutcome
  undone: FixOutcome
}

/**
 * One fix the way the app carries it out: preview (a diff for an edit, words to confirm for
 * chmod), apply with the preview's hash, then undo. Checks that the undo puts the file back byte
 * for byte (and its mode). `expectAfter` runs on the applied outcome, before the undo.
 */
export async function roundTrip(
  e: Engine,
  target: { serverId: string; actionId: string; input?: string },
  file: string,
  expectAfter: (applied: FixOutcome) => void | Promise<void>
): Promise<RoundTrip> {
  // a file the fix creates (an approval in a new settings file) is gone again after the undo
  const original = await readFile(file).catch(() => undefined)
  const mode = original && (await stat(file)).mode
  const preview = await e.call('fix:preview', target)
  // nothing is written by a preview
  expect(await readFile(file).catch(() => undefined)).toEqual(original)
  const applied = await e.call('fix:apply', { ...target, expectedHash: preview.expectedHash })
  expect(applied.backupId).toBeTruthy()
  await expectAfter(applied)
  const undone = await e.call('fix:undo', { backupId: applied.backupId!, serverId: applied.serverId })
  expect(await readFile(file).catch(() => undefined)).toEqual(original)
  expect(await stat(file).then((s: Stats) => s.mode, () => undefined)).toBe(mode)
  expect(undone.before).toEqual(applied.after)
  return { preview, applied, undone }
}
