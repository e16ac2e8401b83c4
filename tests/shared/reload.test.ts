import { describe, expect, it } from 'vitest'
import { reloadInstructions } from '../../src/shared/reload'
import { CLIENT_IDS } from '../../src/shared/report'

describe('how each client picks up a changed config', () => {
  it('has instructions with steps and a source for every client', () => {
    for (const client of CLIENT_IDS) {
      const r = reloadInstructions(client)
      expect(r.client).toBe(client)
      expect(r.summary.length, client).toBeGreaterThan(10)
      expect(r.steps.length, client).toBeGreaterThan(0)
      expect(r.source, client).toMatch(/\w+\.\w+/)
    }
  })

  it('says how to quit Claude Desktop fully on each OS, since closing its window is not quitting', () => {
    expect(reloadInstructions('claude-desktop', 'darwin').steps[0]).toMatch(/Cmd\+Q/)
    expect(reloadInstructions('claude-desktop', 'win32').steps[0]).toMatch(/tray icon .* Quit/)
    expect(reloadInstructions('claude-desktop').note).toMatch(/Closing the window does not quit/)
  })

  it('names the documented commands: /mcp in Claude Code, "MCP: List Servers" → Restart in VS Code, the MCP settings toggle in Cursor', () => {
    expect(reloadInstructions('claude-code').steps.join(' ')).toMatch(/\/mcp.*Reconnect/)
    expect(reloadInstructions('vscode').summary).toBe('Run "MCP: List Servers", pick the server, choose Restart Server.')
    expect(reloadInstructions('cursor').summary).toMatch(/Toggle the server off and on in Cursor Settings › MCP/)
  })
})
