import type { Finding } from '../../../shared/findings'
import { CLIENT_NAMES, type ClientId, type ConfigReport, type Scope } from '../../../shared/report'
import type { ConfigFormat } from '../config/formats'
import type { EngineContext } from '../context'
import { isActive, markActive, resolveByName } from './effective'
import type { DialectSpec } from './normalize'
import { checkWrongKey, collectServers, scanFile, type ScannedFile } from './scan'
import { unreadFiles } from './strays'
import type { Discovery, ServerEntry } from './types'

/** One file of a client, as the generic reader needs it. */
export interface ClientFile {
  scope: Scope
  path: string
  format: ConfigFormat
  /** keys to the servers object; default `["mcpServers"]` */
  container?: string[]
  project?: string
  readOnly?: string
  note?: string
  /** list the file in the map even when it does not exist (the user-level files) */
  listWhenMissing?: boolean
}

export interface ClientPlan {
  client: ClientId
  files: ClientFile[]
  dialect: DialectSpec
  projects: string[]
  /** same-name precedence: higher wins; omit when definitions never shadow each other */
  rank?: (entry: ServerEntry) => number
  /** client-specific states and checks after every file is read */
  after?: (servers: ServerEntry[], files: ScannedFile[], findings: Finding[]) => void | Promise<void>
  /** the reason shown for an active definition */
  activeReason?: string
}

/**
 * Reads a client's files in order, collects every server in its dialect, applies the client's
 * own states and same-name precedence, and looks for config files it never reads. A broken file
 * is reported and never hides the others.
 */
export async function discoverClient(ctx: EngineContext, plan: ClientPlan): Promise<Discovery> {
  const configs: ConfigReport[] = []
  const servers: ServerEntry[] = []
  const findings: Finding[] = []
  const files: ScannedFile[] = []
  for (const spec of plan.files) {
    const file = await scanFile({ client: plan.client, scope: spec.scope, path: spec.path, format: spec.format, readOnly: spec.readOnly, note: spec.note }, findings, ctx)
    if (file.read.state === 'missing' && !spec.listWhenMissing) continue
    configs.push(file.read.report)
    files.push(file)
    const container = spec.container ?? ['mcpServers']
    if (container.length === 1) checkWrongKey(file, plan.dialect, container[0]!, findings)
    servers.push(
      ...collectServers({
        ctx,
        file,
        dialect: plan.dialect,
        container,
        project: spec.project,
        launchCwd: spec.project ?? ctx.cwd,
        findings
      })
    )
  }
  await plan.after?.(servers, files, findings)
  if (plan.rank) resolveByName(ctx, servers.filter((s) => isActive(s)), plan.projects, plan.rank)
  markActive(servers, plan.activeReason ?? `${CLIENT_NAMES[plan.client]} loads this definition.`)
  findings.push(...(await unreadFiles(ctx, plan.client, plan.projects)))
  return { configs, servers, findings, projects: plan.projects }
}
