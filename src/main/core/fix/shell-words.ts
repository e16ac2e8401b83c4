/**
 * Splits a command line into words the way the shell a user copied it from would, so a
 * `"command": "npx -y @scope/pkg --dir '/My Files'"` can become a command and its arguments.
 * POSIX rules (sh, bash, zsh) everywhere but Windows; Windows rules (the C runtime's, which
 * `cmd` command lines and most programs follow) on Windows, where a backslash is a path
 * separator, not an escape. Anything only a shell can do (pipes, `&&`, redirections,
 * substitutions, `VAR=value` prefixes) is refused: splitting would change what the line means.
 */

export type ShellWords = { ok: true; words: string[] } | { ok: false; reason: string }

/** The words of `line`, or why it cannot be split without a shell. */
export function shellWords(line: string, platform: NodeJS.Platform = process.platform): ShellWords {
  const result = platform === 'win32' ? windowsWords(line) : posixWords(line)
  if (!result.ok) return result
  if (result.words.length === 0) return { ok: false, reason: 'the command line is empty' }
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(result.words[0]!) && !result.quotedFirst) {
    return { ok: false, reason: `it starts by setting a variable (${result.words[0]!.split('=')[0]}=…), which only a shell does: put it in "env" instead` }
  }
  return { ok: true, words: result.words }
}

type Parsed = { ok: true; words: string[]; quotedFirst: boolean } | { ok: false; reason: string }

const OPERATORS: Record<string, string> = {
  '|': 'a pipe (|)',
  '&': 'a "&" (a background job or &&)',
  ';': 'a ";"',
  '<': 'a redirection (<)',
  '>': 'a redirection (>)',
  '(': 'a parenthesis',
  ')': 'a parenthesis',
  '`': 'a command substitution (`…`)'
}

function posixWords(line: string): Parsed {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quotedFirst = false
  let i = 0
  const end = (): void => {
    if (inWord) words.push(word)
    word = ''
    inWord = false
  }
  while (i < line.length) {
    const c = line[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end()
      i++
      continue
    }
    if (c === '#' && !inWord) break
    if (OPERATORS[c]) return { ok: false, reason: `it uses ${OPERATORS[c]}, which only a shell understands` }
    if (c === '$' && line[i + 1] === '(') return { ok: false, reason: 'it uses a command substitution ($(…)), which only a shell understands' }
    if (words.length === 0 && !inWord) quotedFirst = c === "'" || c === '"'
    inWord = true
    if (c === '\\') {
      // a backslash keeps the next character (and joins lines before a newline)
      if (i + 1 >= line.length) return { ok: false, reason: 'it ends with a lone backslash' }
      if (line[i + 1] !== '\n') word += line[i + 1]
      i += 2
      continue
    }
    if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close === -1) return { ok: false, reason: 'a single quote (\') is never closed' }
      word += line.slice(i + 1, close)
      i = close + 1
      continue
    }
    if (c === '"') {
      i++
      let closed = false
      while (i < line.length) {
        const d = line[i]!
        if (d === '"') {
          closed = true
          i++
          break
        }
        if (d === '`' || (d === '$' && line[i + 1] === '(')) return { ok: false, reason: 'it uses a command substitution, which only a shell understands' }
        if (d === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1]
          i += 2
          continue
        }
        word += d
        i++
      }
      if (!closed) return { ok: false, reason: 'a double quote (") is never closed' }
      continue
    }
    word += c
    i++
  }
  end()
  return { ok: true, words, quotedFirst }
}

/**
 * Windows: words split at spaces and tabs outside double quotes; backslashes are literal unless
 * they come before a double quote (2n backslashes + `"`: n backslashes and a quote toggle; 2n+1:
 * n backslashes and a literal quote); `""` inside quotes is one literal quote.
 */
function windowsWords(line: string): Parsed {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quoted = false
  let quotedFirst = false
  let i = 0
  while (i < line.length) {
    const c = line[i]!
    if (!quoted && (c === ' ' || c === '\t')) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
      continue
    }
    if (!quoted && (c === '|' || c === '&' || c === '<' || c === '>')) return { ok: false, reason: `it uses ${OPERATORS[c]}, which only a shell understands` }
    if (words.length === 0 && !inWord) quotedFirst = c === '"'
    inWord = true
    if (c === '\\') {
      let n = 0
      while (line[i + n] === '\\') n++
      if (line[i + n] === '"') {
        word += '\\'.repeat(Math.floor(n / 2))
        if (n % 2 === 1) word += '"'
        else quoted = !quoted
        i += n + 1
      } else {
        word += '\\'.repeat(n)
        i += n
      }
      continue
    }
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        word += '"'
        i += 2
        continue
      }
      quoted = !quoted
      i++
      continue
    }
    word += c
    i++
  }
  if (quoted) return { ok: false, reason: 'a double quote (") is never closed' }
  if (inWord) words.push(word)
  return { ok: true, words, quotedFirst }
}
