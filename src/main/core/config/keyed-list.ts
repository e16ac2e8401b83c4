/**
 * Lists of named entries (Continue's YAML `mcpServers: [{ name, … }]`), seen as objects keyed by
 * name so that discovery, edits and their checks address a server the same way in a list as in a
 * map. Discovery reads through {@link keyedView}; the YAML editor maps a key back to its item with
 * {@link itemKeys}, so both always agree on which item a key means.
 */

/** A list in a document whose items are named by one of their fields. */
export interface KeyedList {
  /** keys from the top of the document to the list */
  path: string[]
  /** the field that names an item, e.g. `name` */
  key: string
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An item's name: its key field when that is a non-empty string. */
export function itemName(item: unknown, keyField: string): string | undefined {
  if (!isObject(item)) return undefined
  const name = item[keyField]
  return typeof name === 'string' && name.length > 0 ? name : undefined
}

/**
 * The key of each item, in order: its name; `#N` (its 1-based position) when it has none; and
 * `name (#N)` for a second item of the same name, so that no item hides another. Keys are unique.
 */
export function itemKeys(names: readonly (string | undefined)[]): string[] {
  const taken = new Set<string>()
  const keys: (string | undefined)[] = names.map((name) => {
    if (name === undefined || taken.has(name)) return undefined
    taken.add(name)
    return name
  })
  return keys.map((key, i) => {
    if (key !== undefined) return key
    let candidate = names[i] === undefined ? `#${i + 1}` : `${names[i]} (#${i + 1})`
    while (taken.has(candidate)) candidate += "'"
    taken.add(candidate)
    return candidate
  })
}

/**
 * A copy of `doc` in which each keyed list that is a list is an object of its items by key (the
 * items themselves unchanged, key field included). Anything else is left as it is.
 */
export function keyedView(doc: unknown, lists: readonly KeyedList[]): unknown {
  if (lists.length === 0 || !isObject(doc)) return doc
  const out: Record<string, unknown> = { ...doc }
  for (const list of lists) {
    const [head, ...rest] = list.path
    if (head === undefined) continue
    if (rest.length > 0) {
      if (isObject(out[head])) out[head] = keyedView(out[head], [{ path: rest, key: list.key }])
      continue
    }
    const items = out[head]
    if (!Array.isArray(items)) continue
    const keys = itemKeys(items.map((item) => itemName(item, list.key)))
    out[head] = Object.fromEntries(items.map((item, i) => [keys[i]!, item]))
  }
  return out
}

/**
 * The inverse of {@link keyedView} for comparing documents: each keyed list's object becomes the
 * list of its values, in order. Two documents whose named lists hold the same items in the same
 * order compare equal, whatever keys their unnamed items got from their positions.
 */
export function unkeyed(doc: unknown, lists: readonly KeyedList[]): unknown {
  if (lists.length === 0 || !isObject(doc)) return doc
  const out: Record<string, unknown> = { ...doc }
  for (const list of lists) {
    const [head, ...rest] = list.path
    if (head === undefined || !isObject(out[head])) continue
    out[head] = rest.length > 0 ? unkeyed(out[head], [{ path: rest, key: list.key }]) : Object.values(out[head])
  }
  return out
}
