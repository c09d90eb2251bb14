// Pages loaded when first shown, not with the app: what the records page (the first render that
// counts) does not need stays off the wire until someone opens it.
import { useEffect, useState } from 'preact/hooks'
import { html } from './html.js'

/** A component that imports its module on first render (`load` resolves to the component). */
export function lazy (load) {
  let loaded
  return function Lazy (props) {
    const [Page, setPage] = useState(() => loaded)
    const [error, setError] = useState(undefined)
    useEffect(() => {
      if (Page !== undefined) return
      load().then(c => { loaded = c; setPage(() => c) }, setError)
    }, [])
    if (Page !== undefined) return html`<${Page} ...${props} />`
    return html`<p class=${error ? 'error' : 'muted'}>${error ? String(error.message) : 'Loading…'}</p>`
  }
}
