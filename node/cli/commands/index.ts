/**
 * Every CLI command, in one list.
 */
import type { Command } from '../command.ts'
import { clusterCommands } from './cluster.ts'
import { groupCommands } from './group.ts'
import { groupConnectionCommands } from './group-connections.ts'
import { groupJoinCommands } from './group-join.ts'
import { identityCommands } from './identity.ts'
import { nodeInfoCommands } from './node-info.ts'
import { recordCommands } from './record.ts'
import { startCommands } from './start.ts'
import { uiCommands } from './ui.ts'

/** All commands the `peerhood` binary knows. */
export const COMMAND_LIST: Command[] = [...startCommands, ...nodeInfoCommands, ...identityCommands, ...groupCommands, ...groupJoinCommands, ...groupConnectionCommands, ...recordCommands, ...uiCommands, ...clusterCommands]
