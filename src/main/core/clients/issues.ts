import type { z } from 'zod'
import { finding, type Finding } from '../../../shared/findings'
import { CLIENT_NAMES } from '../../../shared/report'
import { redactArgs } from '../report/redact'
import { isPlainObject, splitCommandLine } from './entry'
import type { DialectSpec } from './normalize'
import { acceptedTypes, transportOf } from './schema'
import { jsonPathJoin } from './normalize'

type Issue = z.core.$ZodIssue
type Path = (string | number)[]

/** Where an entry sits, for the words of its findings. */
export interface EntryPlace {
  /** the entry's JSON path in its file, e.g. `mcpServers.github` */
  jsonPath: string
  /** the file and the entry, as a finding's detail starts */
  where: string
  /** the server's name */
  name: string
}

interface Problem {
  path: Path
  severity: 'error' | 'warning' | 'info'
  detail: string
  title?: string
  fix?: string
}

/**
 * Turns a dialect schema's issues into `config-invalid-entry` findings: each names the JSON path
 * of the bad field and says, in the client's terms, what is wrong and what the client does about
 * it. Problems with the entry as a whole come first. Never shows a value from the entry, except
 * an `args` string split into its words with secrets replaced.
 */
export function issueFindings(issues: readonly Issue[], raw: unknown, spec: DialectSpec, place: EntryPlace): Finding[] {
  const problems = issues.map((issue) => describe(issue, raw, spec))
  const ordered = [...problems.filter((p) => p.path.length === 0), ...problems.filter((p) => p.path.length > 0)]
  return ordered.map((p) => {
    const fieldPath = p.path.reduce<string>((acc, key) => jsonPathJoin(acc, key), place.jsonPath)
    const title = p.title
      ? p.title.replaceAll('{entry}', place.jsonPath).replaceAll('{name}', place.name || place.jsonPath)
      : p.severity === 'error'
        ? `Invalid entry: ${fieldPath}`
        : `Check ${fieldPath}`
    return finding('config-invalid-entry', p.severity, title, `${place.where}: ${p.detail}`, {
      evidence: { jsonPath: fieldPath },
      fix: p.fix ? { summary: p.fix } : undefined
    })
  })
}

function valueAt(raw: unknown, path: Path): unknown {
  let value = raw
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key]
    else if (isPlainObject(value) && typeof key === 'string' && Object.hasOwn(value, key)) value = value[key]
    else return undefined
  }
  return value
}

function describe(issue: Issue, raw: unknown, spec: DialectSpec): Problem {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
  const params = issue.code === 'custom' ? (issue.params as { rule?: boolean; severity?: Problem['severity']; title?: string; fix?: string } | undefined) : undefined
  if (params?.rule) return { path, severity: params.severity ?? 'error', detail: issue.message, title: params.title, fix: params.fix }
  const error = (detail: string, fix?: string, at: Path = path): Problem => ({ path: at, severity: 'error', detail, fix })
  const client = CLIENT_NAMES[spec.client]
  const commandKey = spec.commandKey ?? 'command'
  const key = path[0]
  const value = valueAt(raw, path)
  if (path.length === 0 || !isPlainObject(raw)) return error(`an entry must be an object with "${commandKey}" or "${spec.urlKeys[0]?.key ?? 'url'}"`, undefined, [])
  const kind = transportOf(raw, spec)

  if (key === spec.typeKey) {
    const accepted = acceptedTypes(spec).map((t) => `"${t}"`).join(', ')
    return error(value === undefined ? `${client} needs "${key}": ${accepted}` : `unknown type ${JSON.stringify(value)}; ${client} accepts ${accepted}`)
  }
  if (key === commandKey) {
    if (value !== undefined) return error(`"${commandKey}" must be a non-empty string`)
    if (kind.urlOnly) return error('has a URL but is typed as a local (stdio) server', undefined, [spec.typeKey ?? commandKey])
    return error(`a local (stdio) server needs a "${commandKey}" string`)
  }
  if (key === (spec.argsKey ?? 'args')) {
    if (path.length > 1) return error('must be a string')
    if (typeof value !== 'string') return error('must be an array of strings')
    const words = redactArgs(splitCommandLine(value))
    return error(`must be an array of strings, not one string: ${client} does not split it into arguments`, `Write each argument as its own item: ${JSON.stringify(words)}.`)
  }
  const inEnv = key === (spec.envKey ?? 'env') && kind.transport === 'stdio'
  const headersAt = spec.headersIn ? [spec.headersIn, spec.headersKey ?? 'headers'] : [spec.headersKey ?? 'headers']
  const inHeaders = kind.transport !== 'stdio' && headersAt.every((k, i) => path[i] === k)
  if (inEnv || inHeaders) {
    const depth = inEnv ? 1 : headersAt.length
    const loose = inEnv && spec.looseEnv
    if (path.length <= depth) return error(`must be an object of names to ${loose ? 'values' : 'string values'}`)
    if (loose) return error('must be a string, a number or null')
    if (typeof value === 'number' || typeof value === 'boolean') return error(`is a ${typeof value}; write it as a string, in quotes`)
    return error('must be a string')
  }
  if (spec.headersIn && key === spec.headersIn && path.length === 1) return error('must be an object')
  if (spec.urlKeys.some((u) => u.key === key)) return error(`a ${kind.transport === 'sse' ? 'SSE' : 'Streamable HTTP'} server needs a "${String(key)}" string`)
  if (key === spec.cwdKey) return error('must be a folder path string')
  if (typeof key === 'string' && spec.fields && Object.hasOwn(spec.fields, key)) {
    const detail = fieldProblem(issue, value, path.length === 1 ? key : undefined, client)
    return { path, severity: spec.strict ? 'error' : 'warning', detail: spec.strict ? `${detail}. ${spec.strict}` : `${detail}; ${client} may ignore it` }
  }
  return error(issue.message)
}

const WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null'
}

/** A field of the wrong shape, in words: `"timeout" must be a number`. */
function fieldProblem(issue: Issue, value: unknown, missing: string | undefined, client: string): string {
  switch (issue.code) {
    case 'invalid_type': {
      const words = WORDS[issue.expected] ?? issue.expected
      if (value === undefined && missing) return `${client} needs "${missing}" (${words})`
      return `must be ${words}`
    }
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`
    case 'invalid_union':
      return 'has the wrong type'
    default:
      return 'has the wrong shape'
  }
}
