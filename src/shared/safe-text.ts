/**
 * Text that came from outside (a server's stderr and stdout, its error messages, a config file's
 * bytes) made safe to show. A terminal obeys escape sequences in what it prints: a server could
 * clear the user's screen, retitle the window, write to the clipboard (OSC 52) or hide text; a
 * page shows bidirectional overrides that reorder what the user reads. Colour sequences are
 * dropped (they carry no information), every other control character becomes a visible symbol,
 * and nothing of the text is lost otherwise.
 */

// Select Graphic Rendition (colours, bold): ESC [ or the 8-bit CSI, parameters, `m`.
// eslint-disable-next-line no-control-regex
const SGR = /(?:\u001b\[|\u009b)[0-9;:]*m/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
// Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g

function picture(char: string): string {
  const code = char.charCodeAt(0)
  if (code < 0x20) return String.fromCharCode(0x2400 + code) // ␀ … ␟, ␛ for ESC
  if (code === 0x7f) return '\u2421' // ␡
  return '\ufffd'
}

/**
 * `text` with colour codes removed, other escape sequences and control characters shown as
 * visible symbols (␛[2J, ␇), carriage returns turned into line breaks (so nothing overwrites
 * what came before), and bidirectional overrides replaced. Newlines and tabs are kept.
 */
export function neutralize(text: string): string {
  if (!needsWork(text)) return text
  return text
    .replace(SGR, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, picture)
    .replace(BIDI, '\ufffd')
}

// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

function needsWork(text: string): boolean {
  return SUSPECT.test(text)
}

/**
 * A copy of `value` with every string in it neutralized (keys too). Plain data only (what a
 * report holds); walks with an explicit stack, so depth is no concern.
 */
export function neutralizeDeep<T>(value: T): T {
  if (typeof value === 'string') return neutralize(value) as T
  if (value === null || typeof value !== 'object') return value
  const root: unknown = Array.isArray(value) ? [] : {}
  const stack: { from: object; to: Record<string | number, unknown> }[] = [{ from: value as object, to: root as Record<string, unknown> }]
  while (stack.length > 0) {
    const { from, to } = stack.pop()!
    for (const [key, child] of Object.entries(from)) {
      const target = Array.isArray(from) ? key : neutralize(key)
      if (typeof child === 'string') to[target] = neutralize(child)
      else if (child !== null && typeof child === 'object') {
        const copy: Record<string, unknown> = Array.isArray(child) ? ([] as unknown as Record<string, unknown>) : {}
        to[target] = copy
        stack.push({ from: child as object, to: copy })
      } else to[target] = child
    }
  }
  return root as T
}
