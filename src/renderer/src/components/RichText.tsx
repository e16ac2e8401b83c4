import { Fragment } from 'react'
import { shortenHome } from '../../../shared/present'

/**
 * Text from the engine, with `backticked` spans shown as code and the home folder shortened to
 * `~` when `home` is given. Nothing else is interpreted.
 */
export function RichText({ text, home }: { text: string; home?: string }) {
  const parts = shortenHome(text, home).split(/(`[^`\n]+`)/g)
  return (
    <>
      {parts.map((part, i) =>
        part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
          <code key={i} className="inline-code">
            {part.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        )
      )}
    </>
  )
}
