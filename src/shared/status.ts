import { z } from 'zod'

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
  ms: z.number()
})
export type VendorStatus = z.infer<typeof VendorStatusSchema>

export const StatusCheckSchema = z.object({
  checkedAt: z.string(),
  vendors: z.array(VendorStatusSchema),
  /** no vendor answered at all: say "could not check — you seem offline" */
  offline: z.boolean()
})
export type StatusCheck = z.infer<typeof StatusCheckSchema>
