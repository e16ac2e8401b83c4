import { readdirSync } from 'node:fs'
import type { EngineContext } from '../context'
import type { ClientId } from '../../../shared/report'
import { hostPath, pathsFor } from './paths'
import type { LaunchModel } from './types'

/** The PATH launchd gives an app started from the Dock or Finder on macOS. */
export const LAUNCHD_PATH: readonly string[] = ['/usr/bin', '/bin', '/usr/sbin', '/sbin']

/** The variables Codex passes a stdio server on Unix (codex-rs/rmcp-client/src/utils.rs, DEFAULT_ENV_VARS). */
export const CODEX_ENV_KEYS_POSIX: readonly string[] = [
  'HOME',
  'LOGNAME',
  'PATH',
  'SHELL',
  'USER',
  '__CF_USER_TEXT_ENCODING',
  'LANG',
  'LC_ALL',
  'TERM',
  'TMPDIR',
  'TZ'
]

/** The variables Codex passes on Windows (codex-rs protocol shell_environment.rs, WINDOWS_CORE_ENV_VARS). */
export const CODEX_ENV_KEYS_WIN32: readonly string[] = [
  'PATH',
  'PATHEXT',
  'SHELL',
  'COMSPEC',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'USERNAME',
  'USERDOMAIN',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'PROGRAMW6432',
  'PROGRAMDATA',
  'LOCALAPPDATA',
  'APPDATA',
  'TEMP',
  'TMP',
  'TMPDIR',
  'POWERSHELL',
  'PWSH'
]

/**
 * Clients whose PATH and environment for servers are not documented. Their launch model assumes
 * the kind case (they read the login shell, or run from a terminal); the rules warn where a
 * server works only because of that (Cursor and Windsurf started from the Dock may not read the
 * shell, Goose has a desktop app besides its CLI, Zed's and the extensions' are inferred).
 */
export const UNDOCUMENTED_LAUNCH: ReadonlySet<ClientId> = new Set(['cursor', 'windsurf', 'goose', 'zed', 'cline', 'continue'])

/** The PATH an app started from the Dock (macOS) or a desktop menu (Linux) can count on. */
export function unkindPath(platform: NodeJS.Platform): readonly string[] {
  return platform === 'darwin' ? LAUNCHD_PATH : ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', '/snap/bin']
}

const TERMINAL = 'a terminal program'
const DESKTOP = 'a desktop app'
const EDITOR = 'an editor that reads your login shell at startup'

/**
 * How `client` starts a stdio server whose working folder would be `cwd`, on the machine `ctx`
 * describes: which PATH it has (`pathFrom`), which variables it passes (`envPolicy`), which
 * folder, which startup timeout. Every adapter takes its launch model from here, so the facts
 * live in one place; each carries its `source`. Facts marked "not documented" are the closest
 * documented behaviour of the technology the client is built on.
 */
export function launchModelFor(client: ClientId, ctx: EngineContext, cwd: string): LaunchModel {
  const mac = ctx.platform === 'darwin'
  const win = ctx.platform === 'win32'
  const gui = mac ? ('launchd' as const) : ('process' as const)
  switch (client) {
    case 'claude-code': {
      const fromEnv = Number(ctx.env.MCP_TIMEOUT)
      return {
        cwd,
        timeoutMs: Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 30_000,
        timeoutSetting: 'the MCP_TIMEOUT environment variable (milliseconds, default 30000)',
        envPolicy: 'inherit',
        pathFrom: 'terminal',
        extraEnv: { CLAUDECODE: '1', CLAUDE_PROJECT_DIR: cwd },
        kind: TERMINAL,
        source:
          'Claude Code 2.1.197: the SDK stdio transport gets its whole environment (minus its own credentials and OTEL_* variables) plus CLAUDE_PROJECT_DIR, CLAUDE_CODE_SESSION_ID, CLAUDECODE=1 and the entry env, in the folder `claude` runs in; startup timeout MCP_TIMEOUT, default 30000 ms'
      }
    }
    case 'claude-desktop':
      return {
        // macOS starts it with `/` as the working folder; on Windows it is the versioned install
        // folder (AnthropicClaude\app-x.y.z), which moves with every update: the home stands in.
        cwd: mac ? '/' : ctx.home,
        timeoutMs: 60_000,
        timeoutSetting: "none: Claude Desktop has no setting; the MCP SDK's 60 s request timeout applies",
        envPolicy: 'sdk-default',
        pathFrom: gui,
        ...(mac ? { pathPrepend: [...nvmBinsLexical(ctx), '/usr/local/bin', '/opt/homebrew/bin'] } : {}),
        kind: DESKTOP,
        source:
          "modelcontextprotocol.io debugging guide (servers inherit only USER, HOME, PATH…, working folder may be `/` on macOS); newer builds log `Using MCP server command: … with args and path: { paths: [...] }`, listing every ~/.nvm/versions/node/*/bin in lexical order, then /usr/local/bin and /opt/homebrew/bin (modelcontextprotocol/servers#64, failures.md nvm-old-node)"
      }
    case 'cursor':
    case 'windsurf':
      return {
        cwd,
        timeoutMs: 60_000,
        timeoutSetting: "not documented: the MCP SDK's 60 s request timeout is assumed",
        envPolicy: 'inherit',
        pathFrom: win ? 'process' : 'login-shell',
        kind: EDITOR,
        source:
          'a VS Code fork: its main process resolves the login-shell environment at startup (vscode src/vs/platform/shell/node/shellEnv.ts) and servers inherit it; which variables it passes is not documented'
      }
    case 'vscode':
      return {
        cwd,
        timeoutMs: 60_000,
        timeoutSetting: 'not documented: VS Code keeps waiting, logging "Waiting for server to respond to `initialize` request..."',
        envPolicy: 'inherit',
        pathFrom: win ? 'process' : 'login-shell',
        entryPath: 'append',
        kind: EDITOR,
        source:
          "vscode src/vs/workbench/api/node/extHostMcpNode.ts: spawn with { ...process.env, envFile, env } (an entry's PATH is appended), cwd = the entry's cwd or the workspace folder; the login-shell environment is read at startup (shellEnv.ts)"
      }
    case 'cline':
    case 'continue':
      return {
        cwd,
        timeoutMs: 60_000,
        timeoutSetting: client === 'cline' ? 'the entry\'s "timeout" (seconds, default 60)' : "not documented: the MCP SDK's 60 s request timeout is assumed",
        envPolicy: 'sdk-default',
        pathFrom: win ? 'process' : 'login-shell',
        kind: 'an editor extension',
        source:
          "runs in VS Code's extension host, whose environment comes from the login shell; starts servers with the MCP SDK's StdioClientTransport (HOME, LOGNAME, PATH, SHELL, TERM, USER plus the entry env)"
      }
    case 'zed':
      return {
        cwd,
        timeoutMs: 60_000,
        timeoutSetting: 'the entry\'s "timeout" (seconds, default 60)',
        envPolicy: 'inherit',
        pathFrom: win ? 'process' : 'login-shell',
        kind: EDITOR,
        source: "Zed loads the login shell's environment for each project and starts context servers with it plus the entry's env"
      }
    case 'gemini-cli':
      return {
        cwd,
        timeoutMs: 600_000,
        timeoutSetting: 'the entry\'s "timeout" (milliseconds, default 600000)',
        envPolicy: 'inherit',
        pathFrom: 'terminal',
        kind: TERMINAL,
        source:
          'gemini-cli packages/core/src/tools/mcp-client.ts: StdioClientTransport with { ...sanitizeEnvironment(process.env), ...entry env }, cwd = the entry\'s cwd or the folder `gemini` runs in; docs/tools/mcp-server.md (timeout default 600000 ms)'
      }
    case 'codex':
      return {
        cwd,
        timeoutMs: 10_000,
        timeoutSetting: 'startup_timeout_sec in ~/.codex/config.toml (default 10 s)',
        envPolicy: 'sdk-default',
        envKeys: win ? CODEX_ENV_KEYS_WIN32 : CODEX_ENV_KEYS_POSIX,
        pathFrom: 'terminal',
        kind: TERMINAL,
        source:
          'codex-rs/rmcp-client/src/utils.rs create_env_for_mcp_server: only DEFAULT_ENV_VARS, the names in env_vars and the entry env; developers.openai.com/codex/mcp (startup_timeout_sec default 10)'
      }
    case 'goose':
      return {
        cwd,
        timeoutMs: 300_000,
        timeoutSetting: 'the extension\'s "timeout" (seconds, default 300)',
        envPolicy: 'inherit',
        pathFrom: 'terminal',
        kind: TERMINAL,
        source: 'goose CLI: a Rust process that starts extensions with its own environment plus the entry envs (not documented in detail)'
      }
    case 'lm-studio':
      return {
        cwd: ctx.home,
        timeoutMs: 60_000,
        timeoutSetting: "not documented: the MCP SDK's 60 s request timeout is assumed",
        envPolicy: 'sdk-default',
        pathFrom: gui,
        kind: DESKTOP,
        source: 'an Electron desktop app following Cursor\'s mcp.json notation; how it starts servers is not documented'
      }
  }
}

/** `~/.nvm/versions/node/*\/bin` in lexical order (v10 before v18 before v9), as Claude Desktop lists them. */
function nvmBinsLexical(ctx: EngineContext): string[] {
  const p = pathsFor(ctx)
  const root = p.join(ctx.env.NVM_DIR ?? p.join(ctx.home, '.nvm'), 'versions', 'node')
  try {
    return readdirSync(hostPath(ctx, root))
      .sort()
      .map((v) => p.join(root, v, 'bin'))
  } catch {
    return []
  }
}
