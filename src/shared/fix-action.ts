import { z } from 'zod'
import { EditOpSchema } from './edit'

/**
 * Fix actions (DESIGN.md, "Fix actions"): what the engine can carry out for a finding. The engine
 * puts them on `finding.fix.action` (and `fix.alternatives`); the renderer shows them, asks for
 * confirmation and names one back by `{ serverId, actionId }` through `fix:preview` / `fix:apply`.
 * The renderer never composes an action: the main process looks the id up among the actions it
 * produced itself and decides what runs.
 */

/**
 * Where the value of a `set-env` / `set-header` edit comes from when the report cannot carry it
 * (it is a secret): typed by the user, copied from the login shell, or copied from another
 * client's entry for the same server. The report carries only the source, never the value; the
 * edit's `op.value` is an empty string placeholder until the engine fills it in at apply time.
 */
export const ValueSourceSchema = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('input'),
    /** mask the field and never echo the value back */
    secret: z.boolean(),
    label: z.string(),
    placeholder: z.string().optional()
  }),
  /** the variable of this name in the user's login-shell environment */
  z.object({ from: z.literal('login-shell'), name: z.string() }),
  /** the env value (or header) of this name in another discovered entry, named by its id */
  z.object({ from: z.literal('server'), serverId: z.string(), name: z.string(), label: z.string() })
])
export type ValueSource = z.infer<typeof ValueSourceSchema>

const ActionBase = {
  /** stable within one server's report, e.g. "env-missing:set-env:API_KEY" */
  id: z.string().min(1).max(200),
  /** the button's words: "Use /usr/local/bin/uvx as the command" */
  label: z.string()
}

export const FixActionSchema = z.discriminatedUnion('kind', [
  z.object({
    ...ActionBase,
    kind: z.literal('edit'),
    edit: z.object({
      serverId: z.string().optional(),
      configPath: z.string().optional(),
      op: EditOpSchema
    }),
    value: ValueSourceSchema.optional()
  }),
  /** adds the execute bit, after the user confirms */
  z.object({ ...ActionBase, kind: z.literal('chmod'), path: z.string() }),
  /** an official installer or documentation page */
  z.object({ ...ActionBase, kind: z.literal('open-url'), url: z.string() }),
  /** a command or snippet to copy */
  z.object({ ...ActionBase, kind: z.literal('copy'), text: z.string() })
])
export type FixAction = z.infer<typeof FixActionSchema>
