#!/usr/bin/env node
// Runs electron-vite (`preview` for `npm start`, `dev` for `npm run dev`) with Electron's binary
// in place. Since Electron 42, `npm install` downloads nothing: the `electron` package fetches its
// binary the first time it is required from Node. electron-vite does not do that, so this script
// does it once, then hands electron-vite the binary's path.
const { spawnSync } = require('node:child_process')
const path = require('node:path')

const mode = process.argv[2] === 'dev' ? 'dev' : 'preview'
let executable = process.env.ELECTRON_EXEC_PATH
if (!executable) {
  try {
    // The first time, this downloads Electron (about 100 MB) and prints its progress.
    executable = require('electron')
  } catch (error) {
    process.stderr.write(
      `MCP Medic could not get Electron's binary: ${error.message}\n` +
        'Check the network (or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron), then try again.\n' +
        'Without Electron, the same app runs in your browser: npm run build && node out/main/cli.js serve --open\n'
    )
    process.exit(1)
  }
}
const bin = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const result = spawnSync(process.execPath, [bin, mode, ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: executable }
})
process.exit(result.status ?? 1)
