import { open, realpath, stat } from 'node:fs/promises'

/** What the first bytes and the mode of an executable say about it. */
export interface FileFacts {
  path: string
  /** the file a symlink chain ends at */
  realPath: string
  /** permission bits, e.g. 0o755 */
  mode: number
  /** someone may execute it (any x bit; Windows: always) */
  executable: boolean
  kind: 'elf' | 'mach-o' | 'pe' | 'script' | 'text' | 'empty' | 'other'
  /** the architectures a binary is built for (node's names: x64, arm64, ia32, arm, …) */
  archs?: string[]
  /** the `#!` line of a script */
  shebang?: string
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x08: 'mips', 0x14: 'ppc', 0x15: 'ppc64', 0x16: 's390x', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64', 0xf3: 'riscv64' }
const MACHO_CPUS: Record<number, string> = { 7: 'ia32', 12: 'arm', 0x01000007: 'x64', 0x0100000c: 'arm64', 18: 'ppc', 0x01000012: 'ppc64' }
const PE_MACHINES: Record<number, string> = { 0x14c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x1c0: 'arm', 0x1c4: 'arm' }

/**
 * Reads the mode and the first bytes of `file`: the kind of file, the architectures of a binary
 * (ELF, Mach-O including universal binaries, PE) and the `#!` line of a script. Returns undefined
 * when the file cannot be read at all.
 */
export async function readFileFacts(file: string, platform: NodeJS.Platform): Promise<FileFacts | undefined> {
  let info
  let real: string
  try {
    info = await stat(file)
    real = await realpath(file).catch(() => file)
  } catch {
    return undefined
  }
  if (!info.isFile()) return undefined
  const mode = info.mode & 0o7777
  const executable = platform === 'win32' || (mode & 0o111) !== 0
  const base = { path: file, realPath: real, mode, executable }
  let head: Buffer
  try {
    head = await readAt(file, 0, 4096)
  } catch {
    return { ...base, kind: 'other' }
  }
  if (head.length === 0) return { ...base, kind: 'empty' }
  if (head[0] === 0x23 && head[1] === 0x21) {
    return { ...base, kind: 'script', shebang: head.toString('utf8').split(/\r?\n/)[0]!.trim() }
  }
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const little = head[5] !== 2
    const machine = little ? head.readUInt16LE(18) : head.readUInt16BE(18)
    return { ...base, kind: 'elf', archs: [ELF_MACHINES[machine] ?? `elf-machine-${machine}`] }
  }
  if (head.length >= 8) {
    const le = head.readUInt32LE(0)
    if (le === 0xfeedfacf || le === 0xfeedface) {
      const cpu = head.readInt32LE(4)
      return { ...base, kind: 'mach-o', archs: [MACHO_CPUS[cpu] ?? `mach-cpu-${cpu}`] }
    }
    const be = head.readUInt32BE(0)
    const count = head.readUInt32BE(4)
    // Java class files share 0xcafebabe; their next word is a version far above any arch count.
    if ((be === 0xcafebabe || be === 0xcafebabf) && count > 0 && count < 32) {
      const archs: string[] = []
      const stride = be === 0xcafebabf ? 32 : 20
      for (let i = 0; i < count && 8 + i * stride + 4 <= head.length; i++) {
        const cpu = head.readInt32BE(8 + i * stride)
        archs.push(MACHO_CPUS[cpu] ?? `mach-cpu-${cpu}`)
      }
      return { ...base, kind: 'mach-o', archs }
    }
  }
  if (head.length >= 0x40 && head[0] === 0x4d && head[1] === 0x5a) {
    const offset = head.readUInt32LE(0x3c)
    try {
      const pe = offset + 6 <= head.length ? head.subarray(offset, offset + 6) : await readAt(file, offset, 6)
      if (pe.length === 6 && pe.readUInt32BE(0) === 0x50450000) {
        const machine = pe.readUInt16LE(4)
        return { ...base, kind: 'pe', archs: [PE_MACHINES[machine] ?? `pe-machine-${machine}`] }
      }
    } catch {
      // not a PE after all
    }
  }
  return { ...base, kind: head.subarray(0, 512).includes(0) ? 'other' : 'text' }
}

/**
 * Whether a binary built for `archs` runs here: natively, translated (Rosetta on Apple silicon,
 * Windows on Arm's x64 emulation), or not at all.
 */
export function archSupport(archs: readonly string[], hostArch: string, platform: NodeJS.Platform): 'native' | 'translated' | 'incompatible' {
  if (archs.includes(hostArch)) return 'native'
  if (hostArch === 'x64' && platform !== 'darwin' && archs.includes('ia32')) return 'native'
  if (hostArch === 'arm64' && (platform === 'darwin' || platform === 'win32') && archs.includes('x64')) return 'translated'
  return 'incompatible'
}

/** The interpreter a `#!` line names: `#!/usr/bin/env -S node --x` → node, through env. */
export function parseShebang(line: string): { program: string; viaEnv: boolean } | undefined {
  const words = line.replace(/^#!\s*/, '').trim().split(/\s+/).filter(Boolean)
  const first = words[0]
  if (!first) return undefined
  if (/(?:^|\/)env$/.test(first)) {
    const program = words.slice(1).find((w) => !w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w))
    return program ? { program, viaEnv: true } : undefined
  }
  return { program: first, viaEnv: false }
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
