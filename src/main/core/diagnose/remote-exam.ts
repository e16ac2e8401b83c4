import { readFile } from 'node:fs/promises'
import { mergeFindings, type Finding } from '../../../shared/findings'
import type { ServerReport } from '../../../shared/report'
import { clientEnvFor, expandEntry } from '../clients/launch'
import type { ServerEntry } from '../clients/types'
import type { EngineContext } from '../context'
import type { LoginShellResult } from '../env/login-shell'
import { probeDeadline, probeTimeout } from '../probe/limits'
import { probeRemote } from '../probe/remote'
import { probeFromRemote } from '../probe/to-report'
import { entrySecrets, scrubDeep, toServerReport } from '../report/build'
import type { ExamineOptions } from './examine'
import { remoteFindings } from './rules/remote'

/**
 * A remote (http/sse) entry, start to verdict: probe it the way its client reaches it (configured
 * headers sent, the client's NODE_EXTRA_CA_CERTS trusted, the references it expands in the URL and
 * headers expanded from its own environment), then read the evidence with the remote rules.
 * `findings` are the entry's own findings so far.
 */
export async function examineRemote(
  ctx: EngineContext,
  entry: ServerEntry,
  findings: Finding[],
  options: ExamineOptions,
  loginShell?: LoginShellResult
): Promise<ServerReport> {
  const timeoutMs = probeTimeout(entry.launch.timeoutMs, options.timeoutMs)
  const expanded = expandEntry(entry, clientEnvFor(entry, ctx, loginShell).env, ctx)
  const secrets = [...entrySecrets(entry), ...expanded.facts.secrets]
  const evidence = await probeRemote({
    url: expanded.url ?? entry.url!,
    transport: entry.transport === 'sse' ? 'sse' : 'http',
    headers: expanded.headers,
    timeoutMs,
    deadline: probeDeadline(timeoutMs),
    secrets,
    extraCa: await extraCa(ctx.env.NODE_EXTRA_CA_CERTS)
  })
  const all = mergeFindings(findings, remoteFindings(entry, evidence))
  return scrubDeep(toServerReport(entry, all, probeFromRemote(evidence, secrets, entry.launch.timeoutMs)), expanded.facts.secrets)
}

/** The extra CA file a Node-based client would trust, when it is set and readable. */
async function extraCa(file: string | undefined): Promise<{ file: string; pem: string } | undefined> {
  if (!file) return undefined
  try {
    return { file, pem: await readFile(file, 'utf8') }
  } catch {
    return undefined
  }
}
