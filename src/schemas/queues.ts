/** Bounds of a queue (the import form, the API, `chatplan import --queue`). */
import type { TextBound } from './bounds.ts'

export const QUEUE_NAME: TextBound = { label: 'Queue name', maxLength: 100, minLength: 1 }
export const TIME_ZONE_TEXT: TextBound = { label: 'Time zone', maxLength: 64 }
