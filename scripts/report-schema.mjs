// Writes docs/report.schema.json: the JSON Schema of the report model, generated from its zod
// schema (src/shared/report-schema.ts). `npm run schema` after changing the model; a test checks
// that the committed file matches.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { module } = await runnerImport(path.join(root, 'src/shared/report-schema.ts'), { configFile: false, logLevel: 'silent' })
const file = path.join(root, 'docs/report.schema.json')
await writeFile(file, module.reportJsonSchemaText())
process.stdout.write(`wrote ${path.relative(root, file)}\n`)
