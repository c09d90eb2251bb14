/**
 * Every CLI command, in one list.
 */
import { groupRevokeCommands } from './group-revoke.ts'
import type { Command } from '../command.ts'
import { clusterCommands } from './cluster.ts'
import { collabCommands } from './collab.ts'
import { contactCommands } from './contacts.ts'
import { publishCommands } from './publish.ts'
import { groupCommands } from './group.ts'
import { groupConnectionCommands } from './group-connections.ts'
import { groupJoinCommands } from './group-join.ts'
import { identityCommands } from './identity.ts'
import { inviteCommands } from './invite.ts'
import { nearCommands } from './near.ts'
import { nodeInfoCommands } from './node-info.ts'
import { recordCommands } from './record.ts'
import { recordImportCommands } from './record-import.ts'
import { repairCommands } from './repair.ts'
import { startCommands } from './start.ts'
import { uiCommands } from './ui.ts'

/** All commands the `peerhood` binary knows. */
export const COMMAND_LIST: Command[] = [...startCommands, ...repairCommands, ...nodeInfoCommands, ...identityCommands, ...groupCommands, ...groupJoinCommands, ...groupRevokeCommands, ...groupConnectionCommands, ...recordCommands, ...recordImportCommands, ...collabCommands, ...contactCommands, ...publishCommands, ...nearCommands, ...inviteCommands, ...uiCommands, ...clusterCommands]
