import { z } from 'zod'
import { ClientViewSchema } from './client-view'
import { BackupRecordSchema, EditRequestSchema, EditResultSchema } from './edit'
import { FindingSchema } from './findings'
import { FixOutcomeSchema, FixPreviewSchema, FixTargetSchema, FixUndoSchema } from './fix'
import { LogListSchema, LogReadSchema } from './logs'
import { StatusCheckSchema } from './status'
import { ClientIdSchema, ConfigReportSchema, ReportSchema, ServerReportSchema } from './report'

/**
 * The one IPC contract between the renderer and the engine. Every request/response channel is a
 * key of `contract` (named `domain:verb`), every push event a key of `events`. The Electron IPC
 * adapter, the preload, the browser face's HTTP server and the renderer's HTTP client are all
 * built from these two maps, so a channel is written down exactly once.
 */

const Selection = z.object({
  projects: z.array(z.string().min(1)).max(64).optional(),
  clients: z.array(ClientIdSchema).max(32).optional(),
  servers: z.array(z.string().min(1)).max(256).optional()
})

const Timeout = z.number().int().min(100).max(600_000)
const ServerId = z.string().min(1).max(512)
const Projects = z.array(z.string().min(1)).max(64).optional()
/** an entry's text as the user edits it in the app (JSON, TOML or YAML, as its file is written) */
const EntryText = z.string().max(1_000_000)
const TextError = z.object({ message: z.string(), line: z.number(), column: z.number() })
const ReportFormat = z.enum(['md', 'json', 'html'])

export const contract = {
  'app:info': {
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      home: z.string(),
      cwd: z.string()
    })
  },
  'diagnose:run': {
    request: Selection.extend({
      /** chosen by the caller so it can match the progress events of this run */
      runId: z.string().min(1).max(64).optional(),
      timeoutMs: Timeout.optional(),
      /** how long the login shell may take to print its environment */
      shellTimeoutMs: z.number().int().min(100).max(120_000).optional(),
      probe: z.boolean().optional()
    }).strict(),
    response: ReportSchema
  },
  'diagnose:server': {
    request: z
      .object({
        id: z.string().min(1).max(512),
        runId: z.string().min(1).max(64).optional(),
        projects: Selection.shape.projects,
        timeoutMs: Timeout.optional()
      })
      .strict(),
    response: ServerReportSchema
  },
  /** edits a discovered server or config file: validated, backed up, atomic, refused if changed on disk */
  'config:edit': {
    request: EditRequestSchema,
    response: EditResultSchema
  },
  /** puts a file back as it was before an edit (refused if the file changed since) */
  'config:undo': {
    request: z.object({ backupId: z.string().min(1).max(128).regex(/^[\w-]+$/) }).strict(),
    response: EditResultSchema
  },
  /** the edits MCP Medic made, newest first */
  'config:history': {
    request: z.object({}).strict(),
    response: z.array(BackupRecordSchema)
  },
  /**
   * One server's entry as text, in its file's format, for the step-2 editor. Secret values are
   * replaced by a mask unless `reveal` names them; the engine puts masked values back on save.
   */
  'config:entry': {
    request: z.object({ serverId: ServerId, reveal: z.array(z.string().max(256)).max(64).optional(), projects: Projects }).strict(),
    response: z.object({
      serverId: z.string(),
      configPath: z.string(),
      format: z.enum(['json', 'jsonc', 'json-comments', 'toml', 'yaml']),
      text: z.string(),
      /** the file's hash when the text was made: save refuses if it changed since */
      hash: z.string(),
      /** names of the values shown masked */
      masked: z.array(z.string()),
      readOnly: z.string().optional()
    })
  },
  /** checks an edited entry text as the user types: parse errors with line and column, the client's schema, and the diff it would make */
  'config:check': {
    request: z.object({ serverId: ServerId, text: EntryText, projects: Projects }).strict(),
    response: z.object({
      ok: z.boolean(),
      errors: z.array(TextError),
      findings: z.array(FindingSchema),
      /** unified diff of the file, secrets masked, when the text is valid */
      diff: z.string().optional()
    })
  },
  /** saves an edited entry text: validated, backed up, atomic, refused if the file changed since `expectedHash` */
  'config:save': {
    request: z.object({ serverId: ServerId, text: EntryText, expectedHash: z.string().min(1).max(128), projects: Projects }).strict(),
    response: EditResultSchema
  },
  /** one secret value of a server's entry, shown only because the user asked (never logged) */
  'secret:reveal': {
    request: z.object({ serverId: ServerId, kind: z.enum(['env', 'header', 'arg']), key: z.string().min(1).max(256), projects: Projects }).strict(),
    response: z.object({ value: z.string() })
  },
  /** what a fix action would do: the diff (secrets masked) or the confirmation to ask for */
  'fix:preview': {
    request: FixTargetSchema,
    response: FixPreviewSchema
  },
  /** carries out a fix action, re-probes the server at once and returns before and after */
  'fix:apply': {
    request: FixTargetSchema.extend({ expectedHash: z.string().min(1).max(128).optional() }).strict(),
    response: FixOutcomeSchema
  },
  /** undoes an applied fix (its backup) and re-probes the server */
  'fix:undo': {
    request: FixUndoSchema,
    response: FixOutcomeSchema
  },
  /** the client's own log files for a server, and log folders worth a size warning */
  'logs:list': {
    request: z.object({ serverId: ServerId, projects: Projects }).strict(),
    response: LogListSchema
  },
  /** the tail of one log file from `logs:list`, optionally only lines matching `query` */
  'logs:read': {
    request: z
      .object({
        serverId: ServerId,
        fileId: z.string().min(1).max(512),
        query: z.string().max(200).optional(),
        maxLines: z.number().int().min(1).max(5000).optional(),
        projects: Projects
      })
      .strict(),
    response: LogReadSchema
  },
  /** the vendors' status pages: the outage line (short timeout; "could not check" when offline) */
  'status:check': {
    request: z.object({ refresh: z.boolean().optional() }).strict(),
    response: StatusCheckSchema
  },
  /** each installed client CLI's own verdict on its servers (claude / gemini / codex mcp list), matched to MCP Medic's */
  'clients:views': {
    request: z.object({ projects: Projects, refresh: z.boolean().optional() }).strict(),
    response: z.array(ClientViewSchema)
  },
  /** the report of the last diagnosis as a file to share, every secret already replaced */
  'report:export': {
    request: z.object({ format: ReportFormat }).strict(),
    response: z.object({ format: ReportFormat, filename: z.string(), mime: z.string(), text: z.string(), bytes: z.number(), trimmed: z.boolean() })
  },
  /** desktop app only: asks where to save the exported report and writes it there */
  'report:save': {
    request: z.object({ format: ReportFormat }).strict(),
    response: z.object({ saved: z.boolean(), path: z.string().optional() })
  }
} as const

export const ProgressEventSchema = z.discriminatedUnion('phase', [
  z.object({
    runId: z.string(),
    phase: z.literal('discovered'),
    servers: z.array(ServerReportSchema),
    /** addition: every config file read, and findings that belong to no server (broken files) */
    configs: z.array(ConfigReportSchema).optional(),
    findings: z.array(FindingSchema).optional()
  }),
  z.object({ runId: z.string(), phase: z.literal('probing'), id: z.string() }),
  z.object({ runId: z.string(), phase: z.literal('server-done'), server: ServerReportSchema }),
  z.object({ runId: z.string(), phase: z.literal('done') })
])
export type ProgressEvent = z.infer<typeof ProgressEventSchema>

export const events = {
  'diagnose:progress': ProgressEventSchema,
  /** a command chosen in the app menu, for the page to carry out */
  'app:command': z.object({ command: z.enum(['rerun']) })
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type Request<C extends Channel> = z.input<Contract[C]['request']>
export type ParsedRequest<C extends Channel> = z.output<Contract[C]['request']>
export type Response<C extends Channel> = z.output<Contract[C]['response']>
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const CHANNELS = Object.keys(contract) as Channel[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value)
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value)
}

/** Error codes that travel as data in a failed result. */
export type ErrorCode = 'invalid-request' | 'not-found' | 'forbidden' | 'unavailable' | 'internal' | 'conflict'

export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ErrorCode; message: string } }

/** An expected failure a handler reports to its caller as data. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** What one process offers another: call a channel, listen to an event. */
export interface ContractTransport {
  invoke(channel: Channel, request: unknown): Promise<Result<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never

/** `window.api`: one object per domain, one function per verb, plus `on` for push events. */
export type Api = {
  [D in DomainOf<Channel>]: {
    [C in Channel as C extends `${D}:${infer V}` ? V : never]: (
      request: Request<C>
    ) => Promise<Result<Response<C>>>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/**
 * Builds the api from a transport. Each function takes exactly one argument and forwards only
 * that, so stray extra arguments never cross the process boundary.
 */
export function buildApi(transport: ContractTransport): Api {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNELS) {
    const [domain, verb] = channel.split(':') as [string, string]
    const group = (api[domain] ??= {}) as Record<string, unknown>
    group[verb] = (request: unknown) => transport.invoke(channel, request ?? {})
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`)
    return transport.subscribe(event, listener)
  }
  return api as Api
}
