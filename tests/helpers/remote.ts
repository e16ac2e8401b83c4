import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixtureServer } from './home'

export interface RemoteFixture {
  /** the origin it listens on, e.g. http://127.0.0.1:41234 */
  origin: string
  child: ChildProcess
  stop(): Promise<void>
}

/**
 * Starts tests/fixtures/servers/remote.mjs as its own process on a random loopback port and waits
 * for the origin it prints. `stop()` ends it and waits until it is gone.
 */
export async function startRemote(args: string[] = []): Promise<RemoteFixture> {
  const child = spawn(process.execPath, [fixtureServer('remote.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const origin = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const line = buffered.split('\n')[0]
      if (buffered.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) => reject(new Error(`remote fixture exited (${code}): ${stderr}`)))
    child.once('error', reject)
  })
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  return {
    origin,
    child,
    async stop() {
      child.kill('SIGKILL')
      await exited
    }
  }
}

export interface SelfSignedCert {
  cert: string
  key: string
  dir: string
  cleanup(): void
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made with openssl in a temp folder. */
export function makeSelfSignedCert(commonName = 'mcp-medic-test.local'): SelfSignedCert {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-medic-tls-'))
  const cert = path.join(dir, 'cert.pem')
  const key = path.join(dir, 'key.pem')
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${commonName}/O=MCP Medic tests`,
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'
  ], { stdio: 'ignore' })
  return { cert, key, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
