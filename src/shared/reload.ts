import type { ClientId } from './report'

/**
 * How to make each client pick up a changed config (step 7), as pure data: the app's step 7 and
 * the CLI show it after a fix. `source` says where the fact comes from, so it can be checked again
 * when a client changes. Where the documented way is not certain, the steps end with the way that
 * always works: quitting the client fully and starting it again.
 */

export interface ReloadInstructions {
  client: ClientId
  /** one line: what to do */
  summary: string
  /** the steps, in order */
  steps: string[]
  /** a pitfall worth knowing ("closing the window is not quitting") */
  note?: string
  /** whether the client notices an edited config file by itself */
  watchesConfig: boolean
  /** where this comes from */
  source: string
}

type Platform = 'darwin' | 'win32' | 'linux' | string

const QUIT: Record<'darwin' | 'win32' | 'other', string> = {
  darwin: 'Quit it fully: Cmd+Q, or the menu bar › Quit (closing the window leaves it running)',
  win32: 'Quit it fully: the tray icon (bottom right, near the clock) › Quit, or File › Exit (closing the window leaves it running in the tray)',
  other: 'Quit it fully from its menu or tray icon (closing the window may leave it running)'
}

function quit(platform: Platform): string {
  return platform === 'darwin' ? QUIT.darwin : platform === 'win32' ? QUIT.win32 : QUIT.other
}

function build(platform: Platform): Record<ClientId, Omit<ReloadInstructions, 'client'>> {
  return {
    'claude-code': {
      summary: 'Start a new Claude Code session, or reconnect the server from /mcp.',
      steps: [
        'Claude Code reads its MCP config when a session starts: exit the session (/exit or Ctrl+C twice) and run `claude` again (`claude --continue` keeps the conversation).',
        'For a server that is configured already and only needs another try: type /mcp, pick the server and choose Reconnect.',
        'Check with `claude mcp list` or /mcp that it shows "connected".'
      ],
      note: 'A project server from .mcp.json must also be approved when Claude Code asks (or listed in enabledMcpjsonServers).',
      watchesConfig: false,
      source: 'code.claude.com/docs/en/mcp (/mcp, claude mcp list); servers load at session start: anthropics/claude-code#46426, #17675'
    },
    'claude-desktop': {
      summary: 'Quit Claude Desktop fully and open it again.',
      steps: [`${quit(platform)}.`, 'Open Claude Desktop again; it starts every server in claude_desktop_config.json.', 'Check Settings › Developer: the server should show "running".'],
      note: 'Closing the window does not quit Claude Desktop, so it keeps the old config.',
      watchesConfig: false,
      source: 'modelcontextprotocol.io quickstart ("restart Claude for Desktop"), debugging guide; tray behaviour from Claude Desktop on Windows'
    },
    cursor: {
      summary: 'Toggle the server off and on in Cursor Settings › MCP (Tools & MCP).',
      steps: [
        'Open Cursor Settings (Cmd/Ctrl+Shift+J) › Tools & MCP (MCP in older versions).',
        'Turn the server off and on again with its switch, or press its refresh button.',
        'If it still shows the old state, reload the window (Command Palette › "Developer: Reload Window") or restart Cursor.'
      ],
      watchesConfig: true,
      source: 'docs.cursor.com/context/mcp (Settings › MCP, enable/disable toggles)'
    },
    vscode: {
      summary: 'Run "MCP: List Servers", pick the server, choose Restart Server.',
      steps: [
        'Open the Command Palette (Cmd/Ctrl+Shift+P) and run "MCP: List Servers".',
        'Pick the server and choose "Restart Server" ("Start Server" if it is stopped).',
        'Or, in mcp.json, use the Restart action VS Code shows above the server entry.'
      ],
      note: 'VS Code starts a server the first time a chat needs it, so a server may show as stopped until then.',
      watchesConfig: true,
      source: 'code.visualstudio.com/docs/copilot/chat/mcp-servers (MCP: List Servers, Restart Server); microsoft/vscode#244741'
    },
    windsurf: {
      summary: 'Press Refresh in Cascade’s MCP servers panel.',
      steps: [
        'In the Cascade panel, open the MCP servers view (the hammer/plug icon, or Windsurf Settings › Cascade › MCP Servers).',
        'Press Refresh; the server should come up with its tools.',
        'If it does not, restart Windsurf.'
      ],
      watchesConfig: false,
      source: 'docs.windsurf.com/windsurf/cascade/mcp (mcp_config.json, refresh)'
    },
    'gemini-cli': {
      summary: 'Restart Gemini CLI.',
      steps: ['Gemini CLI reads settings.json at start: exit (/quit) and run `gemini` again.', 'Type /mcp to see the server and its tools (or run `gemini mcp list`).'],
      note: 'A project’s .gemini/settings.json is used only in a trusted folder.',
      watchesConfig: false,
      source: 'geminicli.com/docs/tools/mcp-server (/mcp, gemini mcp list); "restart Gemini CLI" after editing settings.json'
    },
    codex: {
      summary: 'Start a new Codex session.',
      steps: ['Codex reads config.toml when it starts: quit Codex (Ctrl+C) and run `codex` again.', 'In the IDE extension, reload the editor window.', 'Type /mcp in Codex to see the servers it started.'],
      watchesConfig: false,
      source: 'developers.openai.com/codex/mcp (config.toml [mcp_servers], /mcp)'
    },
    cline: {
      summary: 'Press Restart Server in Cline’s MCP Servers view.',
      steps: ['Click the MCP Servers icon at the top of the Cline panel and open Installed.', 'Press "Restart Server" under the server (or turn it off and on).'],
      note: 'Cline reloads cline_mcp_settings.json when it is saved; a server that still fails shows its error there.',
      watchesConfig: true,
      source: 'docs.cline.bot/mcp/configuring-mcp-servers (Restart Server, enable/disable)'
    },
    zed: {
      summary: 'Save settings.json; if the server does not restart, turn it off and on in Zed’s MCP server settings.',
      steps: [
        'Zed applies settings.json when it is saved and restarts the changed context server.',
        'If it still shows an error, turn the server off and on in Settings › AI › MCP Servers (the Agent panel’s settings in older versions).',
        'Or restart Zed.'
      ],
      watchesConfig: true,
      source: 'zed.dev/docs/ai/mcp (context_servers in settings.json; Settings › AI › MCP Servers)'
    },
    'lm-studio': {
      summary: 'Save mcp.json in LM Studio, then reload the server from the Program tab.',
      steps: ['Edit mcp.json from LM Studio’s Program tab (Install › Edit mcp.json) and save it.', 'Turn the server off and on in the same tab, or restart LM Studio.'],
      watchesConfig: true,
      source: 'lmstudio.ai/docs/app/mcp (Program tab › Install › Edit mcp.json)'
    },
    goose: {
      summary: 'Start a new Goose session (Desktop: restart Goose).',
      steps: ['Goose loads its extensions when a session starts: end the session and start `goose session` again.', 'In Goose Desktop, open the sidebar › Extensions and turn the extension off and on, or restart the app.'],
      watchesConfig: false,
      source: 'block.github.io/goose/docs/getting-started/using-extensions (sidebar › Extensions toggles), docs/guides/config-files (extensions in config.yaml)'
    },
    continue: {
      summary: 'Save the config; if Continue does not pick it up, reload the editor window.',
      steps: ['Continue reloads config.yaml (and .continue/mcpServers/*) when they are saved.', 'If the server does not appear, run "Developer: Reload Window" in VS Code (File › Invalidate Caches / restart in JetBrains).'],
      watchesConfig: true,
      source: 'docs.continue.dev/customize/deep-dives/mcp (mcpServers in config.yaml, .continue/mcpServers)'
    }
  }
}

/** How to make `client` pick up a changed config, worded for the OS it runs on. */
export function reloadInstructions(client: ClientId, platform: Platform = 'linux'): ReloadInstructions {
  return { client, ...build(platform)[client] }
}
