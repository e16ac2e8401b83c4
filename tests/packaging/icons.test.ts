import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** The icon script's own functions, on the real SVGs. */
async function icons(): Promise<{ renderPng(size: number): Buffer; icoFile(images: { size: number; png: Buffer }[]): Buffer; icnsFile(chunks: { type: string; png: Buffer }[]): Buffer }> {
  return (await import(path.resolve(__dirname, '../../scripts/icons.mjs'))) as never
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

describe('the app icon', () => {
  it('renders at every size from the SVGs', async () => {
    const { renderPng } = await icons()
    for (const size of [16, 32, 48, 256, 1024]) expect(pngSize(renderPng(size))).toEqual([size, size])
  })

  it('writes an .ico whose directory points at each PNG', async () => {
    const { renderPng, icoFile } = await icons()
    const images = [16, 32, 256].map((size) => ({ size, png: renderPng(size) }))
    const ico = icoFile(images)
    expect(ico.readUInt16LE(2)).toBe(1)
    expect(ico.readUInt16LE(4)).toBe(3)
    images.forEach(({ size, png }, i) => {
      const entry = 6 + 16 * i
      expect(ico.readUInt8(entry)).toBe(size === 256 ? 0 : size)
      const length = ico.readUInt32LE(entry + 8)
      const offset = ico.readUInt32LE(entry + 12)
      expect(ico.subarray(offset, offset + length).equals(png)).toBe(true)
    })
  })

  it('writes an .icns whose chunks hold PNGs of the sizes their types name', async () => {
    const { renderPng, icnsFile } = await icons()
    const icns = icnsFile([{ type: 'icp4', png: renderPng(16) }, { type: 'ic10', png: renderPng(1024) }])
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const found: Record<string, [number, number]> = {}
    for (let at = 8; at < icns.length; ) {
      const type = icns.subarray(at, at + 4).toString('latin1')
      const length = icns.readUInt32BE(at + 4)
      found[type] = pngSize(icns.subarray(at + 8, at + length))
      at += length
    }
    expect(found).toEqual({ icp4: [16, 16], ic10: [1024, 1024] })
  })
})
