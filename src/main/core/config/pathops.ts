/**
 * Edits expressed on the parsed document: set a value, delete a key, rename a key. Each format's
 * text editor applies the same operations to the file's bytes, and the result must parse to
 * exactly what {@link applyToValue} computes, or nothing is written.
 */
export type PathOp =
  | { kind: 'set'; path: string[]; value: unknown }
  | { kind: 'delete'; path: string[] }
  | { kind: 'rename'; path: string[]; to: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A deep copy of plain data (objects, arrays, strings, numbers, booleans, null). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/**
 * The document after the operations, computed on a copy. Throws an Error naming the path when an
 * operation cannot apply (a missing parent, a rename onto an existing key).
 */
export function applyToValue(root: unknown, ops: readonly PathOp[]): unknown {
  let doc: unknown = clone(root) ?? {}
  next: for (const op of ops) {
    if (op.path.length === 0) {
      if (op.kind === 'set') doc = clone(op.value)
      else throw new Error('cannot delete or rename the whole document')
      continue
    }
    const parentPath = op.path.slice(0, -1)
    const key = op.path[op.path.length - 1]!
    let parent: unknown = doc
    for (const [i, segment] of parentPath.entries()) {
      if (!isObject(parent)) throw new Error(`${op.path.slice(0, i).join('.') || 'the top'} is not an object`)
      if (!Object.hasOwn(parent, segment)) {
        if (op.kind !== 'set') continue next
        parent[segment] = {}
      }
      parent = parent[segment]
    }
    if (!isObject(parent)) throw new Error(`${parentPath.join('.') || 'the top'} is not an object`)
    if (op.kind === 'set') parent[key] = clone(op.value)
    else if (op.kind === 'delete') delete parent[key]
    else {
      if (!Object.hasOwn(parent, key)) throw new Error(`${op.path.join('.')} does not exist`)
      if (Object.hasOwn(parent, op.to)) throw new Error(`${[...parentPath, op.to].join('.')} already exists`)
      // keep the key's position
      const entries = Object.entries(parent).map(([k, v]): [string, unknown] => (k === key ? [op.to, v] : [k, v]))
      for (const k of Object.keys(parent)) delete parent[k]
      for (const [k, v] of entries) parent[k] = v
    }
  }
  return doc
}

/** Structural equality of parsed documents (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
  }
  return false
}

/**
 * The smallest set of operations that turns `before` into `after` at `base`: objects are compared
 * key by key (recursively), anything else is replaced whole.
 */
export function diffOps(base: string[], before: unknown, after: unknown): PathOp[] {
  if (deepEqual(before, after)) return []
  if (!isObject(before) || !isObject(after)) return [{ kind: 'set', path: base, value: after }]
  const ops: PathOp[] = []
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) ops.push({ kind: 'delete', path: [...base, key] })
  for (const [key, value] of Object.entries(after)) {
    if (!Object.hasOwn(before, key)) ops.push({ kind: 'set', path: [...base, key], value })
    else ops.push(...diffOps([...base, key], before[key], value))
  }
  return ops
}

/**
 * The document without empty tables, recursively. In TOML an empty table that only existed
 * through its sub-tables disappears with them (removing the last `[mcp_servers.x]` leaves no
 * `mcp_servers`), which means the same to every client as an empty one.
 */
export function pruneEmptyTables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneEmptyTables)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const pruned = pruneEmptyTables(v)
    if (isObject(pruned) && Object.keys(pruned).length === 0) continue
    out[k] = pruned
  }
  return out
}
