/**
 * Keyboard movement through a list of items (the server list, the steps): which index a key
 * moves to, or undefined when the key does not move. Pure, so the rules are tested on their own.
 */
export function moveIndex(key: string, index: number, count: number, axis: 'vertical' | 'horizontal' = 'vertical'): number | undefined {
  if (count === 0) return undefined
  const back = axis === 'vertical' ? 'ArrowUp' : 'ArrowLeft'
  const forward = axis === 'vertical' ? 'ArrowDown' : 'ArrowRight'
  switch (key) {
    case back:
      return Math.max(0, index - 1)
    case forward:
      return Math.min(count - 1, index + 1)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}

/** The elements a focus trap cycles through, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => !el.closest('[hidden]'))
}
