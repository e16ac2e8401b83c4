import { describe, expect, it } from 'vitest'
import { claudeJsonPath, managedMcpPaths } from '../../../src/main/core/clients/claude-code'
import { claudeDesktopConfigPath } from '../../../src/main/core/clients/claude-desktop'
import { clinePaths } from '../../../src/main/core/clients/cline'
import { codexPaths } from '../../../src/main/core/clients/codex'
import { continueUserPath } from '../../../src/main/core/clients/continue'
import { cursorUserPath } from '../../../src/main/core/clients/cursor'
import { geminiPaths } from '../../../src/main/core/clients/gemini-cli'
import { goosePath } from '../../../src/main/core/clients/goose'
import { lmStudioPaths } from '../../../src/main/core/clients/lm-studio'
import { vscodeUserPaths } from '../../../src/main/core/clients/vscode'
import { windsurfPaths } from '../../../src/main/core/clients/windsurf'
import { zedUserPath } from '../../../src/main/core/clients/zed'
import { hostPath } from '../../../src/main/core/clients/paths'
import { dataDir } from '../../../src/main/core/config/write'

const win = { platform: 'win32' as const, home: 'C:\\Users\\ann', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } }
const mac = { platform: 'darwin' as const, home: '/Users/ann', env: {} }
const linux = { platform: 'linux' as const, home: '/home/ann', env: {} }

function table(ctx: typeof win | typeof mac | typeof linux) {
  return {
    claudeCode: claudeJsonPath(ctx),
    claudeCodeManaged: managedMcpPaths(ctx)[0],
    claudeDesktop: claudeDesktopConfigPath(ctx),
    cursor: cursorUserPath(ctx),
    vscode: vscodeUserPaths(ctx)[0],
    windsurf: windsurfPaths(ctx).editor,
    gemini: geminiPaths(ctx).user,
    geminiSystem: geminiPaths(ctx).system,
    codex: codexPaths(ctx).user,
    cline: clinePaths(ctx)[0],
    zed: zedUserPath(ctx),
    lmStudio: lmStudioPaths(ctx)[0],
    goose: goosePath(ctx),
    continue: continueUserPath(ctx),
    medic: dataDir(ctx)
  }
}

describe('where each client keeps its config, per OS', () => {
  it('Windows', () => {
    expect(table(win)).toEqual({
      claudeCode: 'C:\\Users\\ann\\.claude.json',
      claudeCodeManaged: 'C:\\Program Files\\ClaudeCode\\managed-mcp.json',
      claudeDesktop: 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
      cursor: 'C:\\Users\\ann\\.cursor\\mcp.json',
      vscode: 'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json',
      windsurf: 'C:\\Users\\ann\\.codeium\\windsurf\\mcp_config.json',
      gemini: 'C:\\Users\\ann\\.gemini\\settings.json',
      geminiSystem: 'C:\\ProgramData\\gemini-cli\\settings.json',
      codex: 'C:\\Users\\ann\\.codex\\config.toml',
      cline: 'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
      zed: 'C:\\Users\\ann\\AppData\\Roaming\\Zed\\settings.json',
      lmStudio: 'C:\\Users\\ann\\.lmstudio\\mcp.json',
      goose: 'C:\\Users\\ann\\AppData\\Roaming\\Block\\goose\\config\\config.yaml',
      continue: 'C:\\Users\\ann\\.continue\\config.yaml',
      medic: 'C:\\Users\\ann\\AppData\\Roaming\\MCP Medic'
    })
  })

  it('macOS', () => {
    expect(table(mac)).toEqual({
      claudeCode: '/Users/ann/.claude.json',
      claudeCodeManaged: '/Library/Application Support/ClaudeCode/managed-mcp.json',
      claudeDesktop: '/Users/ann/Library/Application Support/Claude/claude_desktop_config.json',
      cursor: '/Users/ann/.cursor/mcp.json',
      vscode: '/Users/ann/Library/Application Support/Code/User/mcp.json',
      windsurf: '/Users/ann/.codeium/windsurf/mcp_config.json',
      gemini: '/Users/ann/.gemini/settings.json',
      geminiSystem: '/Library/Application Support/GeminiCli/settings.json',
      codex: '/Users/ann/.codex/config.toml',
      cline: '/Users/ann/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      zed: '/Users/ann/.config/zed/settings.json',
      lmStudio: '/Users/ann/.lmstudio/mcp.json',
      goose: '/Users/ann/.config/goose/config.yaml',
      continue: '/Users/ann/.continue/config.yaml',
      medic: '/Users/ann/Library/Application Support/MCP Medic'
    })
  })

  it('Linux, honouring XDG_CONFIG_HOME and the clients\' own variables', () => {
    expect(table(linux)).toMatchObject({
      claudeCodeManaged: '/etc/claude-code/managed-mcp.json',
      claudeDesktop: '/home/ann/.config/Claude/claude_desktop_config.json',
      vscode: '/home/ann/.config/Code/User/mcp.json',
      zed: '/home/ann/.config/zed/settings.json',
      geminiSystem: '/etc/gemini-cli/settings.json',
      medic: '/home/ann/.config/mcp-medic'
    })
    const xdg = { ...linux, env: { XDG_CONFIG_HOME: '/cfg', CODEX_HOME: '/codex', CLAUDE_CONFIG_DIR: '/cc', GEMINI_CLI_HOME: '/g' } }
    expect(table(xdg)).toMatchObject({
      claudeCode: '/cc/.claude.json',
      zed: '/cfg/zed/settings.json',
      vscode: '/cfg/Code/User/mcp.json',
      goose: '/cfg/goose/config.yaml',
      codex: '/codex/config.toml',
      gemini: '/g/.gemini/settings.json',
      medic: '/cfg/mcp-medic'
    })
  })
})

describe('hostPath: where a modelled machine\'s file is on this one', () => {
  const root = '/tmp/machine'
  it('is the path itself without an fsRoot (production)', () => {
    expect(hostPath({ platform: 'win32' }, 'C:\\Users\\ann\\.claude.json')).toBe('C:\\Users\\ann\\.claude.json')
    expect(hostPath({ platform: 'linux', fsRoot: '' }, '/etc/codex/config.toml')).toBe('/etc/codex/config.toml')
  })

  it('lays a Windows path out under the root by drive, or UNC share', () => {
    const win = { platform: 'win32' as const, fsRoot: root }
    expect(hostPath(win, 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json')).toBe('/tmp/machine/C/Users/ann/AppData/Roaming/Claude/claude_desktop_config.json')
    expect(hostPath(win, 'c:/Program Files/ClaudeCode/managed-mcp.json')).toBe('/tmp/machine/C/Program Files/ClaudeCode/managed-mcp.json')
    expect(hostPath(win, 'D:\\work\\.\\app\\..\\site\\.mcp.json')).toBe('/tmp/machine/D/work/site/.mcp.json')
    expect(hostPath(win, '\\\\fileserver\\share\\mcp.json')).toBe('/tmp/machine/UNC/fileserver/share/mcp.json')
  })

  it('lays a POSIX path out under the root, where a backslash is part of a name', () => {
    const mac = { platform: 'darwin' as const, fsRoot: root }
    expect(hostPath(mac, '/Library/Application Support/ClaudeCode/managed-mcp.json')).toBe('/tmp/machine/Library/Application Support/ClaudeCode/managed-mcp.json')
    expect(hostPath({ platform: 'linux', fsRoot: root }, '/home/ann/odd\\name.json')).toBe('/tmp/machine/home/ann/odd\\name.json')
  })

  it('never climbs out of the root', () => {
    expect(hostPath({ platform: 'linux', fsRoot: root }, '/home/../../../etc/passwd')).toBe('/tmp/machine/etc/passwd')
    expect(hostPath({ platform: 'win32', fsRoot: root }, 'C:\\..\\..\\Windows\\win.ini')).toBe('/tmp/machine/C/Windows/win.ini')
    expect(hostPath({ platform: 'win32', fsRoot: root }, '..\\..\\secret')).toBe('/tmp/machine/secret')
  })
})
