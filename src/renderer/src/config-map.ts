import { CLIENT_IDS, type ClientId, type ConfigReport, type ServerReport } from '../../shared/report'

export const FORMAT_LABELS: Record<NonNullable<ConfigReport['format']>, string> = {
  json: 'JSON',
  jsonc: 'JSON with comments',
  'json-comments': 'JSON with comments',
  toml: 'TOML',
  yaml: 'YAML'
}

export interface ClientMap {
  client: ClientId
  files: { config: ConfigReport; servers: ServerReport[] }[]
}

/** Config files grouped by client (in the usual client order), each with the servers read from it. */
export function groupConfigs(configs: readonly ConfigReport[], servers: readonly ServerReport[]): ClientMap[] {
  const out: ClientMap[] = []
  for (const client of CLIENT_IDS) {
    const files = configs
      .filter((c) => c.client === client)
      .map((config) => ({ config, servers: servers.filter((s) => s.client === client && s.configPath === config.path) }))
    if (files.length > 0) out.push({ client, files })
  }
  return out
}
