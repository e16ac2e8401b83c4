#!/usr/bin/env node
// Checks the running Node against package.json's `engines.node` (a ">=X.Y[.Z]" range) and says
// so in one line; exits 1 when it is older. `--version V` checks V instead (for tests).
const path = require('node:path')

/** [major, minor, patch] of "v20.19.1" or "20.19". */
function parse(version) {
  const parts = String(version).replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0)
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0]
}

/** Whether `version` is at least the minimum of a ">=X.Y[.Z]" range. */
function satisfies(version, range) {
  const m = /^\s*>=\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(range)
  if (!m) throw new Error(`engines.node must be a ">=X.Y" range, not "${range}"`)
  const [a, b] = [parse(version), parse(m[1])]
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i]
  return true
}

module.exports = { satisfies }

if (require.main === module) {
  const at = process.argv.indexOf('--version')
  const version = at === -1 ? process.versions.node : process.argv[at + 1]
  const range = require(path.join(__dirname, '..', 'package.json')).engines.node
  if (satisfies(version, range)) {
    const electronTooling = satisfies(version, '>=22.12') ? '' : "; `npm start` and packaging use Electron's download tooling, which declares 22.12 or newer"
    process.stdout.write(`node ${version} satisfies engines ${range}${electronTooling}\n`)
  } else {
    process.stderr.write(`node ${version} is older than this project supports (engines: ${range}); install a newer Node\n`)
    process.exit(1)
  }
}
