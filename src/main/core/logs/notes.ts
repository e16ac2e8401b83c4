import { CLIENT_NAMES } from '../../../shared/report'
import { appDataDir, inHome, pathsFor } from '../clients/paths'
import type { ServerEntry } from '../clients/types'
import { fileInfo, type LogCtx } from './fs'
import { claudeCodeCacheDir, claudeCodeDebugDir, claudeDesktopLogDirs, claudeSlug, type Located } from './locate'

/** Above this, a log folder gets a size warning: clients have filled whole disks with MCP logs (anthropics/claude-code#69427). */
export const HUGE_BYTES = 1024 ** 3

/**
 * What the user should know about a client's logs for this server: where they are (or would be),
 * how to see more, and what MCP Medic cannot read. Always at least one line, so step 6 never shows
 * an empty box without saying why.
 */
export async function logNotes(ctx: LogCtx, entry: ServerEntry, located: Located, found: number): Promise<string[]> {
  const p = pathsFor(ctx)
  const client = CLIENT_NAMES[entry.client]
  const notes = [...located.notes]
  const none = found === 0
  switch (entry.client) {
    case 'claude-code': {
      const folder = p.join(claudeCodeCacheDir(ctx), entry.project ? claudeSlug(entry.project) : '<project>', `mcp-logs-${claudeSlug(entry.name)}`)
      notes.push(
        `${none ? 'No log of this server yet. ' : ''}Claude Code writes one log per session for this server in ${folder}; \`claude --debug\` also writes ${p.join(claudeCodeDebugDir(ctx), '<session>.txt')}. In a session, /mcp shows each server's state.`
      )
      break
    }
    case 'claude-desktop': {
      // the folder this install writes to (Windows has several), else the usual one
      const own = located.files.find((f) => f.client === 'claude-desktop')
      const dir = own ? p.dirname(own.path) : (await claudeDesktopLogDirs(ctx))[0]
      notes.push(
        `${none ? 'No log of this server yet. ' : ''}Claude Desktop writes the server's stderr to ${p.join(dir!, `mcp-server-${entry.name}.log`)} and its connection attempts to mcp.log beside it (Settings › Developer › Open Logs Folder).`
      )
      break
    }
    case 'vscode':
      notes.push(
        `${none ? 'No log of this server yet: VS Code writes one when it starts the server (in a chat, or with "MCP: List Servers" → Start Server). ' : ''}In VS Code: "MCP: List Servers" → ${entry.name} → Show Output. The same lines are in ${p.join(appDataDir(ctx), 'Code', 'logs', '<session>', 'window<N>')}; "Developer: Set Log Level…" → Trace shows more.`
      )
      break
    case 'cursor':
      notes.push(
        `${none ? 'No log of this server yet. ' : ''}In Cursor: View › Output, then pick "MCP: ${entry.scope === 'project' ? 'project-…' : 'user'}-${entry.name}" (files under ${p.join(appDataDir(ctx), 'Cursor', 'logs', '<session>', 'window<N>', 'exthost', 'anysphere.cursor-mcp')}).`
      )
      break
    case 'windsurf':
      notes.push(`Windsurf logs MCP connections in its language server's log (Developer: Show Logs → Windsurf), under ${p.join(appDataDir(ctx), 'Windsurf', 'logs')}.`)
      break
    case 'codex': {
      const home = ctx.env.CODEX_HOME || inHome(ctx, '.codex')
      const db = await fileInfo(ctx, p.join(home, 'logs_2.sqlite'))
      const size = db ? ` (${formatBytes(db.bytes)}${db.bytes >= HUGE_BYTES ? ', which is a lot of disk' : ''})` : ''
      notes.push(
        `Codex keeps its logs in ${p.join(home, 'logs_2.sqlite')}${size}, a SQLite database MCP Medic does not read (\`sqlite3 -readonly\` opens it). For a text log, start Codex with \`RUST_LOG=debug codex -c log_dir=<folder>\`; older versions wrote ${p.join(home, 'log', 'codex-tui.log')}.`
      )
      break
    }
    case 'gemini-cli':
      notes.push('Gemini CLI writes no log file for MCP servers. Start `gemini --debug` and open the debug console (F12) to see their stderr, or type /mcp for each server\'s state and error.')
      break
    case 'cline':
      notes.push("Cline writes no separate MCP log: its MCP Servers view (Installed) shows each server's error, and Restart Server retries it.")
      break
    case 'zed':
      notes.push(`Zed logs context-server errors in Zed.log (command palette: "zed: open log").`)
      break
    default:
      notes.push(`MCP Medic knows of no log file ${client} writes for its MCP servers; its own settings screen shows each server's state.`)
  }
  return notes
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}
