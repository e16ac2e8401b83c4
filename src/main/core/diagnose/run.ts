import { AppError, type ProgressEvent } from '../../../shared/contract'
import { finding, sortFindings, type Finding } from '../../../shared/findings'
import type { ClientId, Report, ServerReport } from '../../../shared/report'
import { CLIENT_NAMES, summarize } from '../../../shared/report'
import { adaptersFor } from '../clients'
import { gatherAllFacts } from '../clients/facts'
import type { Discovery, ServerEntry } from '../clients/types'
import { pathEntries, type EngineContext } from '../context'
import { knownInstallDirs } from '../env/known-dirs'
import { detectRuntimes } from '../env/runtimes'
import { readLoginShell, type LoginShellResult } from '../env/login-shell'
import { VersionCache } from '../env/versions'
import { loginShellFindings } from './rules/login-shell'
import { toServerReport } from '../report/build'
import { maskExcerpt } from '../report/redact'
import { TOOL } from '../version'
import { planReportFixes } from '../fix/planner'
import { mapPool } from './pool'
import { examine, type RunFacts } from './examine'
import { applyConfigRules } from './rules/config'

export interface DiagnoseOptions {
  projects?: string[]
  clients?: ClientId[]
  /** server names or ids; empty means all */
  servers?: string[]
  /** overrides every client's own startup timeout */
  timeoutMs?: number
  /** false: read and check the configs, start nothing */
  probe?: boolean
  /** how many servers are started at once */
  concurrency?: number
  runId?: string
  onProgress?: (event: ProgressEvent) => void
  /** addition: how the login shell is read (the app passes a cache); default: read it now */
  readLoginShell?: (ctx: EngineContext) => Promise<LoginShellResult>
  /** addition: the login shell's time limit, when not the default */
  shellTimeoutMs?: number
}

export const DEFAULT_CONCURRENCY = 32

/** Reads every selected client's configs. A broken file never hides the others. */
export async function discoverAll(ctx: EngineContext, options: Pick<DiagnoseOptions, 'projects' | 'clients'>): Promise<Discovery> {
  const adapters = adaptersFor(options.clients)
  const results = await Promise.all(
    adapters.map(async (adapter): Promise<Discovery> => {
      try {
        return await adapter.discover(ctx, { projects: options.projects })
      } catch (error) {
        // An adapter bug must not take the whole diagnosis down: report it and go on.
        return {
          configs: [],
          servers: [],
          projects: [],
          findings: [
            finding('config-unreadable', 'error', `${CLIENT_NAMES[adapter.id]}'s configs could not be read`, String((error as Error)?.message ?? error))
          ]
        }
      }
    })
  )
  const merged: Discovery = {
    configs: results.flatMap((r) => r.configs),
    servers: results.flatMap((r) => r.servers),
    findings: results.flatMap((r) => r.findings).map(maskedExcerpt),
    projects: [...new Set(results.flatMap((r) => r.projects))]
  }
  // Facts are gathered during discovery; the static rules decide from them.
  await gatherAllFacts(ctx, merged.servers)
  return applyConfigRules(ctx, merged)
}

/** A config finding that quotes a line of a broken file shows it with its values masked. */
function maskedExcerpt(f: Finding): Finding {
  const excerpt = f.evidence?.excerpt
  return typeof excerpt === 'string' ? { ...f, evidence: { ...f.evidence, excerpt: maskExcerpt(excerpt) } } : f
}

/**
 * The whole diagnosis: discover every server, examine them all concurrently (each with its own
 * timeout), and build the report. Progress events let a UI show servers as they are found and
 * as each verdict comes in.
 */
export async function diagnose(ctx: EngineContext, options: DiagnoseOptions = {}): Promise<Report> {
  const started = performance.now()
  const runId = options.runId ?? 'run'
  const emit = options.onProgress ?? (() => {})
  // The login shell is read while the configs parse; the servers are shown as soon as they are
  // known, and probed once the shell's PATH is in (a terminal client's servers need it).
  const shell = shellReader(options)(ctx)
  const [discovery, knownDirs] = await Promise.all([discoverAll(ctx, options), knownInstallDirs(ctx)])
  const selected = selectServers(discovery.servers, options.servers)

  emit({ runId, phase: 'discovered', servers: selected.map((entry) => pending(entry)), configs: discovery.configs, findings: discovery.findings })
  const loginShell = await shell
  const facts: RunFacts = { loginShell, knownDirs, versions: new VersionCache(), peers: discovery.servers }
  const runtimesFound = detectRuntimes(ctx, facts)
  const servers = await mapPool(selected, options.concurrency ?? DEFAULT_CONCURRENCY, async (entry) => {
    emit({ runId, phase: 'probing', id: entry.id })
    const server = await examine(ctx, entry, facts, options)
    emit({ runId, phase: 'server-done', server })
    return server
  })
  const runtimes = await runtimesFound

  const findings: Finding[] = [...discovery.findings, ...loginShellFindings(loginShell, ctx.home)]
  if (discovery.servers.length === 0) findings.push(noServersFinding(discovery, options.clients))
  emit({ runId, phase: 'done' })
  return {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    tool: { ...TOOL },
    system: {
      platform: ctx.platform,
      arch: ctx.arch,
      release: ctx.release,
      appPath: pathEntries(ctx.env, ctx.platform),
      loginShell: {
        shell: loginShell.shell,
        ok: loginShell.env !== undefined,
        ms: loginShell.ms,
        path: loginShell.env === undefined ? undefined : pathEntries(loginShell.env, ctx.platform),
        error: loginShell.error,
        exitCode: loginShell.exitCode,
        timedOut: loginShell.timedOut,
        startupFiles: loginShell.startupFiles,
        skipped: loginShell.skipped
      },
      projects: discovery.projects
    },
    runtimes,
    configs: discovery.configs,
    servers,
    findings: sortFindings(planReportFixes(findings, discovery.configs)),
    summary: summarize(servers),
    durationMs: Math.round(performance.now() - started)
  }
}

/** Re-examines one server, found again by its id. Throws `AppError('not-found')` when it is gone. */
export async function diagnoseServer(
  ctx: EngineContext,
  id: string,
  options: Omit<DiagnoseOptions, 'servers' | 'clients'> = {}
): Promise<ServerReport> {
  const discovery = await discoverAll(ctx, { projects: options.projects })
  const entry = discovery.servers.find((s) => s.id === id)
  if (!entry) throw new AppError('not-found', `No server with id ${id} is configured any more.`)
  const runId = options.runId ?? 'run'
  options.onProgress?.({ runId, phase: 'probing', id })
  const [loginShell, knownDirs] = await Promise.all([shellReader(options)(ctx), knownInstallDirs(ctx)])
  const server = await examine(ctx, entry, { loginShell, knownDirs, versions: new VersionCache(), peers: discovery.servers }, options)
  options.onProgress?.({ runId, phase: 'server-done', server })
  return server
}

function shellReader(options: Pick<DiagnoseOptions, 'readLoginShell' | 'shellTimeoutMs'>): (ctx: EngineContext) => Promise<LoginShellResult> {
  return options.readLoginShell ?? ((ctx) => readLoginShell(ctx, { timeoutMs: options.shellTimeoutMs }))
}

function selectServers(servers: ServerEntry[], wanted: readonly string[] | undefined): ServerEntry[] {
  if (!wanted || wanted.length === 0) return servers
  const unknown = wanted.filter((w) => !servers.some((s) => s.name === w || s.id === w))
  if (unknown.length > 0) {
    const names = [...new Set(servers.map((s) => s.name))].sort()
    throw new AppError(
      'not-found',
      `No server named ${unknown.join(', ')}. Configured: ${names.length > 0 ? names.join(', ') : 'none'}.`
    )
  }
  return servers.filter((s) => wanted.includes(s.name) || wanted.includes(s.id))
}

function pending(entry: ServerEntry): ServerReport {
  return toServerReport(entry, entry.findings, undefined, true)
}

function noServersFinding(discovery: Discovery, clients: readonly ClientId[] | undefined): Finding {
  const looked = discovery.configs.map((c) => c.path)
  const which = clients && clients.length > 0 ? clients.map((c) => CLIENT_NAMES[c]).join(', ') : 'any client'
  return finding(
    'no-servers-configured',
    'warning',
    'No MCP servers are configured',
    `No MCP server entry was found for ${which}. Files looked at:\n${looked.map((p) => `- ${p}`).join('\n')}`,
    { evidence: { searched: looked } }
  )
}
