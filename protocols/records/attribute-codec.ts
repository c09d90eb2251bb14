/**
 * Typed attributes → their protobuf form (`kind` + exactly one value field of that kind). The
 * other way is part of the body decoder (`body-decoder.ts`).
 */
import { PeerhoodError } from '../common/errors.ts'
import { Attribute } from './pb/record.ts'
import type { RecordAttribute } from './types.ts'

/** Protobuf attributes of typed attributes. */
export function toPbAttributes (attributes: readonly RecordAttribute[]): Attribute[] {
  return attributes.map(attr => {
    switch (attr.type) {
      case 'string': return { name: attr.name, kind: Attribute.Kind.STRING, value: attr.value }
      case 'int': return { name: attr.name, kind: Attribute.Kind.INT, int: attr.value }
      case 'date': return { name: attr.name, kind: Attribute.Kind.DATE, date: attr.value }
      default: throw new PeerhoodError('INVALID_ATTRIBUTES', 'unknown attribute type')
    }
  })
}
