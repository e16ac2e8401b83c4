import { z } from 'zod'
import { ClientIdSchema } from './report'

/**
 * A client's own verdict on its servers, from its own CLI where it is installed (`claude mcp
 * list`, `gemini mcp list`, `codex mcp list`), read-only and with a timeout, shown next to MCP
 * Medic's with the disagreement explained.
 */

export const ClientVerdictSchema = z.enum(['connected', 'failed', 'needs-auth', 'disabled', 'pending', 'rejected', 'listed', 'unknown'])
export type ClientVerdict = z.infer<typeof ClientVerdictSchema>

export const ClientServerViewSchema = z.object({
  name: z.string(),
  /** the scope the client names, when it names one */
  scope: z.string().optional(),
  verdict: ClientVerdictSchema,
  /** the client's own line for this server, secrets masked */
  text: z.string(),
  /** the server MCP Medic matched it to */
  serverId: z.string().optional(),
  /** MCP Medic reaches the same verdict */
  agrees: z.boolean().optional(),
  /** why the two may differ, in words */
  explanation: z.string().optional()
})
export type ClientServerView = z.infer<typeof ClientServerViewSchema>

export const ClientViewSchema = z.object({
  client: ClientIdSchema,
  /** not-installed: no CLI found; failed / timeout: it ran but gave no usable answer */
  state: z.enum(['ok', 'not-installed', 'failed', 'timeout']),
  cli: z.object({ path: z.string(), version: z.string().optional() }).optional(),
  /** the command that was run, e.g. "claude mcp list" */
  command: z.string().optional(),
  ms: z.number(),
  servers: z.array(ClientServerViewSchema),
  error: z.string().optional()
})
export type ClientView = z.infer<typeof ClientViewSchema>
