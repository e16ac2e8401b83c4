import { useState } from 'react'

/** Copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, label = 'Copy', className = 'button small ghost' }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch {
      setCopied(false)
    }
  }
  return (
    <button type="button" className={className} onClick={() => void copy()}>
      {copied ? 'Copied' : label}
    </button>
  )
}
