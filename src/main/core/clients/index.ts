import type { ClientId } from '../../../shared/report'
import { claudeCode } from './claude-code'
import type { ClientAdapter } from './types'

/** Every client MCP Medic knows how to read, in the order they are listed. */
export const ADAPTERS: readonly ClientAdapter[] = [claudeCode]

export function adaptersFor(clients: readonly ClientId[] | undefined): ClientAdapter[] {
  if (!clients || clients.length === 0) return [...ADAPTERS]
  return ADAPTERS.filter((a) => clients.includes(a.id))
}
