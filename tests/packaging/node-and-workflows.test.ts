import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = path.resolve(__dirname, '../..')
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8')
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node
const minimum = /^>=(\d+\.\d+)$/.exec(engines)?.[1]
const { satisfies } = createRequire(__filename)(path.join(ROOT, 'scripts/check-node.cjs')) as { satisfies(version: string, range: string): boolean }

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }
interface Workflow { on: unknown; permissions?: Record<string, string>; jobs: Record<string, { 'runs-on': string; strategy?: { matrix: Record<string, unknown> }; steps: Step[]; permissions?: Record<string, string> }> }
const workflow = (name: string): Workflow => parse(read(`.github/workflows/${name}`), { strict: true, uniqueKeys: true }) as Workflow

describe('the Node requirement', () => {
  it('is one ">=X.Y" range that this machine satisfies', () => {
    expect(minimum).toBeDefined()
    expect(satisfies(process.versions.node, engines)).toBe(true)
  })

  it('is checked by .ci/run before anything is installed, and the check fails an older Node in one line', () => {
    const ci = read('.ci/run')
    expect(ci.indexOf('node scripts/check-node.cjs')).toBeGreaterThan(-1)
    expect(ci.indexOf('node scripts/check-node.cjs')).toBeLessThan(ci.indexOf('npm ci'))
    expect(execFileSync(process.execPath, [path.join(ROOT, 'scripts/check-node.cjs')], { encoding: 'utf8' })).toMatch(new RegExp(`satisfies engines ${engines}`))
    const old = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-node.cjs'), '--version', '20.18.3'], { encoding: 'utf8' })
    expect(old.status).toBe(1)
    expect(old.stderr.trim().split('\n')).toHaveLength(1)
    expect(satisfies('20.19.0', engines)).toBe(true)
    expect(satisfies('v22.12.0', engines)).toBe(true)
    expect(satisfies('19.9.0', engines)).toBe(false)
  })

  it('is what the README says', () => {
    expect(read('README.md')).toContain(`Node.js ${minimum} or newer`)
  })
})

describe('the GitHub workflows', () => {
  it('parse as YAML and ask for no more permission than they need', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      const wf = workflow(name)
      expect(wf.permissions).toEqual({ contents: 'read' })
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps) {
          // every action pinned to a major version, only GitHub's own
          if (step.uses) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/)
          expect(step.uses !== undefined || step.run !== undefined).toBe(true)
        }
      }
    }
    expect(workflow('release.yml').jobs.release!.permissions).toEqual({ contents: 'write' })
  })

  it('test on macOS, Windows and Ubuntu, on Node versions the project declares, the oldest included', () => {
    const ci = workflow('ci.yml')
    const { matrix } = ci.jobs.test!.strategy!
    expect(matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    const versions = [...(matrix.node as string[]), ...((matrix.include as { node: string }[]) ?? []).map((i) => i.node)]
    for (const v of versions) expect(satisfies(v, engines), v).toBe(true)
    expect(versions).toContain(minimum)
    const runs = ci.jobs.test!.steps.map((s) => s.run ?? '').join('\n')
    expect(runs).toContain('node scripts/check-node.cjs')
    expect(runs).toContain("require('electron')") // the binary, so the Electron spec runs
    expect(runs).toContain('xvfb-run -a npm test')
  })

  it('release the installers of every OS on a version tag', () => {
    const release = workflow('release.yml')
    expect(release.on).toMatchObject({ push: { tags: ['v*'] } })
    expect(release.jobs.build!.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    expect(release.jobs.build!.steps.map((s) => s.run ?? '').join('\n')).toContain('npm run dist')
    expect(release.jobs.release!.steps.map((s) => s.run ?? '').join('\n')).toContain('gh release create')
  })
})
