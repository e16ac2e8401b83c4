import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { CLIENT_IDS, type ClientId } from '../../../shared/report'
import { hostPath, pathsFor } from '../clients/paths'
import { dataDir } from '../config/write'
import type { EngineContext } from '../context'

/**
 * Which public status pages the outage line reads, and which clients each one matters for. All
 * are Atlassian Statuspage sites (or compatible), read at `/api/v2/summary.json`. The defaults can
 * be changed two ways, the variable winning over the file:
 *
 * - `status-pages.json` in MCP Medic's data folder: `{ "pages": [{ "id", "url", "name"?, "clients"? }],
 *   "defaults": false? }`: a page whose id is a default's replaces its URL, others are added;
 *   `"defaults": false` drops the defaults.
 * - `MCP_MEDIC_STATUS_PAGES`: `off` (no outage line at all), or comma-separated `id=url` items with
 *   the same meaning (`anthropic=https://status.example.com,corp=https://status.corp.example`).
 *
 * A URL may be the page itself (`https://status.claude.com`) or its JSON; only http(s) is accepted.
 */

export interface StatusPage {
  id: string
  name: string
  /** the page a person opens */
  pageUrl: string
  /** the Statuspage summary JSON */
  apiUrl: string
  clients: ClientId[]
}

function page(id: string, name: string, pageUrl: string, clients: ClientId[]): StatusPage {
  return { id, name, pageUrl, apiUrl: `${pageUrl}/api/v2/summary.json`, clients }
}

/** The vendors behind the clients MCP Medic knows. Gemini CLI's (Google) has no Statuspage JSON. */
export const DEFAULT_STATUS_PAGES: readonly StatusPage[] = [
  page('anthropic', 'Anthropic (Claude)', 'https://status.claude.com', ['claude-code', 'claude-desktop']),
  page('openai', 'OpenAI', 'https://status.openai.com', ['codex']),
  page('github', 'GitHub (Copilot)', 'https://www.githubstatus.com', ['vscode']),
  page('cursor', 'Cursor', 'https://status.cursor.com', ['cursor']),
  page('windsurf', 'Windsurf', 'https://status.windsurf.com', ['windsurf'])
]

export const STATUS_PAGES_FILE = 'status-pages.json'
export const STATUS_PAGES_ENV = 'MCP_MEDIC_STATUS_PAGES'

const SettingsSchema = z.object({
  defaults: z.boolean().optional(),
  pages: z
    .array(
      z.object({
        id: z.string().min(1).max(64).regex(/^[\w.-]+$/, 'letters, digits, "-", "_" and "." only'),
        url: z.string().min(1).max(2000),
        name: z.string().min(1).max(200).optional(),
        clients: z.array(z.enum(CLIENT_IDS)).optional()
      })
    )
    .max(50)
    .optional()
})

export interface ConfiguredPages {
  pages: StatusPage[]
  /** what was wrong with the configuration, in words (the rest of it still applies) */
  problems: string[]
}

type Item = { id: string; url: string; name?: string; clients?: ClientId[] }

/** The status pages to read on this machine: the defaults, changed by the settings file and the variable. */
export async function configuredPages(ctx: Pick<EngineContext, 'platform' | 'home' | 'env' | 'fsRoot'>): Promise<ConfiguredPages> {
  const problems: string[] = []
  let pages = [...DEFAULT_STATUS_PAGES]
  const file = pathsFor(ctx).join(dataDir(ctx), STATUS_PAGES_FILE)
  const settings = await readSettings(hostPath(ctx, file), file, problems)
  if (settings?.defaults === false) pages = []
  pages = apply(pages, settings?.pages ?? [], problems, file)
  const env = ctx.env[STATUS_PAGES_ENV]?.trim()
  if (env && /^(?:off|none|0|false)$/i.test(env)) return { pages: [], problems }
  if (env) pages = apply(pages, parseEnv(env, problems), problems, STATUS_PAGES_ENV)
  return { pages, problems }
}

async function readSettings(host: string, shown: string, problems: string[]): Promise<z.infer<typeof SettingsSchema> | undefined> {
  let text: string
  try {
    text = await readFile(host, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${shown} could not be read: ${(error as Error).message}`)
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    problems.push(`${shown} is not valid JSON (${(error as Error).message}); the default status pages are used.`)
    return undefined
  }
  const parsed = SettingsSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    problems.push(`${shown}: ${issue?.path.join('.') || 'the file'} ${issue?.message ?? 'is not valid'}; the default status pages are used.`)
    return undefined
  }
  return parsed.data
}

function parseEnv(value: string, problems: string[]): Item[] {
  const items: Item[] = []
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=')
    if (eq <= 0) problems.push(`${STATUS_PAGES_ENV}: "${part.slice(0, 80)}" is not id=url.`)
    else items.push({ id: part.slice(0, eq).trim(), url: part.slice(eq + 1).trim() })
  }
  return items
}

function apply(pages: StatusPage[], items: readonly Item[], problems: string[], where: string): StatusPage[] {
  const out = [...pages]
  for (const item of items) {
    const urls = statusUrls(item.url)
    if (!urls) {
      problems.push(`${where}: "${item.url.slice(0, 120)}" for ${item.id} is not an http(s) URL.`)
      continue
    }
    const index = out.findIndex((p) => p.id === item.id)
    const old = index === -1 ? undefined : out[index]
    const next: StatusPage = { id: item.id, name: item.name ?? old?.name ?? item.id, ...urls, clients: item.clients ?? old?.clients ?? [] }
    if (index === -1) out.push(next)
    else out[index] = next
  }
  return out
}

/** A page's own URL and its summary JSON, from either of them. */
export function statusUrls(url: string): { pageUrl: string; apiUrl: string } | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined
  if (/\.json$/i.test(parsed.pathname)) return { pageUrl: parsed.origin, apiUrl: parsed.href }
  const base = parsed.href.replace(/\/+$/, '')
  return { pageUrl: base, apiUrl: `${base}/api/v2/summary.json` }
}
