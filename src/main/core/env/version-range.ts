/**
 * Version ranges as packages state them: npm `engines` (`>=18`, `^20.17.0 || >=22.9.0`, `18.x`,
 * `>= 16 < 21`) and Python `requires-python` (`>=3.10`, `>=3.10,<4`, `~=3.11`, `==3.12.*`).
 * Pure functions; pre-release tags are ignored.
 */

type Version = [number, number, number]

/** `v20.11.1` → [20, 11, 1]; undefined when there is no number. */
export function parseVersionNumbers(text: string): Version | undefined {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text)
  if (!m) return undefined
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)]
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

type Check = (v: Version) => boolean

const COMPARATOR = /(\^|~=|~|>=|<=|>|<|===|==|=|!=)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+][0-9A-Za-z.]*)?/y

/**
 * Whether `version` satisfies `range`. Returns undefined when the range is not understood, so a
 * caller never reports a problem it cannot back up.
 */
export function satisfies(version: string, range: string): boolean | undefined {
  const v = parseVersionNumbers(version)
  if (!v) return undefined
  const alternatives = range.split('||').map((alt) => parseAlternative(alt.trim()))
  if (alternatives.some((a) => a === undefined)) return undefined
  return alternatives.some((checks) => checks!.every((check) => check(v)))
}

function parseAlternative(text: string): Check[] | undefined {
  if (text === '' || text === '*' || text === 'x') return [() => true]
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text)
  if (hyphen) {
    const low = parseAlternative(`>=${hyphen[1]}`)
    const high = parseAlternative(`<=${hyphen[2]}`)
    return low && high ? [...low, ...high] : undefined
  }
  const checks: Check[] = []
  let rest = text.replace(/,/g, ' ').trim()
  while (rest.length > 0) {
    COMPARATOR.lastIndex = 0
    const m = COMPARATOR.exec(rest)
    if (!m || m[0].length === 0) return undefined
    const check = comparator(m[1] ?? '', [m[2]!, m[3], m[4]])
    if (!check) return undefined
    checks.push(check)
    rest = rest.slice(m[0].length).trim()
  }
  return checks
}

function comparator(op: string, parts: [string, string | undefined, string | undefined]): Check | undefined {
  const wild = (p: string | undefined): boolean => p === undefined || /^[xX*]$/.test(p)
  const given = parts.findIndex((p) => wild(p))
  const precision = given === -1 ? 3 : given // how many leading parts are fixed
  if (precision === 0) return op === '' || op === '=' || op === '==' ? () => true : undefined
  const base: Version = [0, 1, 2].map((i) => (i < precision ? Number(parts[i]) : 0)) as Version
  const cmp = (v: Version): number => compareVersions(v, base)
  const bump = (level: number): Version => {
    const out: Version = [...base]
    out[level] = out[level]! + 1
    for (let i = level + 1; i < 3; i++) out[i] = 0
    return out
  }
  const below = (upper: Version) => (v: Version) => compareVersions(v, upper) < 0
  switch (op) {
    case '>=':
      return (v) => cmp(v) >= 0
    case '>':
      return precision === 3 ? (v) => cmp(v) > 0 : (v) => compareVersions(v, bump(precision - 1)) >= 0
    case '<':
      return (v) => cmp(v) < 0
    case '<=':
      return precision === 3 ? (v) => cmp(v) <= 0 : below(bump(precision - 1))
    case '^': {
      const level = base[0] > 0 || precision === 1 ? 0 : base[1] > 0 || precision === 2 ? 1 : 2
      const upper = bump(level)
      return (v) => cmp(v) >= 0 && below(upper)(v)
    }
    case '~': {
      const upper = bump(precision === 1 ? 0 : 1)
      return (v) => cmp(v) >= 0 && below(upper)(v)
    }
    case '~=': {
      if (precision < 2) return undefined
      const upper = bump(precision - 2)
      return (v) => cmp(v) >= 0 && below(upper)(v)
    }
    case '!=': {
      const upper = bump(precision - 1)
      return (v) => !(cmp(v) >= 0 && below(upper)(v))
    }
    default: {
      // '', '=', '==', '===': an exact version, or every version with the given prefix
      const upper = bump(precision - 1)
      return (v) => cmp(v) >= 0 && below(upper)(v)
    }
  }
}
