import type { ClientId } from '../../../shared/report'

/**
 * Which variable references each client expands in a server entry, and how (clients.md §15.4):
 * Claude Code `${VAR}` / `${VAR:-default}`; Cursor `${env:VAR}`, `${userHome}`,
 * `${workspaceFolder}`…; VS Code the same plus `${input:id}`; Windsurf `${env:VAR}` (unset
 * becomes empty) and `${file:path}`; Cline `${env:VAR}`; Gemini CLI `$VAR` / `${VAR}` /
 * `${VAR:-default}`; Continue `${{ secrets.X }}`; Claude Desktop, Codex, Zed and Goose expand
 * nothing.
 */
export interface InterpolationRules {
  /** `${VAR}` reads the environment */
  bare?: boolean
  /** addition: `${VAR:-default}` gives a default for an unset variable */
  defaults?: boolean
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
  /**
   * what happens to an unset variable: `literal` it reaches the server as written, `empty` it
   * becomes an empty string, `unknown` not documented
   */
  unset: 'empty' | 'literal' | 'unknown'
  /** addition: what the client says about an unset variable, when it says anything */
  unsetWarning?: string
  /** whether the client's expansion is documented at all */
  documented: boolean
  /** how to write a reference the client understands, for fixes */
  syntax?: string
}

const EDITOR_VARS = ['workspaceFolder', 'workspaceFolderBasename', 'userHome', 'pathSeparator', '/'] as const

export const INTERPOLATION: Record<ClientId, InterpolationRules> = {
  // The docs say an unset variable without a default makes Claude Code "fail to parse the
  // config"; 2.1.197 warns and starts the server with the text as written (checked with
  // `claude mcp list`).
  'claude-code': {
    bare: true,
    defaults: true,
    unset: 'literal',
    unsetWarning: 'Missing environment variables: NAME',
    documented: true,
    syntax: '${VAR} or ${VAR:-default}'
  },
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
  // gemini-cli 0.61 resolveEnvVarsInString: $VAR, ${VAR}, ${VAR:-default}, over the whole settings file at load
  'gemini-cli': { bare: true, defaults: true, dollar: true, unset: 'literal', documented: true, syntax: '$VAR or ${VAR}' },
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
  const out: Reference[] = []
  for (const m of value.matchAll(PATTERN)) {
    const ref = classify(client, m, env, options)
    if (ref) out.push(ref)
  }
  return out
}

/** One match of `PATTERN`, classified by the client's rules (undefined: `%VAR%` under cmd). */
function classify(
  client: ClientId,
  m: RegExpMatchArray,
  env: Readonly<Record<string, string | undefined>>,
  options: { inputs?: readonly string[]; windowsCmd?: boolean }
): Reference | undefined {
  const rules = INTERPOLATION[client]
  const isSet = (name: string): boolean => env[name] !== undefined && env[name] !== ''
  const text = m[0]
  if (m[1] !== undefined) return { text, kind: 'secret', name: m[1], supported: Boolean(rules.secrets) }
  if (m[2] !== undefined) {
    const inner = m[2]
    const colon = inner.indexOf(':')
    const prefix = colon > 0 ? inner.slice(0, colon) : ''
    if (prefix === 'env') {
      const name = inner.slice(colon + 1)
      const supported = Boolean(rules.envPrefix)
      return { text, kind: 'env', name, supported, set: supported ? isSet(name) : undefined }
    }
    if (prefix === 'input') {
      const id = inner.slice(colon + 1)
      return { text, kind: 'input', name: id, supported: Boolean(rules.inputs), set: rules.inputs ? (options.inputs ?? []).includes(id) : undefined }
    }
    if (prefix === 'file') return { text, kind: 'file', name: inner.slice(colon + 1), supported: Boolean(rules.file) }
    if (rules.builtins?.includes(inner)) return { text, kind: 'builtin', name: inner, supported: true }
    if (/^[A-Za-z_][A-Za-z0-9_]*(:-.*)?$/.test(inner)) {
      const dash = inner.indexOf(':-')
      const name = dash > 0 ? inner.slice(0, dash) : inner
      const fallback = dash > 0 ? inner.slice(dash + 2) : undefined
      const supported = Boolean(rules.bare) && (fallback === undefined || Boolean(rules.defaults))
      return { text, kind: 'env', name, default: fallback, supported, set: supported ? isSet(name) : undefined }
    }
    if (/^[A-Za-z]+$/.test(inner) && (rules.builtins || rules.envPrefix)) return { text, kind: 'builtin', name: inner, supported: false }
    return { text, kind: 'other', name: inner, supported: false }
  }
  if (m[3] !== undefined) {
    const supported = Boolean(rules.dollar)
    return { text, kind: 'env', name: m[3], supported, set: supported ? isSet(m[3]) : undefined }
  }
  if (m[4] !== undefined && !options.windowsCmd) return { text, kind: 'env', name: m[4], supported: false }
  return undefined
}

/** What the client's own expansion can draw on besides its environment. */
export interface ExpansionVars {
  home: string
  /** the folder holding the project's config (Cursor, VS Code); unknown for a user-level entry */
  workspaceFolder?: string
  separator: string
  /** reads a `${file:…}` reference's file (Windsurf); undefined when it cannot be read */
  readFile?: (file: string) => string | undefined
}

/** A value as the client would hand it to the server, and what could not be filled in. */
export interface Expansion {
  value: string
  /** references the client expands whose value is unknown here (unset variable, input, unreadable file): left as written */
  unresolved: Reference[]
  /** what each expanded reference became, for redaction; `unset`: a variable that is not set, made empty by the client's rule */
  substituted: { ref: Reference; value: string; unset?: boolean }[]
}

/**
 * `value` as `client` passes it to the server: every reference the client expands replaced, in
 * one pass (a default is taken as written, not expanded again), the rest left as written.
 * Claude Code 2.1.197, checked with `claude mcp list`: `${VAR}` and `${VAR:-default}` read the
 * environment `claude` runs in (not the entry's own `env`); a variable set to an empty string
 * stays empty (the default is for unset ones only); an unset one without a default stays
 * `${VAR}` literally and is warned about ("Missing environment variables: VAR"); `$VAR`,
 * `${env:VAR}` and `${VAR-x}` are not expanded. Windsurf and VS Code turn an unset `${env:VAR}`
 * into an empty string.
 */
export function expandValue(
  client: ClientId,
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  vars: ExpansionVars
): Expansion {
  const rules = INTERPOLATION[client]
  const unresolved: Reference[] = []
  const substituted: Expansion['substituted'] = []
  const out = value.replace(PATTERN, (...match: unknown[]) => {
    const m = match.slice(0, 5) as unknown as RegExpMatchArray
    const ref = classify(client, m, env, {})
    if (!ref?.supported) return m[0]
    const replacement = resolve(ref, rules, env, vars)
    if (replacement === undefined) {
      unresolved.push(ref)
      return m[0]
    }
    const unset = ref.kind === 'env' && env[ref.name] === undefined && ref.default === undefined
    substituted.push({ ref, value: replacement, ...(unset ? { unset } : {}) })
    return replacement
  })
  return { value: out, unresolved, substituted }
}

function resolve(ref: Reference, rules: InterpolationRules, env: Readonly<Record<string, string | undefined>>, vars: ExpansionVars): string | undefined {
  switch (ref.kind) {
    case 'env': {
      const set = env[ref.name]
      if (set !== undefined) return set
      if (ref.default !== undefined) return ref.default
      return rules.unset === 'empty' ? '' : undefined
    }
    case 'builtin':
      if (ref.name === 'userHome') return vars.home
      if (ref.name === 'workspaceFolder' || ref.name === 'workspaceRoot' || ref.name === 'cwd') return vars.workspaceFolder
      if (ref.name === 'workspaceFolderBasename') return vars.workspaceFolder?.split(/[\\/]/).filter(Boolean).pop()
      if (ref.name === 'pathSeparator' || ref.name === '/') return vars.separator
      return undefined
    case 'file': {
      const file = ref.name.startsWith('~') ? vars.home + ref.name.slice(1) : ref.name
      return vars.readFile?.(file)?.trim()
    }
    default:
      return undefined
  }
}

/**
 * `value` with the references `client` would expand replaced, as far as MCP Medic can know them
 * (environment variables, `${userHome}`, `${workspaceFolder}`). Undefined when something in it
 * cannot be known here (an input, a file, an unset variable the client leaves as written).
 */
export function expandKnown(
  client: ClientId,
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  vars: ExpansionVars
): string | undefined {
  const expanded = expandValue(client, value, env, vars)
  return expanded.unresolved.length > 0 ? undefined : expanded.value
}
