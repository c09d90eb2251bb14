/** Peerhood's version, and the agent string announced through identify. */
export const PEERHOOD_VERSION = '0.1.0'

/** identify `agentVersion`. */
export const AGENT_VERSION = `peerhood/${PEERHOOD_VERSION}`
