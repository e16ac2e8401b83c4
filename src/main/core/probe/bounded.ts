import { neutralize } from '../../../shared/safe-text'

/**
 * Keeps the last `limit` bytes of a stream of text, however much is written to it, and counts
 * everything that went through. Memory stays bounded whatever a server prints.
 */
export class TailBuffer {
  private chunks: Buffer[] = []
  private size = 0
  total = 0

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length
    const piece = chunk.length > this.limit ? chunk.subarray(chunk.length - this.limit) : chunk
    // A piece that is a whole buffer of its own is kept as is; a slice is copied so it does not pin a bigger one.
    this.chunks.push(piece.byteLength === piece.buffer.byteLength ? piece : Buffer.from(piece))
    this.size += piece.length
    while (this.size > this.limit && this.chunks.length > 0) {
      const first = this.chunks[0]!
      const excess = this.size - this.limit
      if (first.length <= excess) {
        this.chunks.shift()
        this.size -= first.length
      } else {
        this.chunks[0] = first.subarray(excess)
        this.size -= excess
      }
    }
  }

  /**
   * The kept bytes as text, safe to show: binary garbage becomes replacement characters, colour
   * codes are dropped and every other escape sequence or control character is made visible
   * (src/shared/safe-text.ts), so a server's output cannot drive the terminal or page showing it.
   */
  text(): string {
    return neutralize(Buffer.concat(this.chunks).toString('utf8'))
  }
}

/**
 * Splits a byte stream into lines without ever holding more than `maxLine` bytes of one line.
 * A longer line is reported once as oversized (with its first bytes) and the rest is skipped up to
 * the next newline.
 */
export class LineSplitter {
  private pending: Buffer[] = []
  private pendingSize = 0
  private skipping = false
  private skipped = 0
  private head = ''

  constructor(
    private readonly maxLine: number,
    private readonly onLine: (line: string) => void,
    /** called when a line passes `maxLine`, and again with the final count when it ends (`done`) */
    private readonly onOversized: (head: string, bytes: number, done: boolean) => void
  ) {}

  push(chunk: Buffer): void {
    let start = 0
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start)
      const end = nl === -1 ? chunk.length : nl
      const piece = chunk.subarray(start, end)
      if (this.skipping) this.skipped += piece.length
      else if (this.pendingSize + piece.length > this.maxLine) {
        this.head = Buffer.concat([...this.pending, piece]).subarray(0, 200).toString('utf8')
        this.skipped = this.pendingSize + piece.length
        this.pending = []
        this.pendingSize = 0
        this.skipping = true
        this.onOversized(this.head, this.skipped, false)
      } else {
        this.pending.push(Buffer.from(piece))
        this.pendingSize += piece.length
      }
      if (nl === -1) break
      if (!this.skipping) this.flushLine()
      else this.onOversized(this.head, this.skipped, true)
      this.skipping = false
      this.skipped = 0
      start = nl + 1
    }
  }

  /** Delivers a final line that had no newline before the stream ended. */
  end(): void {
    if (this.skipping) this.onOversized(this.head, this.skipped, true)
    else if (this.pendingSize > 0) this.flushLine()
  }

  private flushLine(): void {
    const line = Buffer.concat(this.pending).toString('utf8').replace(/\r$/, '')
    this.pending = []
    this.pendingSize = 0
    this.onLine(line)
  }
}
