import type { ClientId } from '../../../shared/report'

/**
 * Which variable references each client expands in a server entry, and how (clients.md §15.4):
 * Claude Code `${VAR}` / `${VAR:-default}`; Cursor `${env:VAR}`, `${userHome}`,
 * `${workspaceFolder}`…; VS Code the same plus `${input:id}`; Windsurf `${env:VAR}` (unset
 * becomes empty) and `${file:path}`; Cline `${env:VAR}`; Gemini CLI `$VAR` / `${VAR}`; Continue
 * `${{ secrets.X }}`; Claude Desktop, Codex, Zed and Goose expand nothing.
 */
export interface InterpolationRules {
  /** `${VAR}` and `${VAR:-default}` read the environment */
  bare?: boolean
  /** `$VAR` reads the environment */
  dollar?: boolean
  /** `${env:VAR}` reads the environment */
  envPrefix?: boolean
  /** `${input:id}` refers to the file's `inputs` */
  inputs?: boolean
  /** `${file:path}` reads a file */
  file?: boolean
  /** `${{ secrets.X }}` */
  secrets?: boolean
  /** editor variables such as `${workspaceFolder}` and `${userHome}` */
  builtins?: readonly string[]
  /** what happens to an unset variable */
  unset: 'fails' | 'empty' | 'literal' | 'unknown'
  /** whether the client's expansion is documented at all */
  documented: boolean
  /** how to write a reference the client understands, for fixes */
  syntax?: string
}

const EDITOR_VARS = ['workspaceFolder', 'workspaceFolderBasename', 'userHome', 'pathSeparator', '/'] as const

export const INTERPOLATION: Record<ClientId, InterpolationRules> = {
  'claude-code': { bare: true, unset: 'fails', documented: true, syntax: '${VAR} or ${VAR:-default}' },
  'claude-desktop': { unset: 'literal', documented: true },
  cursor: { envPrefix: true, builtins: EDITOR_VARS, unset: 'empty', documented: true, syntax: '${env:VAR}' },
  vscode: {
    envPrefix: true,
    inputs: true,
    builtins: [...EDITOR_VARS, 'cwd', 'execPath', 'file', 'fileDirname', 'workspaceRoot'],
    unset: 'empty',
    documented: true,
    syntax: '${env:VAR} or ${input:id}'
  },
  windsurf: { envPrefix: true, file: true, unset: 'empty', documented: true, syntax: '${env:VAR}' },
  cline: { envPrefix: true, unset: 'unknown', documented: false, syntax: '${env:VAR}' },
  'gemini-cli': { bare: true, dollar: true, unset: 'literal', documented: true, syntax: '$VAR or ${VAR}' },
  codex: { unset: 'literal', documented: true },
  zed: { unset: 'literal', documented: false },
  'lm-studio': { unset: 'unknown', documented: false },
  goose: { unset: 'literal', documented: false },
  continue: { secrets: true, unset: 'unknown', documented: true, syntax: '${{ secrets.NAME }}' }
}

/** One variable reference found in a value. */
export interface Reference {
  /** as written, e.g. `${env:API_KEY}` */
  text: string
  kind: 'env' | 'input' | 'builtin' | 'file' | 'secret' | 'other'
  /** the variable, input id, file or builtin it names */
  name: string
  default?: string
  /** the client expands this syntax */
  supported: boolean
  /** for supported environment references: whether the variable is set where MCP Medic runs */
  set?: boolean
}

const PATTERN = /\$\{\{\s*([^}]*?)\s*\}\}|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_()]*)%/g

/**
 * Every variable reference in `value`, classified by `client`'s rules. `windowsCmd` is true when
 * the command is `cmd`, which expands `%VAR%` itself.
 */
export function findReferences(
  client: ClientId,
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  options: { inputs?: readonly string[]; windowsCmd?: boolean } = {}
): Reference[] {
  const rules = INTERPOLATION[client]
  const out: Reference[] = []
  const isSet = (name: string): boolean => env[name] !== undefined && env[name] !== ''
  for (const m of value.matchAll(PATTERN)) {
    const text = m[0]
    if (m[1] !== undefined) {
      out.push({ text, kind: 'secret', name: m[1], supported: Boolean(rules.secrets) })
    } else if (m[2] !== undefined) {
      const inner = m[2]
      const colon = inner.indexOf(':')
      const prefix = colon > 0 ? inner.slice(0, colon) : ''
      if (prefix === 'env') {
        const name = inner.slice(colon + 1)
        const supported = Boolean(rules.envPrefix)
        out.push({ text, kind: 'env', name, supported, set: supported ? isSet(name) : undefined })
      } else if (prefix === 'input') {
        const id = inner.slice(colon + 1)
        out.push({ text, kind: 'input', name: id, supported: Boolean(rules.inputs), set: rules.inputs ? (options.inputs ?? []).includes(id) : undefined })
      } else if (prefix === 'file') {
        out.push({ text, kind: 'file', name: inner.slice(colon + 1), supported: Boolean(rules.file) })
      } else if (rules.builtins?.includes(inner)) {
        out.push({ text, kind: 'builtin', name: inner, supported: true })
      } else if (/^[A-Za-z_][A-Za-z0-9_]*(:-.*)?$/.test(inner)) {
        const dash = inner.indexOf(':-')
        const name = dash > 0 ? inner.slice(0, dash) : inner
        const fallback = dash > 0 ? inner.slice(dash + 2) : undefined
        const supported = Boolean(rules.bare) && (fallback === undefined || client === 'claude-code')
        out.push({ text, kind: 'env', name, default: fallback, supported, set: supported ? isSet(name) : undefined })
      } else if (/^[A-Za-z]+$/.test(inner) && (rules.builtins || rules.envPrefix)) {
        out.push({ text, kind: 'builtin', name: inner, supported: false })
      } else {
        out.push({ text, kind: 'other', name: inner, supported: false })
      }
    } else if (m[3] !== undefined) {
      const supported = Boolean(rules.dollar)
      out.push({ text, kind: 'env', name: m[3], supported, set: supported ? isSet(m[3]) : undefined })
    } else if (m[4] !== undefined && !options.windowsCmd) {
      out.push({ text, kind: 'env', name: m[4], supported: false })
    }
  }
  return out
}

/**
 * `value` with the references `client` would expand replaced, as far as MCP Medic can know them
 * (environment variables, `${userHome}`, `${workspaceFolder}`). Undefined when something in it
 * cannot be known here (an input, a file, an unset variable).
 */
export function expandKnown(
  client: ClientId,
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  vars: { home: string; workspaceFolder?: string; separator: string }
): string | undefined {
  const refs = findReferences(client, value, env)
  let out = value
  for (const ref of refs) {
    if (!ref.supported) continue
    let replacement: string | undefined
    if (ref.kind === 'env') replacement = env[ref.name] ?? ref.default
    else if (ref.kind === 'builtin') {
      if (ref.name === 'userHome') replacement = vars.home
      else if (ref.name === 'workspaceFolder' || ref.name === 'workspaceRoot' || ref.name === 'cwd') replacement = vars.workspaceFolder
      else if (ref.name === 'pathSeparator' || ref.name === '/') replacement = vars.separator
    }
    if (replacement === undefined) return undefined
    out = out.split(ref.text).join(replacement)
  }
  return out
}
