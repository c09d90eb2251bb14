/**
 * One gossipsub topic per group. Its name is a hash of the group id, so peers that see our
 * subscriptions learn nothing of groups whose id they do not already know.
 */
import { createHash } from 'node:crypto'

/** Prefix of every group topic. */
export const GROUP_TOPIC_PREFIX = '/peerhood/group/1/'

/** The gossipsub topic of a group. */
export function groupTopic (groupId: string): string {
  return GROUP_TOPIC_PREFIX + createHash('sha256').update('peerhood/topic/v1\n').update(groupId, 'utf8').digest('base64url')
}

/** Whether a topic is a group topic (the gate applies only to those). */
export function isGroupTopic (topic: string): boolean {
  return topic.startsWith(GROUP_TOPIC_PREFIX)
}
