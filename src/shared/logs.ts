import { z } from 'zod'
import { ClientIdSchema } from './report'

/**
 * The clients' own log files (step 6): which exist for a server, and their recent lines with the
 * known error lines recognised. Files are named by an id the engine gave them, never by a path
 * the renderer chose.
 */

export const LogFileSchema = z.object({
  /** opaque, stable for one discovery: pass it back to `logs:read` */
  id: z.string(),
  client: ClientIdSchema,
  path: z.string(),
  /** server: this server's own log (Claude Desktop mcp-server-NAME.log, Claude Code mcp-logs-NAME); client: the client's MCP log; debug: a debug/session log; window: an editor window or output-channel log */
  kind: z.enum(['server', 'client', 'debug', 'window']),
  bytes: z.number(),
  modifiedAt: z.string(),
  /** the file is about this server (by name), rather than a shared client log that may mention it */
  forServer: z.boolean()
})
export type LogFile = z.infer<typeof LogFileSchema>

export const LogFolderSchema = z.object({
  path: z.string(),
  client: ClientIdSchema,
  bytes: z.number(),
  files: z.number(),
  /** large enough to warn about (clients have filled disks with MCP logs) */
  huge: z.boolean(),
  /** addition: the folder holds more entries than were counted, so bytes and files are lower bounds */
  partial: z.boolean().optional()
})

export const LogListSchema = z.object({
  files: z.array(LogFileSchema),
  folders: z.array(LogFolderSchema),
  /** where this client would write logs when none were found, and how to turn them on */
  notes: z.array(z.string())
})
export type LogList = z.infer<typeof LogListSchema>

export const LogLineSchema = z.object({
  /** 1-based line number in the file (approximate when only the tail was read) */
  n: z.number(),
  /** the line with secrets masked and terminal escapes removed (one Claude Code JSONL record may hold several lines of the server's stderr) */
  text: z.string(),
  level: z.enum(['error', 'warning', 'info']).optional(),
  /** the line matches a known failure: the finding code it points at, and why */
  recognised: z.object({ code: z.string(), title: z.string() }).optional(),
  /** the line mentions this server */
  aboutServer: z.boolean().optional(),
  /** addition: when the line was written, when it says so (ISO 8601) */
  at: z.string().optional()
})
export type LogLine = z.infer<typeof LogLineSchema>

export const LogReadSchema = z.object({
  file: LogFileSchema,
  lines: z.array(LogLineSchema),
  /** only the tail of the file was read */
  truncated: z.boolean(),
  /** lines matching the query, when one was given */
  matches: z.number().optional(),
  /** addition: why fewer lines than asked were shown (a binary file, an unreadable one) */
  note: z.string().optional()
})
export type LogRead = z.infer<typeof LogReadSchema>

/**
 * addition: a few recent lines of one log file about one server, secrets already masked, for the
 * exported report ("client log excerpts"). `truncated`: older lines were left out.
 */
export const LogExcerptSchema = z.object({
  file: LogFileSchema,
  lines: z.array(LogLineSchema),
  truncated: z.boolean()
})
export type LogExcerpt = z.infer<typeof LogExcerptSchema>
