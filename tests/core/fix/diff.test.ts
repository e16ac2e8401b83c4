import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../../src/main/core/config/diff'

/** Applies a unified diff with the real `patch` program and returns the result. */
async function patched(before: string, diff: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-medic-diff-'))
  try {
    const file = path.join(dir, 'f')
    await writeFile(file, before)
    await writeFile(path.join(dir, 'd'), diff)
    const run = spawnSync('patch', ['-s', '-u', file, path.join(dir, 'd')], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`patch failed: ${run.stdout}${run.stderr}`)
    return spawnSync('cat', [file], { encoding: 'utf8' }).stdout
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const HAS_PATCH = spawnSync('patch', ['--version']).status === 0

describe('unifiedDiff', () => {
  it('is empty for equal texts and shows a change with three lines of context', () => {
    expect(unifiedDiff('a\n', 'a\n')).toBe('')
    const before = ['{', '  "mcpServers": {', '    "a": {', '      "command": "npx",', '      "args": ["-y", "a"]', '    }', '  }', '}', ''].join('\n')
    const after = before.replace('"npx"', '"/usr/local/bin/npx"')
    expect(unifiedDiff(before, after, { path: '/h/.claude.json' })).toBe(
      [
        '--- /h/.claude.json',
        '+++ /h/.claude.json',
        '@@ -1,7 +1,7 @@',
        ' {',
        '   "mcpServers": {',
        '     "a": {',
        '-      "command": "npx",',
        '+      "command": "/usr/local/bin/npx",',
        '       "args": ["-y", "a"]',
        '     }',
        '   }',
        ''
      ].join('\n')
    )
  })

  it('separates distant changes into hunks and marks a missing final newline', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`)
    const before = lines.join('\n')
    const after = [...lines.slice(0, 2), 'inserted', ...lines.slice(2, 25), ...lines.slice(26)].join('\n') + '\n'
    const diff = unifiedDiff(before, after)
    expect(diff.match(/^@@/gm)).toHaveLength(2)
    expect(diff).toContain('@@ -1,5 +1,6 @@')
    expect(diff).toContain('-line 26')
    expect(diff).toContain('-line 30\n\\ No newline at end of file\n+line 30\n')
  })

  it('diffs a new file and an emptied one', () => {
    expect(unifiedDiff('', '{}\n')).toBe('--- file\n+++ file\n@@ -0,0 +1,1 @@\n+{}\n')
    expect(unifiedDiff('x\ny\n', '')).toBe('--- file\n+++ file\n@@ -1,2 +0,0 @@\n-x\n-y\n')
  })

  it.skipIf(!HAS_PATCH)('produces diffs that the real patch program applies back to the new text', async () => {
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 25; round++) {
      const before = Array.from({ length: 5 + random(40) }, () => `v${random(6)}`)
      const after = [...before]
      for (let k = random(6); k >= 0; k--) {
        const at = random(after.length + 1)
        if (random(2) === 0) after.splice(at, 1)
        else after.splice(at, 0, `n${random(4)}`)
      }
      const a = `${before.join('\n')}\n`
      const b = after.length === 0 ? '' : `${after.join('\n')}${random(3) === 0 ? '' : '\n'}`
      const diff = unifiedDiff(a, b)
      if (a === b) continue
      expect(await patched(a, diff), diff).toBe(b)
    }
  })
})
