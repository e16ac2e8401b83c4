import { z } from 'zod'
import { ClientIdSchema } from './report'

/**
 * The outage line: vendors' public status pages (Atlassian Statuspage JSON), read with a short
 * timeout. "Could not check" is a state, not an error; it never delays a diagnosis.
 */

export const IncidentSchema = z.object({
  name: z.string(),
  status: z.string(),
  impact: z.string().optional(),
  updatedAt: z.string().optional(),
  url: z.string().optional()
})

export const VendorStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** the status page a person can open */
  pageUrl: z.string(),
  state: z.enum(['operational', 'incident', 'unknown']),
  /** the page's own words: "All Systems Operational", "Partial outage" */
  description: z.string().optional(),
  incidents: z.array(IncidentSchema),
  /** why the state is unknown: timed out, offline, not a Statuspage answer */
  error: z.string().optional(),
  ms: z.number(),
  /** addition: the clients this vendor's service matters for (Anthropic: Claude Code and Claude Desktop) */
  clients: z.array(ClientIdSchema).optional()
})
export type VendorStatus = z.infer<typeof VendorStatusSchema>

export const StatusCheckSchema = z.object({
  checkedAt: z.string(),
  vendors: z.array(VendorStatusSchema),
  /** no vendor answered at all: say "could not check — you seem offline" */
  offline: z.boolean(),
  /** addition: problems with the configured status pages (a settings file that does not parse, a bad URL) */
  problems: z.array(z.string()).optional()
})
export type StatusCheck = z.infer<typeof StatusCheckSchema>
