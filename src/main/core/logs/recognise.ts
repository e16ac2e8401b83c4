import type { FindingCode } from '../../../shared/findings'

/**
 * Known failure lines in client logs, each pointing at the finding code that explains it. The
 * patterns come from the regex bank in reference/failures.md and from what the clients write
 * themselves (Claude Code 2.1.197's `mcp-logs-*` and debug logs, Claude Desktop's `mcp*.log`,
 * VS Code's MCP output channels). First match wins, so the specific ones come first. This is
 * deliberately small: it names the kind of failure a log line shows, while the probe's pattern
 * bank (src/main/core/diagnose/) decides the cause from the server's own output.
 */

interface Pattern {
  code: FindingCode
  title: string
  re: RegExp
}

const PATTERNS: readonly Pattern[] = [
  { code: 'config-invalid-json', title: 'The client could not parse its config file', re: /error reading or parsing claude_desktop_config|Unexpected token .{0,20} in JSON at position|Bad escaped character in JSON/i },
  { code: 'client-ignores-entry', title: 'The client skipped an entry it does not accept', re: /not valid MCP server configurations and were skipped/i },
  { code: 'windows-cmd-wrapper-needed', title: "Windows needs a 'cmd /c' wrapper for this command", re: /requires 'cmd \/c' wrapper|spawn EINVAL/i },
  { code: 'stdout-pollution', title: 'The server printed something that is not JSON-RPC on stdout', re: /is not valid JSON|JsonParseException|Unexpected (?:token|non-whitespace character).{0,40}JSON/i },
  {
    code: 'runtime-too-old',
    title: 'The runtime is too old for this server',
    re: /is known not to run on Node\.js|You must supply a command|SyntaxError: Unexpected token (?:'\.'|'&&='|'\?\?='|'\{')|ReferenceError: (?:File|fetch|performance|ReadableStream|structuredClone) is not defined|does not satisfy Python>=/i
  },
  { code: 'module-not-found', title: 'The runtime cannot find the server’s code or a dependency', re: /ModuleNotFoundError|No module named|Cannot find module|MODULE_NOT_FOUND|ImportError|Error while finding module specification/i },
  { code: 'package-not-found', title: 'npx or uvx cannot fetch or run the package', re: /could not determine executable to run|npm (?:ERR!|error) (?:code )?E404|404 Not Found - GET https?:\/\/registry|No solution found when resolving/i },
  { code: 'docker-daemon-down', title: 'The Docker daemon does not answer', re: /Cannot connect to the Docker daemon|docker_engine|docker\.sock.{0,60}(?:no such file|connection refused|permission denied)/i },
  { code: 'command-only-in-login-shell', title: 'The command’s runtime is not on the PATH the client gives servers', re: /env: .?node.?: No such file|\/usr\/bin\/env: .?(?:node|python3?).?: No such file/i },
  {
    code: 'command-not-found',
    title: 'The client could not find the command',
    re: /spawn \S+ ENOENT|Executable not found in \$PATH|is not recognized as an internal or external command|command not found|Failed to spawn process: No such file|MCP startup failed: program not found/i
  },
  { code: 'not-executable', title: 'The command may not be executed', re: /\bEACCES\b|spawn \S+ EACCES|Permission denied|\bENOEXEC\b|Bad CPU type in executable|Exec format error/i },
  { code: 'tls-error', title: 'A certificate or TLS problem', re: /UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|unable to verify the first certificate|certificate verify failed/i },
  { code: 'dns-failure', title: 'A host name does not resolve', re: /\bENOTFOUND\b|getaddrinfo|\bEAI_AGAIN\b|Name or service not known/i },
  { code: 'connection-refused', title: 'Nothing accepts the connection', re: /\bECONNREFUSED\b|ConnectionRefused|Connection refused|Unable to connect\. Is the computer able to access the url/i },
  {
    code: 'auth-required',
    title: 'Authentication is needed or was refused',
    re: /\b(?:HTTP|status(?: code)?)\s*:?\s*40[13]\b|\b40[13] (?:Unauthorized|Forbidden)|Needs authentication|invalid_client|Invalid API key|Bad credentials|does not support dynamic client registration|Token exchange failed/i
  },
  {
    code: 'env-missing',
    title: 'A variable the server needs is not set',
    re: /(?:environment variable|env var)s?\b.{0,60}\b(?:is |are )?(?:required|not set|missing|must be (?:set|provided))|Missing (?:required )?environment variables?/i
  },
  // variable names are upper case: matched without the i flag, so "monkey is required" is not one
  {
    code: 'env-missing',
    title: 'A variable the server needs is not set',
    re: /\b[A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)\b.{0,40}\b(?:is (?:required|not set|missing)|not set|must be (?:set|provided))|[Pp]lease set (?:the )?\b[A-Z][A-Z0-9_]{2,}\b|KeyError: '[A-Z][A-Z0-9_]*'/
  },
  { code: 'protocol-version-mismatch', title: 'The server rejected the protocol version', re: /Unsupported protocol version|protocol version is not supported/i },
  { code: 'crash-after-start', title: 'The server failed after it started', re: /keyValidator\._parse|reading '_zod'|tools\/list failed|tools fetch failed/i },
  { code: 'transport-mismatch', title: 'The transport type or URL path does not match the server', re: /Non-200 status code \((?:400|404|405)\)|HTTP 405|Cannot GET \/sse|will attempt to fall back to legacy SSE/i },
  { code: 'handshake-timeout', title: 'The server did not answer in time', re: /timed out after \d+\s?ms|-32001|Request timed out|Waiting for server to respond to `initialize`/i },
  {
    code: 'process-exited',
    title: 'The server process exited',
    re: /Server transport closed unexpectedly|Connection closed(?![^\n]*\(cleanly\))|-32000|Process exited with code|exited before responding|Client closed for command|\bEADDRINUSE\b|address already in use|Server disconnected/i
  }
]

/** The known failure a log line shows, if any. */
export function recognise(text: string): { code: FindingCode; title: string } | undefined {
  for (const p of PATTERNS) if (p.re.test(text)) return { code: p.code, title: p.title }
  return undefined
}
