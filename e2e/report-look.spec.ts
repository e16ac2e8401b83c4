import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { marked } from 'marked'
import { buildBrokenHome, type BrokenHome } from '../tests/fixtures/homes/broken-home'
import { CLI, ROOT } from './helpers'

/**
 * The Markdown report of a home full of broken servers, as a maintainer sees it in a GitHub
 * issue: written by the real CLI, rendered by a Markdown renderer (GitHub-flavoured), looked at
 * in Chromium. The screenshot is test-results/report-markdown.png; the Markdown is written to
 * $SAMPLE_REPORT (docs/sample-report.md is made this way: `npm run sample-report`).
 */

let sample: BrokenHome
test.beforeAll(async () => {
  sample = await buildBrokenHome()
})
test.afterAll(() => sample?.cleanup())

/** Enough of an issue page's look to judge the layout: widths, table borders, code and details. */
const ISSUE_CSS = `body{font:14px/1.5 -apple-system,"Segoe UI",system-ui,sans-serif;color:#1f2328;max-width:860px;margin:24px auto;padding:16px 24px;border:1px solid #d0d7de;border-radius:6px}
table{border-collapse:collapse;display:block;overflow:auto}td,th{border:1px solid #d0d7de;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}
code{background:#eff1f3;padding:.2em .4em;border-radius:6px;font:85% ui-monospace,monospace}pre{background:#f6f8fa;padding:16px;border-radius:6px;overflow:auto}pre code{background:none;padding:0}
h2,h3{border-bottom:1px solid #d8dee4;padding-bottom:.3em}details{margin:0 0 16px}sub{color:#59636e}`

test('a report of a broken home reads well rendered as a GitHub issue', async ({ page }) => {
  const markdown = await new Promise<string>((resolve, reject) => {
    const projects = sample.options.projects.flatMap((p) => ['--project', p])
    execFile(process.execPath, [CLI, 'report', ...projects, '--timeout', String(sample.options.timeoutMs)], { cwd: sample.project, env: sample.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit code 1 means "something is broken", which is the point here.
      if (error && error.code !== 1) reject(new Error(`${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
  const out = process.env.SAMPLE_REPORT ? path.resolve(ROOT, process.env.SAMPLE_REPORT) : path.join(ROOT, 'test-results/sample-report.md')
  await mkdir(path.dirname(out), { recursive: true })
  await writeFile(out, markdown)

  expect(markdown).not.toContain(sample.home)
  // The corpus's keys: in entries, and exported only in the login shell's profile.
  for (const secret of ['BSA-from-the-profile-0001', 'fc-from-the-profile-0002', 'fixture-key-0004', 'BSA-in-cursor-0005']) expect(markdown).not.toContain(secret)

  const body = await marked.parse(markdown, { gfm: true })
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${ISSUE_CSS}</style></head><body>${body}</body></html>`)
  // Every table rendered as a table (a broken one shows as lines of pipes), every server row in it.
  const text = await page.locator('body').innerText()
  expect(text.split('\n').filter((l) => /^\|.*\|$/.test(l.trim()))).toEqual([])
  const rows = page.locator('table').first().locator('tbody tr')
  expect(await rows.count()).toBe(sample.servers.length)
  for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => tr.children.length))) expect(cells).toBe(5)
  // Evidence folds away, and nothing an engine text said turned into markup or strikethrough.
  expect(await page.locator('details').count()).toBeGreaterThan(5)
  expect(await page.locator('details[open]').count()).toBe(0)
  expect(await page.locator('del, s, em > code').count()).toBe(0)
  for (const s of sample.servers.filter((x) => x.code)) await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^\\S+ ${s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `) }).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/report-markdown.png', fullPage: true })
  // And opened: the evidence of the first failing server.
  await page.locator('details').first().evaluate((d) => d.setAttribute('open', ''))
  await page.screenshot({ path: 'test-results/report-markdown-open.png', fullPage: false })
})
