import { z } from 'zod'
import { FindingSchema } from './findings'
import { FixActionSchema } from './fix-action'
import { ClientIdSchema, ProbeSchema, ReportSchema, ScopeSchema, ServerReportSchema } from './report'

/** The parts a reader looks up by name, written once under `$defs`. */
function namedParts(): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>()
  registry.add(ClientIdSchema, { id: 'ClientId' })
  registry.add(ScopeSchema, { id: 'Scope' })
  registry.add(FixActionSchema, { id: 'FixAction' })
  registry.add(FindingSchema, { id: 'Finding' })
  registry.add(ProbeSchema, { id: 'Probe' })
  registry.add(ServerReportSchema, { id: 'ServerReport' })
  return registry
}

/**
 * The report model (the `--json` output and the exported JSON) as a JSON Schema, generated from
 * its zod schema so the two cannot drift. Committed as docs/report.schema.json (`npm run schema`).
 */
export function reportJsonSchema(): Record<string, unknown> {
  // Input mode leaves objects open (no `additionalProperties: false`): the model grows by
  // additions, and an older schema must still accept a newer report.
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'input', metadata: namedParts() })
  return {
    ...schema,
    title: 'MCP Medic report',
    description: 'What MCP Medic found about every MCP server configured on a machine, with every secret replaced.'
  }
}

/** The schema as the committed file holds it: two-space JSON and a final newline. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}
