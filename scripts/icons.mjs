#!/usr/bin/env node
// Draws the app icon for every OS from the SVGs in build/, at build time (nothing generated is
// committed): PNGs for Linux (build/generated/icons/NxN.png), an .ico for Windows (PNG-compressed
// entries, 16 to 256 px) and an .icns for macOS (16 to 1024 px, Retina variants included).
// Sizes up to 32 px come from build/icon-small.svg, drawn for them; larger ones from build/icon.svg.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

const build = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build')
const out = path.join(build, 'generated')
const large = readFileSync(path.join(build, 'icon.svg'), 'utf8')
const small = readFileSync(path.join(build, 'icon-small.svg'), 'utf8')

/** The icon as a PNG of `size` × `size` pixels. */
export function renderPng(size) {
  const svg = size <= 32 ? small : large
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, shapeRendering: 2 }).render().asPng())
}

/** A Windows .ico holding PNG images (Windows Vista and later read PNG entries of any size). */
export function icoFile(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0) // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1) // height
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3) // reserved
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(entry)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

/** A macOS .icns: a list of (type, length, PNG) chunks after the 'icns' header. */
export function icnsFile(chunks) {
  const parts = chunks.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

// The PNG-based icns types and the pixel size each holds (the @2x ones are Retina variants).
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]
]
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const cache = new Map()
  const png = (size) => {
    if (!cache.has(size)) cache.set(size, renderPng(size))
    return cache.get(size)
  }
  mkdirSync(path.join(out, 'icons'), { recursive: true })
  for (const size of LINUX_SIZES) writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), png(size))
  writeFileSync(path.join(out, 'icon.png'), png(1024))
  writeFileSync(path.join(out, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, png: png(size) }))))
  writeFileSync(path.join(out, 'icon.icns'), icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))))
  process.stdout.write(`icons: ${LINUX_SIZES.length} PNGs, icon.ico (${ICO_SIZES.length} sizes), icon.icns (${ICNS_TYPES.length} images) in ${path.relative(process.cwd(), out) || out}\n`)
}
