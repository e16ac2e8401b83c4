import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnose } from '../../../src/main/core/diagnose/run'
import { prepareExport, renderExport } from '../../../src/main/core/report/export'
import { reportJsonSchemaText } from '../../../src/shared/report-schema'
import type { Report } from '../../../src/shared/report'
import { makeHome, nodeServer, type TempHome } from '../../helpers/home'

const COMMITTED = path.resolve(__dirname, '../../../docs/report.schema.json')

let t: TempHome
let report: Report
beforeAll(async () => {
  t = await makeHome()
  await t.write('.claude.json', {
    mcpServers: { healthy: nodeServer('healthy.mjs'), broken: nodeServer('exit-error.mjs', { env: { KEY: 'abcdefgh' } }), remote: { type: 'http', url: 'http://127.0.0.1:9/mcp' } }
  })
  await t.write('.cursor/mcp.json', '{ "mcpServers": { "x": { "command": "y" }, } }')
  report = await diagnose(t.context(), { timeoutMs: 10_000 })
})
afterAll(() => t.cleanup())

describe('the report JSON Schema', () => {
  it('docs/report.schema.json is the one generated from the zod schema (npm run schema rewrites it)', async () => {
    expect(await readFile(COMMITTED, 'utf8'), 'docs/report.schema.json is stale: run `npm run schema`').toBe(reportJsonSchemaText())
  })

  it('accepts a real diagnosis and its export, and refuses a report that breaks the model', async () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(await readFile(COMMITTED, 'utf8')))
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    const exported = JSON.parse(renderExport(await prepareExport(report, { home: t.home, user: 'tester', platform: 'linux' }), 'json').text)
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...exported, servers: [{ ...exported.servers[0], status: 'fine' }] })).toBe(false)
    expect(validate({ ...exported, schemaVersion: 2 })).toBe(false)
  })
})
