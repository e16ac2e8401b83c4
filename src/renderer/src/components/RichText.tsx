import { Fragment } from 'react'

/**
 * Text from the engine, with `backticked` spans shown as code. Nothing else is interpreted. Paths
 * stay absolute: a fix such as "use /home/ann/bin/x as the command" must be copyable as it is
 * (a config file does not expand `~`).
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/(`[^`\n]+`)/g)
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
