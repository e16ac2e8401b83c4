import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { ProbeTimings } from '../../../shared/report'
import { neutralize } from '../../../shared/safe-text'

/** What a completed MCP session tells about a server, whatever the transport. */
export interface SessionFacts {
  timings: ProbeTimings
  serverInfo?: { name: string; version: string }
  protocolVersion?: string
  capabilities?: Record<string, unknown>
  tools?: number
  resources?: number
  prompts?: number
}

const MAX_PAGES = 50

/** The server's name, version and capabilities, once `initialize` has been answered. */
export function serverFacts(client: Client): Pick<SessionFacts, 'serverInfo' | 'capabilities'> {
  const info = client.getServerVersion()
  return {
    // the server chose these strings: shown on screens and in reports, so made printable and kept short
    serverInfo: info ? { name: neutralize(String(info.name)).slice(0, 200), version: neutralize(String(info.version)).slice(0, 100) } : undefined,
    capabilities: (client.getServerCapabilities() ?? {}) as Record<string, unknown>
  }
}

/** The listings a probe asks for. */
export type Listing = 'tools' | 'resources' | 'prompts'

/**
 * Counts the server's tools (always), resources and prompts (when advertised), following
 * pagination. `timeout` gives the time left for each answer; `onTools` marks when the tools came;
 * `onListing` is told which listing starts and what was counted so far (so a failure can say
 * which one failed, and keep the counts before it).
 * Throws what the SDK throws when a listing fails.
 */
export async function countEverything(
  client: Client,
  capabilities: Record<string, unknown>,
  timeout: () => number,
  onTools: () => void,
  onListing: (listing: Listing, counted: Pick<SessionFacts, 'tools' | 'resources' | 'prompts'>) => void = () => {}
): Promise<Pick<SessionFacts, 'tools' | 'resources' | 'prompts'>> {
  const out: Pick<SessionFacts, 'tools' | 'resources' | 'prompts'> = {}
  onListing('tools', { ...out })
  out.tools = await countPages((cursor) => client.listTools({ cursor }, { timeout: timeout() }).then((r) => [r.tools.length, r.nextCursor]))
  onTools()
  if (capabilities.resources) {
    onListing('resources', { ...out })
    out.resources = await countPages((cursor) =>
      client.listResources({ cursor }, { timeout: timeout() }).then((r) => [r.resources.length, r.nextCursor])
    )
  }
  if (capabilities.prompts) {
    onListing('prompts', { ...out })
    out.prompts = await countPages((cursor) => client.listPrompts({ cursor }, { timeout: timeout() }).then((r) => [r.prompts.length, r.nextCursor]))
  }
  return out
}

async function countPages(fetchPage: (cursor: string | undefined) => Promise<[number, string | undefined]>): Promise<number> {
  let total = 0
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const [count, next] = await fetchPage(cursor)
    total += count
    if (!next) break
    cursor = next
  }
  return total
}

/** The session fields of any evidence, as the report shows them. */
export function sessionFields(facts: SessionFacts): Pick<SessionFacts, 'serverInfo' | 'protocolVersion' | 'tools' | 'resources' | 'prompts' | 'timings'> {
  const { serverInfo, protocolVersion, tools, resources, prompts, timings } = facts
  return { serverInfo, protocolVersion, tools, resources, prompts, timings }
}
