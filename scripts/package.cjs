#!/usr/bin/env node
// `npm run package` and `npm run dist`: draws the icons, then runs electron-builder with the
// given arguments. electron-builder downloads Electron (and, for some targets, its own tools);
// where that is impossible it fails with a stack trace. This wrapper shows its progress lines,
// keeps the full output in dist/electron-builder.log, and turns a failed download into one line.
const { spawn, spawnSync } = require('node:child_process')
const { mkdirSync, writeFileSync } = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const args = process.argv.slice(2)

const icons = spawnSync(process.execPath, [path.join(__dirname, 'icons.mjs')], { cwd: root, stdio: 'inherit' })
if (icons.status !== 0) process.exit(icons.status ?? 1)

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`package: note: Electron's download tooling declares Node 22.12 or newer; this is Node ${process.versions.node}.\n`)
}

const cli = require.resolve('electron-builder/cli.js', { paths: [root] })
const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] })
const log = []
const take = (stream, out) => {
  let pending = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk) => {
    log.push(chunk)
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop()
    // progress lines are shown as they come; stack traces and error details go to the log
    for (const line of lines) if (/^\s*•/.test(line)) out.write(`${line}\n`)
  })
}
take(child.stdout, process.stdout)
take(child.stderr, process.stderr)

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|fetch failed|getaddrinfo/

child.on('exit', (code) => {
  const text = log.join('')
  const logFile = path.join(root, 'dist', 'electron-builder.log')
  try {
    mkdirSync(path.dirname(logFile), { recursive: true })
    writeFileSync(logFile, text)
  } catch {
    // no log, then
  }
  if (code === 0) process.exit(0)
  const error = (text.split('\n').find((l) => /^\s*⨯/.test(l)) ?? text.trim().split('\n').pop() ?? '').replace(/\s+(failedTask|stackTrace)=.*$/, '').replace(/^\s*⨯\s*/, '').trim()
  const version = require(path.join(root, 'node_modules/electron/package.json')).version
  if (NETWORK.test(error)) {
    process.stderr.write(`package: could not download Electron ${version} (or a packaging tool) for ${process.platform}-${process.arch}: ${error}. Run this where the network allows, or point at an unpacked Electron with -c.electronDist=DIR -c.electronVersion=${version}.\n`)
  } else {
    process.stderr.write(`package: electron-builder failed: ${error || `exit code ${code}`} (full output: ${path.relative(process.cwd(), logFile)})\n`)
  }
  process.exit(code || 1)
})
