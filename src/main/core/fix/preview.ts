import { dialectFor } from '../clients/dialects'
import { unifiedDiff } from '../config/diff'
import { secretTexts, maskText } from '../config/secrets'
import type { PreparedEdit } from '../config/service'

/**
 * The diff of a prepared edit as it may be shown: made from the real texts (so a changed secret
 * still shows as a changed line), then every line masked, with the secrets of every entry the
 * file holds before and after the edit, plus `extra` (a value the edit writes).
 */
export function maskedDiff(prepared: PreparedEdit, extra: readonly string[] = []): string {
  const secrets = [...fileSecrets(prepared), ...extra]
  const diff = unifiedDiff(prepared.before, prepared.after, { path: prepared.configPath })
  return diff
    .split('\n')
    .map((line) => maskText(line, secrets))
    .join('\n')
}

/** The secret values of every server in the edited file, and of the entry as the edit leaves it. */
export function fileSecrets(prepared: PreparedEdit): string[] {
  const here = prepared.discovery.servers.filter((s) => s.configPath === prepared.configPath)
  const before = here.flatMap((s) => secretTexts(s.raw, dialectFor(s.client, s.location?.format)))
  const after = prepared.entry ? secretTexts(prepared.entry, dialectFor(prepared.client, prepared.format)) : []
  return [...before, ...after]
}
