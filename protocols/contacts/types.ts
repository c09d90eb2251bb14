/**
 * Contacts (Windows `PEER_CONTACT`): people this node knows by a verified contact card.
 */

/** Whether a contact may watch this node (Windows `PEER_WATCH_PERMISSION`). */
export type WatcherPermission = 'allowed' | 'blocked'

/** The names a person chose for themselves (each at most 255 characters). */
export interface ContactNames {
  /** Short name shown on People Near Me and to invitees. */
  nickname: string
  /** Full name shown in contact lists. */
  displayName: string
  /** E-mail address (not checked). */
  email: string
}

/** A verified contact card (what `contact parse` shows; nothing stored). */
export interface ContactCard extends ContactNames {
  /** The owner's PeerId, proven by the identity certificate and the signature. */
  peerId: string
  /** Addresses the owner's node listened on when the card was made. */
  addresses: string[]
  /** When the card was made, epoch milliseconds. */
  issuedAt: number
  /** The owner's identity certificate, DER. */
  certificate: Uint8Array
  /** The card's text form (`peerhood1:contact:…`). */
  text: string
}

/** One stored contact. One per PeerId. */
export interface Contact extends ContactNames {
  /** The contact's PeerId. */
  peerId: string
  /** I want its presence, objects and applications (Windows `fWatch`). @default false */
  watch: boolean
  /** Whether it may watch me. @default 'blocked' */
  watcherPermission: WatcherPermission
  /** Addresses from its card (and later learnt). */
  addresses: string[]
  /** Its identity certificate, DER: present for a trusted contact (one added from a verified card). */
  certificate?: Uint8Array
  /** Its card text as added. */
  card?: string
  /** When it was added, epoch milliseconds. */
  addedAt: number
}

/** The changes `contact update` may make. Names only change what this node calls the contact. */
export interface ContactPatch extends Partial<ContactNames> {
  /** Watch it or stop watching it. */
  watch?: boolean
  /** Allow or block it watching me. */
  watcherPermission?: WatcherPermission
}

/** The Me contact: the local user. Only these names can change; it cannot be deleted. */
export interface MeContact extends ContactNames {
  /** This node's PeerId. */
  peerId: string
}
