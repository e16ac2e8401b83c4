import type { ClientId } from '../../../shared/report'
import type { ConfigFormat } from '../config/formats'
import { CLAUDE_CODE_DIALECT } from './claude-code'
import { CLAUDE_DESKTOP_DIALECT } from './claude-desktop'
import { CLINE_DIALECT } from './cline'
import { CODEX_DIALECT } from './codex'
import { CONTINUE_DIALECT, CONTINUE_JSON_DIALECT } from './continue'
import { CURSOR_DIALECT } from './cursor'
import { GEMINI_DIALECT } from './gemini-cli'
import { GOOSE_DIALECT } from './goose'
import { LM_STUDIO_DIALECT } from './lm-studio'
import type { DialectSpec } from './normalize'
import { VSCODE_DIALECT } from './vscode'
import { WINDSURF_DIALECT } from './windsurf'
import { ZED_DIALECT } from './zed'

/** Each client's entry dialect, for reading and for validating an edit. */
export const DIALECTS: Record<ClientId, DialectSpec> = {
  'claude-code': CLAUDE_CODE_DIALECT,
  'claude-desktop': CLAUDE_DESKTOP_DIALECT,
  cursor: CURSOR_DIALECT,
  vscode: VSCODE_DIALECT,
  windsurf: WINDSURF_DIALECT,
  'gemini-cli': GEMINI_DIALECT,
  codex: CODEX_DIALECT,
  cline: CLINE_DIALECT,
  zed: ZED_DIALECT,
  'lm-studio': LM_STUDIO_DIALECT,
  goose: GOOSE_DIALECT,
  continue: CONTINUE_DIALECT
}

/**
 * The dialect an entry is read in: the client's, except where one client reads a second format
 * its own way (Continue's JSON drop-ins in `.continue/mcpServers/` use Claude Desktop's fields).
 */
export function dialectFor(client: ClientId, format?: ConfigFormat): DialectSpec {
  if (client === 'continue' && format !== undefined && format !== 'yaml') return CONTINUE_JSON_DIALECT
  return DIALECTS[client]
}

/** The key holding the servers object in each client's files. */
export const SERVERS_KEY: Record<ClientId, string> = {
  'claude-code': 'mcpServers',
  'claude-desktop': 'mcpServers',
  cursor: 'mcpServers',
  vscode: 'servers',
  windsurf: 'mcpServers',
  'gemini-cli': 'mcpServers',
  codex: 'mcp_servers',
  cline: 'mcpServers',
  zed: 'context_servers',
  'lm-studio': 'mcpServers',
  goose: 'extensions',
  continue: 'mcpServers'
}
