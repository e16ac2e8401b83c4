import { useId } from 'react'

/**
 * A field for a value that may be a secret: masked while typed, never echoed anywhere, never
 * remembered by the browser (no autocomplete, no spellcheck).
 */
export function SecretInput({
  label,
  secret = true,
  placeholder,
  value,
  onChange,
  autoFocus
}: {
  label: string
  secret?: boolean
  placeholder?: string
  value: string
  onChange: (value: string) => void
  autoFocus?: boolean
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input mono"
        type={secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-autofocus={autoFocus ? '' : undefined}
      />
    </div>
  )
}
