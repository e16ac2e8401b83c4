import { z } from 'zod'
import { FixActionSchema } from './fix-action'
import { ServerReportSchema, ServerStatusSchema } from './report'

/** The channels around fix actions (`fix:preview`, `fix:apply`, `fix:undo`); the actions are in fix-action.ts. */

/** A request naming one action the engine produced for a server. */
export const FixTargetSchema = z
  .object({
    /** the server's id; for a finding of the whole report (config-wrong-key), the config file's path its action names */
    serverId: z.string().min(1).max(512),
    actionId: z.string().min(1).max(200),
    /** the user's typed value, for an action whose value source is `input` */
    input: z.string().max(65_536).optional(),
    projects: z.array(z.string().min(1)).max(64).optional()
  })
  .strict()

/** What an action would do, before it is applied: for edits, the diff with secrets masked. */
export const FixPreviewSchema = z.object({
  action: FixActionSchema,
  /** one sentence: "Sets env API_KEY in ~/.claude.json (value copied from your login shell)." */
  summary: z.string(),
  /** edits: the file that changes and a unified diff of it, every secret value masked */
  configPath: z.string().optional(),
  diff: z.string().optional(),
  /**
   * the file's hash the diff was made from; `fix:apply` refuses if it changed since. For chmod, a
   * token of the file's bytes and mode the confirmation was made from, which `fix:apply` requires
   */
  expectedHash: z.string().optional(),
  /** words for a confirmation dialog (chmod, anything outside a config file) */
  confirm: z.string().optional()
})
export type FixPreview = z.infer<typeof FixPreviewSchema>

/** A server's state in short, before and after a fix. */
export const ServerSnapshotSchema = z.object({
  status: ServerStatusSchema,
  tools: z.number().optional(),
  /** the finding codes, most severe first */
  codes: z.array(z.string()),
  /** one line: the worst problem, or "Connected · 3 tools" */
  line: z.string()
})
export type ServerSnapshot = z.infer<typeof ServerSnapshotSchema>

export const FixOutcomeSchema = z.object({
  summary: z.string(),
  /** edits: undo with `fix:undo` / `config:undo` */
  backupId: z.string().optional(),
  configPath: z.string().optional(),
  /** the server's id after the fix (a renamed server gets a new one) */
  serverId: z.string(),
  before: ServerSnapshotSchema,
  after: ServerSnapshotSchema,
  /** the re-probed server, for the page to show */
  server: ServerReportSchema,
  /**
   * addition: a fix of a whole file (a renamed top-level key) brings several servers into view:
   * each of them, re-probed (`server` is the first)
   */
  servers: z.array(ServerReportSchema).optional(),
  /** addition: the server is no longer configured after this (an undone key rename): `server` is its last report */
  gone: z.boolean().optional()
})
export type FixOutcome = z.infer<typeof FixOutcomeSchema>

export const FixUndoSchema = z
  .object({
    backupId: z.string().min(1).max(128).regex(/^[\w-]+$/),
    /** the server to re-test after the undo */
    serverId: z.string().min(1).max(512),
    projects: z.array(z.string().min(1)).max(64).optional()
  })
  .strict()
