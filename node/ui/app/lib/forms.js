// Small form helpers: a submit handler that shows the error code instead of throwing.
import { useState } from 'preact/hooks'

/** `[run, error, busy]`: `run(event)` prevents the default, awaits `fn`, keeps its error. */
export function useAction (fn) {
  const [error, setError] = useState(undefined)
  const [busy, setBusy] = useState(false)
  const run = async event => {
    event?.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await fn(event)
    } catch (err) {
      setError(`${err.code ?? 'ERROR'}: ${err.message}`)
    } finally {
      setBusy(false)
    }
  }
  return [run, error, busy]
}

/** The value of the named field of the submitted form. */
export const field = (event, name) => event.target.elements[name].value.trim()
