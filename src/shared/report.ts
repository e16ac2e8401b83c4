import { z } from 'zod'
import { FindingSchema, type Finding } from './findings'

/**
 * The report model: the `--json` output of `mcp-medic diagnose` and the exported JSON report
 * (DESIGN.md, "Report model"). Fields named there keep their names and meaning; fields marked
 * "addition" extend it.
 */

export const CLIENT_IDS = [
  'claude-code',
  'claude-desktop',
  'cursor',
  'vscode',
  'windsurf',
  'gemini-cli',
  'codex',
  'cline',
  'zed',
  'lm-studio',
  'goose',
  'continue'
] as const
export const ClientIdSchema = z.enum(CLIENT_IDS)
export type ClientId = z.infer<typeof ClientIdSchema>

export const CLIENT_NAMES: Record<ClientId, string> = {
  'claude-code': 'Claude Code',
  'claude-desktop': 'Claude Desktop',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI',
  codex: 'Codex',
  cline: 'Cline',
  zed: 'Zed',
  'lm-studio': 'LM Studio',
  goose: 'Goose',
  continue: 'Continue'
}

export const ScopeSchema = z.enum(['user', 'project', 'local', 'managed'])
export type Scope = z.infer<typeof ScopeSchema>

export const TransportSchema = z.enum(['stdio', 'sse', 'http'])
export type Transport = z.infer<typeof TransportSchema>

export const ServerStatusSchema = z.enum(['ok', 'warning', 'error', 'skipped'])
export type ServerStatus = z.infer<typeof ServerStatusSchema>

/** How a probe ended. `ok` is the only healthy outcome. */
export const ProbeOutcomeSchema = z.enum([
  'ok',
  'spawn-error',
  'exited',
  'timeout',
  'protocol-error',
  'crash-after-start',
  'not-probed'
])
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>

export const ProbeTimingsSchema = z.object({
  spawnMs: z.number().optional(),
  firstStdoutMs: z.number().optional(),
  initializeMs: z.number().optional(),
  toolsListMs: z.number().optional()
})
export type ProbeTimings = z.infer<typeof ProbeTimingsSchema>

export const ProbeSchema = z.object({
  outcome: ProbeOutcomeSchema,
  ms: z.number(),
  exitCode: z.number().nullable().optional(),
  signal: z.string().nullable().optional(),
  stderrTail: z.string().optional(),
  serverInfo: z.object({ name: z.string(), version: z.string() }).optional(),
  protocolVersion: z.string().optional(),
  tools: z.number().optional(),
  /** addition: how many resources and prompts, when the server advertises them */
  resources: z.number().optional(),
  prompts: z.number().optional(),
  /** addition: milestones, in ms since the spawn call */
  timings: ProbeTimingsSchema.optional(),
  /** addition: the spawn error, when the process never started */
  spawnError: z.object({ code: z.string(), message: z.string() }).optional(),
  /** addition: the first stdout line that was not JSON-RPC, and how many such lines */
  stdoutNoise: z.object({ firstLine: z.string(), lines: z.number() }).optional(),
  /** addition: the error the MCP client reported, in its own words */
  error: z.string().optional(),
  /** addition: the working directory and timeout the probe used */
  cwd: z.string().optional(),
  timeoutMs: z.number().optional()
})
export type Probe = z.infer<typeof ProbeSchema>

export const EnvDisplaySchema = z.enum(['<redacted>', '<empty>', '<placeholder>'])

/**
 * addition: whether the client actually uses a server definition. `active`: it loads it;
 * `shadowed`: a same-named definition in a higher-precedence scope wins (`by` names its id);
 * `disabled`: turned off in the client; `unapproved`: a project server pending approval or
 * rejected; `ignored`: the client will not load it at all (`reason` says why).
 */
export const EffectiveStateSchema = z.object({
  state: z.enum(['active', 'shadowed', 'disabled', 'unapproved', 'ignored']),
  reason: z.string(),
  /** the id of the definition that wins over this one */
  by: z.string().optional(),
  /** a user-scope definition stays active, but loses in these project folders */
  shadowedIn: z.array(z.object({ project: z.string(), by: z.string() })).optional()
})
export type EffectiveState = z.infer<typeof EffectiveStateSchema>

export const ServerReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  client: ClientIdSchema,
  scope: ScopeSchema,
  configPath: z.string(),
  /** addition: the project folder a local- or project-scoped entry belongs to */
  project: z.string().optional(),
  transport: TransportSchema,
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  url: z.string().optional(),
  env: z.record(z.string(), EnvDisplaySchema).optional(),
  /** addition: header names, values shown only as set, empty or placeholder */
  headers: z.record(z.string(), EnvDisplaySchema).optional(),
  /** addition: the working directory the entry sets, when its client honours one */
  cwd: z.string().optional(),
  /** addition: whether the client uses this definition, and why not */
  effective: EffectiveStateSchema.optional(),
  status: ServerStatusSchema,
  probe: ProbeSchema.optional(),
  findings: z.array(FindingSchema)
})
export type ServerReport = z.infer<typeof ServerReportSchema>

export const ConfigReportSchema = z.object({
  client: ClientIdSchema,
  scope: ScopeSchema,
  path: z.string(),
  exists: z.boolean(),
  error: z.object({ message: z.string(), line: z.number(), column: z.number() }).optional(),
  /** addition: how many server entries the file holds */
  servers: z.number().optional(),
  /** addition: how the file is written: json (strict), jsonc, json-comments (comments, no trailing commas), toml, yaml */
  format: z.enum(['json', 'jsonc', 'json-comments', 'toml', 'yaml']).optional(),
  /** addition: sha-256 of the bytes read, so an edit can refuse a file that changed since */
  hash: z.string().optional(),
  /** addition: why MCP Medic will not edit this file (managed by an administrator, …) */
  readOnly: z.string().optional(),
  /** addition: a note on how the client treats the file (not trusted, shared with other settings, …) */
  note: z.string().optional()
})
export type ConfigReport = z.infer<typeof ConfigReportSchema>

export const RuntimeReportSchema = z.object({
  name: z.string(),
  found: z.boolean(),
  path: z.string().optional(),
  version: z.string().optional(),
  where: z.enum(['app-path', 'login-shell', 'known-dir', 'none'])
})
export type RuntimeReport = z.infer<typeof RuntimeReportSchema>

export const LoginShellReportSchema = z.object({
  shell: z.string(),
  ok: z.boolean(),
  ms: z.number(),
  path: z.array(z.string()).optional(),
  error: z.string().optional()
})

export const SummarySchema = z.object({
  servers: z.number(),
  ok: z.number(),
  warning: z.number(),
  error: z.number()
})
export type Summary = z.infer<typeof SummarySchema>

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  system: z.object({
    platform: z.string(),
    arch: z.string(),
    release: z.string(),
    appPath: z.array(z.string()),
    loginShell: LoginShellReportSchema,
    /** addition: the project folders searched for project-scoped files */
    projects: z.array(z.string()).optional()
  }),
  runtimes: z.array(RuntimeReportSchema),
  configs: z.array(ConfigReportSchema),
  servers: z.array(ServerReportSchema),
  findings: z.array(FindingSchema),
  summary: SummarySchema,
  /** addition: how long the whole diagnosis took */
  durationMs: z.number().optional()
})
export type Report = z.infer<typeof ReportSchema>

/** The status a server gets from its findings: the worst severity wins. */
export function statusFromFindings(findings: readonly Finding[]): Exclude<ServerStatus, 'skipped'> {
  if (findings.some((f) => f.severity === 'error')) return 'error'
  if (findings.some((f) => f.severity === 'warning')) return 'warning'
  return 'ok'
}

export function summarize(servers: readonly ServerReport[]): Summary {
  return {
    servers: servers.length,
    ok: servers.filter((s) => s.status === 'ok').length,
    warning: servers.filter((s) => s.status === 'warning').length,
    error: servers.filter((s) => s.status === 'error').length
  }
}
