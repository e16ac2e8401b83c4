import { CLIENT_NAMES, type ClientId } from '../../../shared/report'

/**
 * How to make a client pick up a changed config. The per-client instructions are data in
 * src/shared/reload.ts (built by the logs engine); until a client has some, this says the one
 * thing true of every client: it reads its MCP config when it starts.
 */
export function ReloadHowTo({ client }: { client: ClientId }) {
  const name = CLIENT_NAMES[client]
  return (
    <p className="reload" data-reload="generic">
      {name} reads its MCP servers when it starts: restart {name} (quit it fully, then open it again) so it uses the changed entry, then re-test here.
    </p>
  )
}
