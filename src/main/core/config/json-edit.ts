import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser'
import type { PathOp } from './pathops'

/**
 * The formatting a JSON file already uses, so inserted text looks like its neighbours: tabs or
 * spaces, the most common indent width, CRLF or LF.
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]!)
  const tabs = indents.filter((i) => i.startsWith('\t')).length
  if (tabs > indents.length / 2) return { insertSpaces: false, tabSize: 1, eol }
  const widths = indents.map((i) => i.length).filter((n) => n > 0)
  const smallest = widths.length > 0 ? Math.min(...widths) : 2
  return { insertSpaces: true, tabSize: Math.min(Math.max(smallest, 1), 8), eol }
}

/**
 * Applies path operations to JSON or JSONC text, changing only the bytes each operation must
 * (jsonc-parser's `modify`): comments, key order, indentation, line endings and every other key
 * stay as they were. Throws an Error when an operation cannot be placed.
 */
export function editJsonText(text: string, ops: readonly PathOp[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : ''
  let body = bom ? text.slice(1) : text
  const formattingOptions = detectFormatting(body)
  for (const op of ops) {
    if (op.kind === 'rename') {
      const tree = parseTree(body, [], { allowTrailingComma: true, disallowComments: false })
      const node = tree && findNodeAtLocation(tree, op.path)
      const keyNode = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined
      if (!keyNode) throw new Error(`${op.path.join('.')} was not found in the file`)
      body = body.slice(0, keyNode.offset) + JSON.stringify(op.to) + body.slice(keyNode.offset + keyNode.length)
      continue
    }
    const edits = modify(body, op.path, op.kind === 'set' ? op.value : undefined, { formattingOptions })
    body = applyEdits(body, edits)
  }
  if (body.trim() === '' && text.trim() === '') body = `{}${formattingOptions.eol}`
  return bom + body
}
