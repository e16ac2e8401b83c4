import type { EffectiveState } from './report'

/** Short words for each effective state, for lists and badges. */
export const EFFECTIVE_LABELS: Record<EffectiveState['state'], string> = {
  active: 'in use',
  shadowed: 'shadowed',
  disabled: 'turned off',
  unapproved: 'not approved',
  ignored: 'ignored'
}

/** One line saying why a definition is not used: "turned off: Turned off in Windsurf (…)". */
export function effectiveLine(effective: EffectiveState): string {
  return `${EFFECTIVE_LABELS[effective.state]}: ${effective.reason}`
}
