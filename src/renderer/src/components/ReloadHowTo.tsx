import { CLIENT_NAMES, type ClientId } from '../../../shared/report'
import { reloadInstructions } from '../../../shared/reload'
import { useApp } from '../hooks'
import { RichText } from './RichText'

/** How to make a client pick up a changed config (step 7): the per-client steps from src/shared/reload.ts, for this OS. */
export function ReloadHowTo({ client }: { client: ClientId }) {
  const platform = useApp((s) => s.info?.platform ?? s.report?.system.platform)
  const how = reloadInstructions(client, platform)
  return (
    <div className="reload" data-reload={client}>
      <p>
        <strong>
          <RichText text={how.summary} />
        </strong>
        {how.watchesConfig && <span className="muted"> {CLIENT_NAMES[client]} usually notices an edited file by itself.</span>}
      </p>
      <ol className="reload-steps">
        {how.steps.map((step, i) => (
          <li key={i}>
            <RichText text={step} />
          </li>
        ))}
      </ol>
      {how.note && (
        <p className="muted small">
          <RichText text={how.note} />
        </p>
      )}
    </div>
  )
}
