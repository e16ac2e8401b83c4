import { describe, expect, it } from 'vitest'
import type { ServerEntry } from '../../../src/main/core/clients/types'
import { outputCause, type OutputFacts } from '../../../src/main/core/diagnose/rules/output-causes'
import { envComplaint, fieldToVariable, upperSnake } from '../../../src/main/core/diagnose/rules/env-names'
import { serverIdentity } from '../../../src/main/core/diagnose/rules/env-missing'
import { portsInUse } from '../../../src/main/core/probe/port-holder'
import { finding } from '../../../src/shared/findings'

/**
 * The output rules on what servers really print (failures.md's verbatim symptoms, the real npm
 * servers' own words) and on wordings no server in these tests prints, so the rules are shown to
 * generalise; and healthy servers' chatty stderr, which must name nothing.
 */

const entry = (extra: Partial<ServerEntry> = {}): ServerEntry => ({
  id: 'claude-code:user:it:1',
  name: 'it',
  client: 'claude-code',
  scope: 'user',
  configPath: '/home/u/.claude.json',
  raw: {},
  transport: 'stdio',
  command: 'node',
  args: ['/srv/server.js'],
  findings: [],
  launch: { cwd: '/home/u', timeoutMs: 30_000, timeoutSetting: 'MCP_TIMEOUT', envPolicy: 'inherit', pathFrom: 'terminal' },
  ...extra
})

function cause(stderr: string, extra: Partial<OutputFacts> = {}) {
  return outputCause({ entry: entry(), outcome: 'exited', stderr, exit: { code: 1, signal: null }, ...extra })
}

const names = (stderr: string, known: string[] = []) => envComplaint(stderr, new Set(known))?.names

describe('env-missing: names from any wording', () => {
  it.each([
    ['Error: BRAVE_API_KEY environment variable is required', ['BRAVE_API_KEY']],
    ['Please set SLACK_BOT_TOKEN and SLACK_TEAM_ID environment variables', ['SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']],
    ['GITHUB_PERSONAL_ACCESS_TOKEN not set', ['GITHUB_PERSONAL_ACCESS_TOKEN']],
    ['Plugin MCP server error - mcp-config-invalid: MCP server github invalid: Missing environment variables: GITHUB_PERSONAL_ACCESS_TOKEN', ['GITHUB_PERSONAL_ACCESS_TOKEN']],
    ['Missing environment variables: FOO_URL, BAR_TOKEN', ['FOO_URL', 'BAR_TOKEN']],
    // wordings no fixture prints
    ['ZEPHYR_TENANT must be provided before the server can start', ['ZEPHYR_TENANT']],
    ['[fatal] config error — NOTION_INTEGRATION_SECRET is undefined', ['NOTION_INTEGRATION_SECRET']],
    ['configuration: the variable ACME_HOST was not found in the environment', ['ACME_HOST']],
    ['✗ no QDRANT_URL was provided (export QDRANT_URL=http://…)', ['QDRANT_URL']],
    ['Refusing to start: JIRA_EMAIL and JIRA_API_TOKEN need to be set', ['JIRA_EMAIL', 'JIRA_API_TOKEN']],
    ['error: you must set PGHOST', ['PGHOST']],
    ["Traceback (most recent call last):\n  File \"/srv/weather/server.py\", line 3, in <module>\n    api_key = os.environ[\"WEATHER_API_KEY\"]\nKeyError: 'WEATHER_API_KEY'", ['WEATHER_API_KEY']]
  ])('%s', (stderr, expected) => {
    expect(names(stderr)).toEqual(expected)
  })

  it('a plain upper-case word counts when the line speaks of the environment or the name is known', () => {
    expect(names('Environment variable TOKEN is missing')).toEqual(['TOKEN'])
    expect(names('SECRET is required', ['SECRET'])).toEqual(['SECRET'])
    expect(names('HTTP is required to reach the API')).toBeUndefined()
  })

  it('zod errors: a field maps to the variable the entry, the shell or the convention gives', () => {
    const zod3 = 'ZodError: [\n  {\n    "code": "invalid_type",\n    "expected": "string",\n    "received": "undefined",\n    "path": [\n      "apiKey"\n    ],\n    "message": "Required"\n  }\n]'
    expect(envComplaint(zod3, new Set(['EXA_API_KEY', 'HOME']))).toMatchObject({ names: ['EXA_API_KEY'], how: 'field', fields: ['apiKey'] })
    expect(envComplaint(zod3, new Set())).toMatchObject({ names: ['API_KEY'], how: 'field' })
    const zod4 = '✖ Invalid input: expected string, received undefined\n  → at TAVILY_API_KEY'
    expect(envComplaint(zod4, new Set())).toMatchObject({ names: ['TAVILY_API_KEY'], how: 'field' })
  })

  it('pydantic errors: the missing fields, upper-cased as pydantic-settings reads them', () => {
    const py = [
      'Traceback (most recent call last):',
      '  File "/srv/app/config.py", line 12, in <module>',
      'pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings',
      'openweather_api_key',
      '  Field required [type=missing, input_value={}, input_type=dict]',
      'units',
      '  Field required [type=missing, input_value={}, input_type=dict]',
      '    For further information visit https://errors.pydantic.dev/2.13/v/missing'
    ].join('\n')
    expect(envComplaint(py, new Set())).toMatchObject({ names: ['OPENWEATHER_API_KEY', 'UNITS'], how: 'field', fields: ['openweather_api_key', 'units'] })
    expect(fieldToVariable('api_key', new Set(['MYAPP_API_KEY']))).toBe('MYAPP_API_KEY')
    expect(upperSnake('personalAccessToken')).toBe('PERSONAL_ACCESS_TOKEN')
  })

  it('names the variables in the finding, with where else they are set', () => {
    const mine = entry({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'] })
    const cursor = entry({ id: 'cursor:user:brave:2', name: 'brave', client: 'cursor', configPath: '/home/u/.cursor/mcp.json', command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search@0.6.2'], env: { BRAVE_API_KEY: 'BSA-real-value-123' } })
    const unrelated = entry({ id: 'cursor:user:other:3', command: 'npx', args: ['-y', 'other-server'], env: { BRAVE_API_KEY: 'x-real-value-456' } })
    const placeholder = entry({ id: 'vscode:user:brave:4', command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'], env: { BRAVE_API_KEY: 'your_api_key_here' } })
    const f = outputCause({
      entry: mine,
      outcome: 'exited',
      stderr: 'Error: BRAVE_API_KEY environment variable is required',
      sources: { loginShell: { BRAVE_API_KEY: 'from-shell-789', PATH: '/usr/bin' }, peers: [mine, cursor, unrelated, placeholder] }
    })!
    expect(f).toMatchObject({
      code: 'env-missing',
      severity: 'error',
      step: 5,
      evidence: { variables: ['BRAVE_API_KEY'], inLoginShell: ['BRAVE_API_KEY'], inOtherEntries: [{ name: 'BRAVE_API_KEY', serverId: 'cursor:user:brave:2' }] }
    })
    expect(f.fix?.action).toBeUndefined()
    expect(f.fix?.summary).toContain('"BRAVE_API_KEY": "…"')
    expect(f.detail).toContain('set in your login shell')
    expect(f.detail).toContain('"brave" entry of Cursor')
    expect(JSON.stringify(f)).not.toMatch(/from-shell-789|BSA-real-value-123/)
  })

  it('a variable the entry sets to a placeholder is env-placeholder; a rejected key names the entry\'s secret', () => {
    const ph = outputCause({ entry: entry({ env: { ACME_TOKEN: '<YOUR_TOKEN>' } }), outcome: 'exited', stderr: 'ACME_TOKEN is not set' })
    expect(ph).toMatchObject({ code: 'env-placeholder', severity: 'error', evidence: { variables: ['ACME_TOKEN'] } })
    const rejected = outputCause({ entry: entry({ env: { ACME_API_KEY: 'sk-live-abcdef123456' } }), outcome: 'exited', stderr: 'Error: Failed to fetch server connection: Registry request failed with status 401: Invalid API key' })
    expect(rejected).toMatchObject({ code: 'env-missing', title: "The server's credentials were rejected (ACME_API_KEY)", evidence: { variables: ['ACME_API_KEY'] } })
  })

  it('no name at all: still env-missing, with what the server said', () => {
    const f = cause('Error: An API key is required. Get one at https://example.com/keys')
    expect(f).toMatchObject({ code: 'env-missing', evidence: { variables: [], said: 'Error: An API key is required. Get one at https://example.com/keys' } })
    expect(cause('please set the api key first')).toMatchObject({ code: 'env-missing' })
  })
})

describe('module-not-found, package-not-found', () => {
  it.each([
    ["ModuleNotFoundError: No module named 'mcp'", 'mcp'],
    ["/usr/bin/python3: Error while finding module specification for 'mcp_server.mcp_server' (ModuleNotFoundError: No module named 'mcp_server')", 'mcp_server'],
    ["Error: Cannot find module 'jsdom'\nRequire stack:\n- /srv/x/dist/index.js", 'jsdom'],
    ["Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod' imported from /srv/x/index.js", 'zod'],
    ["ImportError: cannot import name 'FastMCP' from 'mcp.server' (/venv/lib/python3.11/site-packages/mcp/server/__init__.py)", 'mcp.server']
  ])('%s', (stderr, module) => {
    expect(cause(stderr)).toMatchObject({ code: 'module-not-found', step: 4, evidence: { module } })
  })

  it('an unbuilt dist/index.js is module-not-found, unless the config check already says file-not-found', () => {
    const stderr = "Error: Cannot find module '/Users/me/rijksmuseum-mcp/dist/index.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1140:15) {\n  code: 'MODULE_NOT_FOUND',"
    expect(cause(stderr)?.detail).toContain('never built')
    const known = finding('file-not-found', 'error', 'File not found', 'x')
    expect(cause(stderr, { staticFindings: [known] })).toBeUndefined()
  })

  it.each([
    ["npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/@acme%2fmcp-serverr - Not found\nnpm error 404  '@acme/mcp-serverr@*' is not in this registry.", 'not-in-registry', '@acme/mcp-serverr'],
    ['npm error could not determine executable to run', 'no-executable', undefined],
    ['sh: 1: mongodb-mcp-server: not found', 'no-executable', 'mongodb-mcp-server'],
    ['  × No solution found when resolving tool dependencies:\n  ╰─▶ Because mcp-server-quadrant was not found in the package registry and you require mcp-server-quadrant, we can conclude that your requirements are unsatisfiable.', 'not-in-registry', 'mcp-server-quadrant'],
    ["Unable to find image 'ghcr.io/acme/mcp:latest' locally\ndocker: Error response from daemon: pull access denied for ghcr.io/acme/mcp, repository does not exist or may require 'docker login'.", 'image', 'ghcr.io/acme/mcp'],
    ['npm error code ENOTFOUND\nnpm error network request to https://registry.npmjs.org/acme failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org', 'offline', undefined]
  ])('%s', (stderr, kind, pkg) => {
    const f = cause(stderr, { entry: entry({ command: 'npx' }) })
    expect(f).toMatchObject({ code: 'package-not-found', evidence: { kind } })
    expect(f?.evidence?.package).toBe(pkg)
  })
})

describe('bridges: the upstream URL, named', () => {
  const remote = (url: string, name = 'mcp-remote') => entry({ command: 'npx', args: ['-y', name, url] })
  const refused = [
    '[867] Connecting to remote server: http://127.0.0.1:35557/mcp',
    '[867] Connection error: TypeError: fetch failed',
    '  [cause]: Error: connect ECONNREFUSED 127.0.0.1:35557',
    "    code: 'ECONNREFUSED',"
  ].join('\n')

  it.each([
    [refused, 'connection-refused'],
    ['[12] Fatal error: TypeError: fetch failed\n  [cause]: Error: getaddrinfo ENOTFOUND mcp.internal.example', 'dns-failure'],
    ["[12] Fatal error: TypeError: fetch failed\n  [cause]: Error: self-signed certificate\n    code: 'DEPTH_ZERO_SELF_SIGNED_CERT'", 'tls-error'],
    ['[2140] Connection error: RegistrationRejectedError: Dynamic Client Registration rejected (HTTP 401): {"error":"unauthorized"}', 'auth-required'],
    ['Error POSTing to endpoint (HTTP 405): {"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not allowed"},"id":null}', 'http-error']
  ])('mcp-remote: %s', (stderr, code) => {
    const f = outputCause({ entry: remote('https://mcp.example.com/mcp?key=s3cr3tvalue'), outcome: 'exited', stderr })!
    expect(f.code).toBe(code)
    expect(f.title + f.detail).toContain('https://mcp.example.com/mcp?key=<redacted>')
    expect(JSON.stringify(f)).not.toContain('s3cr3tvalue')
  })

  it('other bridges, and a bridge that hangs waiting for a sign-in', () => {
    expect(outputCause({ entry: entry({ command: 'npx', args: ['-y', 'supergateway', '--sse', 'http://localhost:8808/sse'] }), outcome: 'exited', stderr: '[supergateway] Error: connect ECONNREFUSED 127.0.0.1:8808' })?.code).toBe('connection-refused')
    expect(outputCause({ entry: entry({ command: 'uvx', args: ['mcp-proxy', 'http://localhost:8080/sse'] }), outcome: 'exited', stderr: 'httpx.ConnectError: All connection attempts failed' })?.code).toBe('connection-refused')
    const waiting = outputCause({ entry: remote('https://mcp.example.com/mcp'), outcome: 'timeout', stderr: 'Please authorize this client by visiting:\nhttps://auth.example.com/authorize?client_id=abc' })
    expect(waiting?.code).toBe('auth-required')
  })

  it('a server that is not a bridge: its backend is named, and the code says how far it got', () => {
    const exited = cause('Error: connect ECONNREFUSED 127.0.0.1:5432', { entry: entry({ args: ['/srv/db.js', 'postgresql://app:hunter22@127.0.0.1:5432/app'] }) })!
    expect(exited).toMatchObject({ code: 'process-exited', evidence: { cause: 'backend-refused', target: '127.0.0.1:5432' } })
    expect(exited.detail).toContain('postgresql://<redacted>@127.0.0.1:5432/app')
    const connected = outputCause({ entry: entry(), outcome: 'crash-after-start', stderr: '', error: 'MCP error -32603: connect ECONNREFUSED 127.0.0.1:1', failedListing: 'resources' })!
    expect(connected).toMatchObject({ code: 'crash-after-start', title: "The server's backend at 127.0.0.1:1 refuses connections" })
    expect(connected.detail).toContain('`resources/list` failed')
  })
})

describe('process-exited with the specific explanation; not-executable', () => {
  it('a port taken: the port and, when known, the process holding it (its secrets masked)', () => {
    const stderr = 'Failed to start: listen EADDRINUSE: address already in use 127.0.0.1:27124'
    expect(portsInUse(stderr)).toEqual([27124])
    expect(portsInUse("OSError: [Errno 98] error while attempting to bind on address ('0.0.0.0', 9584): address already in use")).toEqual([9584])
    expect(portsInUse('Error: Port 3000 is already in use')).toEqual([3000])
    expect(portsInUse('all good on port 3000')).toEqual([])
    const f = cause(stderr, { ports: [{ port: 27124, via: 'proc', holder: { pid: 4242, command: 'node old-copy.js --api-key=abcdef123456' } }] })!
    expect(f).toMatchObject({ code: 'process-exited', title: 'Port 27124, which the server wants, is already taken', evidence: { cause: 'port-in-use', port: 27124, holder: { pid: 4242 } } })
    expect(f.detail).toContain('Process 4242')
    expect(JSON.stringify(f)).not.toContain('abcdef123456')
  })

  it.each([
    ['npm error code ENOTEMPTY\nnpm error syscall rename\nnpm error path /Users/x/.npm/_npx/8a2/node_modules/zod', 'process-exited', 'npx-cache-corrupt'],
    ["Error: EACCES: permission denied, mkdir '/var/lib/acme'", 'process-exited', 'permission-denied'],
    ["UnicodeEncodeError: 'charmap' codec can't encode character '\\u2713' in position 0: character maps to <undefined>", 'process-exited', 'console-encoding'],
    ["OSError: [Errno 30] Read-only file system: 'logs'", 'process-exited', 'read-only-cwd'],
    ['sh: 1: /Users/me/.npm/_npx/abc/node_modules/.bin/slack-mcp-server: Permission denied', 'not-executable', undefined]
  ])('%s', (stderr, code, why) => {
    const f = cause(stderr)
    expect(f?.code).toBe(code)
    expect(f?.evidence?.cause).toBe(why)
  })

  it('a reference the client left as written, quoted back by the server, is env-unexpanded', () => {
    const f = cause("Error: Cannot find module '/proj/${SERVER_PATH}'", { unresolved: [{ text: '${SERVER_PATH}', name: 'SERVER_PATH', kind: 'env' }] })
    expect(f).toMatchObject({ code: 'env-unexpanded', severity: 'error', evidence: { reference: '${SERVER_PATH}', variables: ['SERVER_PATH'] } })
  })
})

describe('what must name nothing', () => {
  const chatty = [
    'Secure MCP Filesystem Server running on stdio',
    "Client does not support MCP Roots, using allowed directories set from server args: [ '/tmp' ]",
    'Starting default (STDIO) server...',
    'GitHub MCP Server running on stdio',
    'INFO: Using API_BASE_URL=https://api.example.com',
    '[info] TOKEN_CACHE_DIR set to /tmp/cache',
    'Note: OPENAI_API_KEY is optional; it is not required for local models',
    'Loaded 9 tools',
    '(node:123) ExperimentalWarning: The Fetch API is an experimental feature.',
    '(node:123) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.',
    'Discovering OAuth server configuration...',
    'WARNING: Unauthorized tools are hidden'
  ].join('\n')

  it('a healthy server, however chatty, never gets a cause', () => {
    for (const outcome of ['ok', 'not-probed'] as const) {
      expect(outputCause({ entry: entry(), outcome, stderr: `${chatty}\nERROR: BRAVE_API_KEY environment variable is required` })).toBeUndefined()
    }
  })

  it('a failed server whose stderr is only chatter gets none (process-exited stays)', () => {
    expect(cause(chatty)).toBeUndefined()
    expect(cause('')).toBeUndefined()
    // a shell script's own missing tool is not a package npx could not find
    expect(cause('sh: 1: jq: not found', { entry: entry({ command: 'bash', args: ['-c', 'jq . | node srv.js'] }) })).toBeUndefined()
  })

  it('a hanging server that is not a bridge is not read for causes', () => {
    expect(outputCause({ entry: entry(), outcome: 'timeout', stderr: 'ACME_KEY is required' })).toBeUndefined()
  })

  it('hostile output stays cheap', () => {
    const noise = `${'A_'.repeat(30_000)}\n`.repeat(20) + 'x'.repeat(64 * 1024)
    const started = performance.now()
    cause(noise)
    // not a timing assertion of the engine's speed: a guard against a pattern that backtracks forever
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('server identity, for other entries of the same server', () => {
  it.each([
    [{ command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search@0.6.2'] }, 'pkg:@modelcontextprotocol/server-brave-search'],
    [{ command: 'npx', args: ['@modelcontextprotocol/server-brave-search'] }, 'pkg:@modelcontextprotocol/server-brave-search'],
    [{ command: 'uvx', args: ['--from', 'mcp-server-git==1.2', 'mcp-server-git'] }, 'pkg:mcp-server-git'],
    [{ command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', 'ghcr.io/github/github-mcp-server:v1'] }, 'image:ghcr.io/github/github-mcp-server'],
    [{ command: '/usr/bin/node', args: ['/srv/x.js'] }, 'cmd:node /srv/x.js'],
    [{ url: 'https://mcp.example.com/mcp/?token=1' }, 'url:https://mcp.example.com/mcp']
  ])('%j', (e, id) => {
    expect(serverIdentity(e)).toBe(id)
  })
})
