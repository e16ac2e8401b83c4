import { useEffect, useState } from 'react'
import type { Result } from '../../../shared/contract'
import type { FixOutcome, FixPreview } from '../../../shared/fix'
import type { FixAction } from '../../../shared/fix-action'
import { tildify } from '../../../shared/present'
import { useApp } from '../hooks'
import type { Change } from '../services'
import { BeforeAfter, DiffView } from './BeforeAfter'
import { Dialog } from './Dialog'
import { RichText } from './RichText'
import { SecretInput } from './SecretInput'

type Phase =
  | { at: 'input' }
  | { at: 'previewing' }
  | { at: 'preview'; preview: FixPreview }
  | { at: 'applying'; preview: FixPreview }
  | { at: 'applied'; outcome: FixOutcome }
  | { at: 'undoing'; outcome: FixOutcome }
  | { at: 'undone'; change: Change }
  | { at: 'unavailable' }
  | { at: 'failed'; message: string }

/** The open fix dialog, if any: lives beside the page, so it outlasts the finding it fixes. */
export function FixDialogHost() {
  const fix = useApp((s) => s.fix)
  const close = useApp((s) => s.closeFix)
  return fix ? <FixDialog key={fix.action.id} action={fix.action} serverId={fix.serverId} onClose={close} /> : null
}

/**
 * Carries out one fix action: asks for a value when the action needs one (masked, never echoed),
 * shows what it would change (`fix:preview`: the diff with secrets masked, or the confirmation),
 * applies it (`fix:apply`, which re-tests the server) and shows before and after, with undo.
 */
export function FixDialog({ action, serverId, onClose }: { action: FixAction; serverId: string; onClose: () => void }) {
  const api = useApp((s) => s.api)
  const applyOutcome = useApp((s) => s.applyOutcome)
  const undo = useApp((s) => s.undo)
  const home = useApp((s) => s.info?.home)
  const needsInput = action.kind === 'edit' && action.value?.from === 'input'
  const [phase, setPhase] = useState<Phase>(needsInput ? { at: 'input' } : { at: 'previewing' })
  const [input, setInput] = useState('')

  const showPreview = (result: Result<FixPreview>): void => {
    if (result.ok) setPhase({ at: 'preview', preview: result.value })
    else setPhase(result.error.code === 'unavailable' ? { at: 'unavailable' } : { at: 'failed', message: result.error.message })
  }
  const preview = async (): Promise<void> => {
    setPhase({ at: 'previewing' })
    showPreview(await api.fix.preview({ serverId, actionId: action.id, ...(needsInput ? { input } : {}) }))
  }

  useEffect(() => {
    // an action that needs no value is previewed as soon as the dialog opens
    if (!needsInput) void api.fix.preview({ serverId, actionId: action.id }).then(showPreview)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const apply = async (p: FixPreview): Promise<void> => {
    setPhase({ at: 'applying', preview: p })
    const result = await api.fix.apply({ serverId, actionId: action.id, ...(needsInput ? { input } : {}), ...(p.expectedHash ? { expectedHash: p.expectedHash } : {}) })
    setInput('')
    if (!result.ok) {
      setPhase(result.error.code === 'unavailable' ? { at: 'unavailable' } : { at: 'failed', message: result.error.message })
      return
    }
    applyOutcome(result.value, serverId)
    setPhase({ at: 'applied', outcome: result.value })
  }

  const undoIt = async (outcome: FixOutcome): Promise<void> => {
    setPhase({ at: 'undoing', outcome })
    const result = await undo(outcome.backupId!, outcome.serverId)
    setPhase(result.ok ? { at: 'undone', change: result.change } : { at: 'failed', message: result.message})
  }

  const busy = phase.at === 'previewing' || phase.at === 'applying' || phase.at === 'undoing'
  return (
    <Dialog title={action.label} onClose={onClose} busy={busy} wide>
      {phase.at === 'input' && action.kind === 'edit' && action.value?.from === 'input' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void preview()
          }}
        >
          <SecretInput label={action.value.label} secret={action.value.secret} placeholder={action.value.placeholder} value={input} onChange={setInput} autoFocus />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={input.length === 0}>
              Preview the change
            </button>
          </div>
        </form>
      )}
      {phase.at === 'previewing' && <p className="muted" role="status">Working out what this changes…</p>}
      {(phase.at === 'preview' || phase.at === 'applying') && (
        <>
          <p>
            <RichText text={phase.preview.summary} />
          </p>
          {phase.preview.confirm && <p className="confirm">{phase.preview.confirm}</p>}
          {phase.preview.diff && <DiffView diff={phase.preview.diff} label={`Changes to ${tildify(phase.preview.configPath ?? 'the file', home)}`} />}
          {phase.preview.configPath && <p className="muted small">A backup of {tildify(phase.preview.configPath, home)} is kept; you can undo this here or from step 7.</p>}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} disabled={phase.at === 'applying'}>
              Cancel
            </button>
            <button type="button" className="button primary" data-autofocus onClick={() => void apply(phase.preview)} disabled={phase.at === 'applying'}>
              {phase.at === 'applying' ? 'Applying and re-testing…' : phase.preview.confirm ? 'Yes, do it' : 'Apply and re-test'}
            </button>
          </div>
        </>
      )}
      {(phase.at === 'applied' || phase.at === 'undoing') && (
        <>
          <p role="status">
            <RichText text={phase.outcome.summary} />
          </p>
          <BeforeAfter before={phase.outcome.before} after={phase.outcome.after} />
          <div className="dialog-actions">
            {phase.outcome.backupId && (
              <button type="button" className="button" onClick={() => void undoIt(phase.outcome)} disabled={phase.at === 'undoing'}>
                {phase.at === 'undoing' ? 'Undoing…' : 'Undo'}
              </button>
            )}
            <button type="button" className="button primary" data-autofocus onClick={onClose} disabled={phase.at === 'undoing'}>
              Done
            </button>
          </div>
        </>
      )}
      {phase.at === 'undone' && (
        <>
          <p role="status">Undone: {phase.change.summary}</p>
          <BeforeAfter before={phase.change.before} after={phase.change.after} />
          <OneButton label="Done" onClick={onClose} />
        </>
      )}
      {phase.at === 'unavailable' && (
        <>
          <p className="muted unavailable">Applying fixes is not available in this build. The fix above says what to change by hand.</p>
          <OneButton label="Close" onClick={onClose} />
        </>
      )}
      {phase.at === 'failed' && (
        <>
          <p className="dialog-error" role="alert">
            {phase.message}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button primary" data-autofocus onClick={() => (needsInput ? setPhase({ at: 'input' }) : void preview())}>
              Try again
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}

/** The dialog's last word: one button that closes it. */
function OneButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button primary" data-autofocus onClick={onClick}>
        {label}
      </button>
    </div>
  )
}
