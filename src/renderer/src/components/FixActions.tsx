import type { Fix } from '../../../shared/findings'
import type { FixAction } from '../../../shared/fix-action'
import { CopyButton } from './CopyButton'
import { ExternalLink } from './ExternalLink'
import { useApp } from '../hooks'

/**
 * A finding's fix actions as buttons: the main one first, then the alternatives. Copy copies, a
 * page opens through the link allow-list, and an edit or chmod opens a dialog that previews it
 * (diff or confirmation) before anything changes. The actions are the engine's; nothing here
 * composes one.
 */
export function FixActions({ fix, serverId }: { fix: Fix; serverId: string }) {
  const open = useApp((s) => s.openFix)
  const actions = [fix.action, ...(fix.alternatives ?? [])].filter((a): a is FixAction => a !== undefined)
  if (actions.length === 0) return null
  return (
    <div className="fix-actions" role="group" aria-label="Fix actions">
      {actions.map((action, i) => {
        const tone = i === 0 ? 'button primary small' : 'button small'
        switch (action.kind) {
          case 'copy':
            return <CopyButton key={action.id} text={action.text} label={action.label} className={tone} />
          case 'open-url':
            return (
              <ExternalLink key={action.id} href={action.url} className={tone}>
                {action.label}
              </ExternalLink>
            )
          default:
            return (
              <button key={action.id} type="button" className={tone} data-action={action.id} onClick={() => open(action, serverId)}>
                {action.label}
              </button>
            )
        }
      })}
    </div>
  )
}
