#!/usr/bin/env node
// Checks what the packaged app would hold, without downloading Electron: packages `--linux dir`
// against a stand-in Electron folder (a placeholder binary: the app cannot run, but
// electron-builder's own file matching and asar packing run for real), then lists app.asar and
// fails unless it holds only the built output, package.json and production dependencies, and the
// CLI launchers sit in resources/bin. `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const version = require(path.join(root, 'node_modules/electron/package.json')).version
const stand = mkdtempSync(path.join(os.tmpdir(), 'mcp-medic-electron-stand-in-'))
const output = path.join(stand, 'dist')
try {
  mkdirSync(path.join(stand, 'electron', 'resources'), { recursive: true })
  writeFileSync(path.join(stand, 'electron', 'electron'), '#!/bin/sh\necho "stand-in for Electron: cannot run"\nexit 1\n')
  chmodSync(path.join(stand, 'electron', 'electron'), 0o755)
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'chrome_crashpad_handler']) writeFileSync(path.join(stand, 'electron', f), '')
  writeFileSync(path.join(stand, 'electron', 'version'), `v${version}\n`)

  const builder = require.resolve('electron-builder/cli.js', { paths: [root] })
  const run = spawnSync(process.execPath, [builder, '--linux', 'dir', `-c.electronDist=${path.join(stand, 'electron')}`, `-c.electronVersion=${version}`, `-c.directories.output=${output}`], { cwd: root, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`)

  const resources = path.join(output, 'linux-unpacked', 'resources')
  const asar = require('@electron/asar')
  const entries = asar.listPackage(path.join(resources, 'app.asar')).map((e) => e.replace(/\\/g, '/').replace(/^\//, ''))
  const production = new Set(
    execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' })
      .split('\n')
      .map((p) => path.relative(root, p.trim()).replace(/\\/g, '/'))
      .filter((p) => p.startsWith('node_modules/'))
  )
  const owner = (entry) => {
    const parts = entry.split('/')
    let best
    for (let i = 2; i <= parts.length; i++) if (production.has(parts.slice(0, i).join('/'))) best = parts.slice(0, i).join('/')
    return best
  }
  const problems = []
  const packages = new Set()
  for (const entry of entries) {
    if (entry === 'out' || entry === 'package.json' || entry === 'node_modules' || entry.startsWith('out/')) {
      if (entry.endsWith('.map')) problems.push(`source map: ${entry}`)
      continue
    }
    if (!entry.startsWith('node_modules/')) problems.push(`not built output: ${entry}`)
    else if (entry.split('/').length > 2 && !/^node_modules\/@[^/]+$/.test(entry)) {
      const pkg = owner(entry)
      if (!pkg) problems.push(`not a production dependency: ${entry}`)
      else packages.add(pkg)
    }
  }
  for (const needed of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html']) if (!entries.includes(needed)) problems.push(`missing: ${needed}`)
  for (const launcher of ['mcp-medic', 'mcp-medic.cmd']) if (!existsSync(path.join(resources, 'bin', launcher))) problems.push(`missing launcher: resources/bin/${launcher}`)
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  for (const dev of Object.keys(pkg.devDependencies)) if (packages.has(`node_modules/${dev}`)) problems.push(`dev dependency packaged: ${dev}`)
  if (problems.length > 0) {
    process.stderr.write(`check-package: ${problems.length} problem(s):\n${problems.slice(0, 50).map((p) => `  ${p}`).join('\n')}\n`)
    process.exit(1)
  }
  const outFiles = entries.filter((e) => e.startsWith('out/') && !entries.some((x) => x.startsWith(`${e}/`)))
  process.stdout.write(`check-package: app.asar holds ${entries.length} entries: ${outFiles.length} built files (${outFiles.join(', ')}), package.json, and ${packages.size} production packages (of ${production.size}); launchers in resources/bin\n`)
} finally {
  rmSync(stand, { recursive: true, force: true })
}
