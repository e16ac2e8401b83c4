/** Quotes one word for a POSIX shell, only when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`
}

/** A command line a user can paste into a terminal. */
export function quoteCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(shellQuote).join(' ')
}

/** The last `count` non-empty lines of a text, without trailing whitespace. */
export function tailLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/)
  return lines.slice(-count).join('\n').trim()
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
