/**
 * Configuration: the schema with defaults and documentation, loading (file ← env ← flags) and
 * errors that name the key.
 */
export { configSchema, type PeerhoodConfig, type PeerhoodConfigInput } from './schema.ts'
export { configFromEnv, type ConfigIssue, type ConfigSource, type LoadConfigInit, loadConfig, mergeConfig, type ParseConfigOptions, parseConfig, readConfigFile } from './load.ts'
export { type ConfigLeaf, type ConfigLeafKind, configLeaves, ENV_PREFIX, envName, RESERVED_ENV } from './leaves.ts'
export { describeAllowed, typeLabel } from './allowed.ts'
export { CONFIG_TABLE_END, CONFIG_TABLE_START, type ConfigTableRow, configTable, configTableMarkdown, extractConfigTable, replaceConfigTable } from './table.ts'
