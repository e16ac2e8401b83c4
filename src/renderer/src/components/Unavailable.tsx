/** A quiet note where a feature this build does not offer yet would be: never an error. */
export function Unavailable({ what }: { what: string }) {
  return (
    <p className="unavailable muted" data-unavailable="">
      {what}: not available in this build.
    </p>
  )
}
