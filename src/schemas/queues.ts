/** Bounds of a queue (the import form, the API, `chatplan import --queue`). */
import type { TextBound } from './bounds.ts'

export const QUEUE_NAME: TextBound = { label: 'Queue name', maxLength: 100, minLength: 1 }
/** A control character (NUL, tab, line break, DEL…): never part of a name. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/
export const TIME_ZONE_TEXT: TextBound = { label: 'Time zone', maxLength: 64 }
