import { z } from 'zod'
import { FindingSchema, type Finding } from './findings'
import { TransportSchema } from './transport'

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

export { TransportSchema, type Transport } from './transport'

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
  'not-probed',
  /** addition (remote servers): the host does not resolve, nothing accepts the connection, TLS fails, an HTTP error status */
  'dns-error',
  'connection-error',
  'tls-error',
  'http-error'
])
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>

export const ProbeTimingsSchema = z.object({
  spawnMs: z.number().optional(),
  firstStdoutMs: z.number().optional(),
  initializeMs: z.number().optional(),
  toolsListMs: z.number().optional()
})
export type ProbeTimings = z.infer<typeof ProbeTimingsSchema>

/** addition: one `initialize` offer and how the server took it */
export const VersionAttemptSchema = z.object({
  offered: z.string(),
  result: z.enum(['accepted', 'rejected', 'failed']),
  answered: z.string().optional(),
  error: z.string().optional()
})

/** addition: one HTTP exchange of a remote probe (values of secret headers never kept) */
export const HttpExchangeSchema = z.object({
  transport: TransportSchema,
  method: z.string(),
  url: z.string(),
  rpcMethod: z.string().optional(),
  status: z.number().optional(),
  atMs: z.number(),
  ms: z.number(),
  contentType: z.string().optional(),
  bodyExcerpt: z.string().optional(),
  error: z.string().optional()
})

/** addition: what a remote probe found, layer by layer */
export const RemoteProbeSchema = z.object({
  url: z.string(),
  configured: TransportSchema,
  /** the transport that completed the handshake, when one did */
  working: TransportSchema.optional(),
  status: z.number().optional(),
  failedDuring: z.string().optional(),
  headersSent: z.array(z.string()),
  net: z
    .object({
      host: z.string(),
      port: z.number(),
      addresses: z.array(z.string()),
      dnsError: z.string().optional(),
      tcp: z.array(z.object({ address: z.string(), ok: z.boolean(), error: z.string().optional() })),
      tls: z
        .object({
          ok: z.boolean(),
          code: z.string().optional(),
          error: z.string().optional(),
          protocol: z.string().optional(),
          subject: z.string().optional(),
          issuer: z.string().optional(),
          validFrom: z.string().optional(),
          validTo: z.string().optional(),
          selfSigned: z.boolean().optional()
        })
        .optional()
    })
    .optional(),
  exchanges: z.array(HttpExchangeSchema),
  oauth: z
    .object({
      challenge: z.string().optional(),
      resourceMetadataUrl: z.string().optional(),
      authorizationServers: z.array(z.string()).optional(),
      metadataUrl: z.string().optional(),
      authorizationEndpoint: z.string().optional(),
      tokenEndpoint: z.string().optional(),
      registrationEndpoint: z.string().optional()
    })
    .optional()
})
export type RemoteProbe = z.infer<typeof RemoteProbeSchema>

/** addition: the terminal-style re-run and how it differs from the client's way (names only, never values) */
export const TerminalProbeSchema = z.object({
  outcome: ProbeOutcomeSchema,
  ms: z.number(),
  exitCode: z.number().nullable().optional(),
  tools: z.number().optional(),
  cwdClient: z.string(),
  cwdTerminal: z.string(),
  resolvedClient: z.string().nullable(),
  resolvedTerminal: z.string().nullable(),
  pathOnlyInClient: z.array(z.string()),
  pathOnlyInTerminal: z.array(z.string()),
  envOnlyInClient: z.array(z.string()),
  envOnlyInTerminal: z.array(z.string()),
  envDiffering: z.array(z.string())
})
export type TerminalProbe = z.infer<typeof TerminalProbeSchema>

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
  timeoutMs: z.number().optional(),
  /** addition: the client's own startup limit, when it differs from how long the probe waited */
  clientLimitMs: z.number().optional(),
  /** addition: every protocol version offered, newest first, when the first offer was refused */
  protocolAttempts: z.array(VersionAttemptSchema).optional(),
  /** addition: remote (http/sse) servers: DNS, TCP, TLS, HTTP exchanges, OAuth discovery */
  remote: RemoteProbeSchema.optional(),
  /** addition: the terminal-style re-run after a failed client-style run */
  terminal: TerminalProbeSchema.optional()
})
export type Probe = z.infer<typeof ProbeSchema>

export const EnvDisplaySchema = z.enum(['<redacted>', '<empty>', '<placeholder>'])

export const ResolutionSchema = z.object({
  command: z.string(),
  /** where the client's PATH comes from: launchd, terminal, login-shell, process */
  pathFrom: z.string().optional(),
  /** that PATH in words, for people */
  pathDescription: z.string().optional(),
  /** the file the command resolves to on the client's PATH; null when it resolves to nothing */
  client: z.string().nullable(),
  /** on the login shell's PATH; null when not there, absent when the shell could not be read */
  loginShell: z.string().nullable().optional(),
  /** in a known install folder (nvm, volta, ~/.local/bin, …) */
  knownDir: z.string().optional(),
  /** the runtime that runs the server, as the client would start it */
  runtime: z.object({ name: z.string(), path: z.string(), version: z.string().optional(), required: z.string().optional() }).optional()
})
export type Resolution = z.infer<typeof ResolutionSchema>
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

/**
 * addition: recent lines of a client's own log file about a server (step 6), secrets masked and
 * terminal escapes removed, as an exported report keeps them (logs.ts' excerpts, flattened).
 */
export const LogExcerptReportSchema = z.object({
  client: ClientIdSchema,
  path: z.string(),
  kind: z.enum(['server', 'client', 'debug', 'window']).optional(),
  modifiedAt: z.string().optional(),
  lines: z.array(
    z.object({
      n: z.number(),
      text: z.string(),
      level: z.enum(['error', 'warning', 'info']).optional(),
      /** the finding code a recognised line points at */
      code: z.string().optional()
    })
  ),
  /** earlier lines of the file were left out */
  truncated: z.boolean().optional()
})
export type LogExcerptReport = z.infer<typeof LogExcerptReportSchema>

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
  findings: z.array(FindingSchema),
  /** addition: where the command resolves, as the client starts it and as the user's terminal would */
  resolution: ResolutionSchema.optional(),
  /** addition: excerpts of the client's own log files about this server (exported reports) */
  logs: z.array(LogExcerptReportSchema).optional()
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
  where: z.enum(['app-path', 'login-shell', 'known-dir', 'none']),
  /** addition: every place it was found (MCP Medic's PATH, the login shell's, known folders), with versions */
  locations: z
    .array(
      z.object({
        where: z.enum(['app-path', 'login-shell', 'known-dir']),
        path: z.string(),
        version: z.string().optional(),
        /** for a known folder: who puts commands there (nvm, volta, uv, …) */
        source: z.string().optional(),
        /** why there is no version (timed out, skipped, …) */
        error: z.string().optional()
      })
    )
    .optional()
})
export type RuntimeReport = z.infer<typeof RuntimeReportSchema>

export const LoginShellReportSchema = z.object({
  shell: z.string(),
  ok: z.boolean(),
  ms: z.number(),
  path: z.array(z.string()).optional(),
  error: z.string().optional(),
  /** addition: how the read ended, and what the shell reads at startup */
  exitCode: z.number().nullable().optional(),
  timedOut: z.boolean().optional(),
  startupFiles: z.array(z.string()).optional(),
  /** addition: set when the shell was deliberately not read (Windows) */
  skipped: z.string().optional()
})

export const SummarySchema = z.object({
  servers: z.number(),
  ok: z.number(),
  warning: z.number(),
  error: z.number()
})
export type Summary = z.infer<typeof SummarySchema>

/** addition: one edit the user made through MCP Medic (a backup record), and whether it was undone */
export const EditRecordSchema = z.object({
  at: z.string(),
  path: z.string(),
  summary: z.string(),
  undoneAt: z.string().optional()
})
export type EditRecord = z.infer<typeof EditRecordSchema>

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
  durationMs: z.number().optional(),
  /** addition: what the user already tried: edits made through MCP Medic, newest first (exported reports) */
  edits: z.array(EditRecordSchema).optional()
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
