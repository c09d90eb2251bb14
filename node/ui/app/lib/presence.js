// Presence as Windows names it (PEER_PRESENCE_STATUS), shown as words with a colour.
import { html } from './html.js'

/** The statuses one may set (offline is what signing out says, not a choice). */
export const SETTABLE = ['online', 'away', 'be-right-back', 'busy', 'on-the-phone', 'out-to-lunch', 'idle']

const CLASS = { online: 'ok', offline: 'muted', busy: 'bad', 'on-the-phone': 'bad' }

/** A presence (`{ status, text }`) as a label; `undefined` reads as not known. */
export function Presence ({ presence }) {
  if (presence === undefined) return html`<span class="presence muted">unknown</span>`
  return html`<span class="presence ${CLASS[presence.status] ?? ''}" data-status=${presence.status}>${presence.status.replaceAll('-', ' ')}${presence.text ? ` · ${presence.text}` : ''}</span>`
}
