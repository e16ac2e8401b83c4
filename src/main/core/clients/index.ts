import type { ClientId } from '../../../shared/report'
import { claudeCode } from './claude-code'
import { claudeDesktop } from './claude-desktop'
import { cline } from './cline'
import { codex } from './codex'
import { continueDev } from './continue'
import { cursor } from './cursor'
import { geminiCli } from './gemini-cli'
import { goose } from './goose'
import { lmStudio } from './lm-studio'
import { vscode } from './vscode'
import { windsurf } from './windsurf'
import { zed } from './zed'
import type { ClientAdapter } from './types'

/** Every client MCP Medic knows how to read, in the order they are listed. */
export const ADAPTERS: readonly ClientAdapter[] = [claudeCode, claudeDesktop, cursor, vscode, windsurf, geminiCli, codex, cline, zed, lmStudio, goose, continueDev]

export function adaptersFor(clients: readonly ClientId[] | undefined): ClientAdapter[] {
  if (!clients || clients.length === 0) return [...ADAPTERS]
  return ADAPTERS.filter((a) => clients.includes(a.id))
}
