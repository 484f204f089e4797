/** Bounds of a calendar event (the events form, its CSV import, the API, scenario "added events"). */
import type { NumberBound, TextBound } from './bounds.ts'

export const EVENT_NAME: TextBound = { label: 'Event name', maxLength: 200, minLength: 1 }

export const EVENT_BOUNDS = {
  multiplier: { label: 'Multiplier', min: 0, max: 20, minExclusive: true },
  added: { label: 'Added contacts', min: -1_000_000, max: 1_000_000 },
  rampBeforeDays: { label: 'Ramp before', min: 0, max: 366, unit: 'days' },
  decayAfterDays: { label: 'Decay after', min: 0, max: 366, unit: 'days' },
  delayDays: { label: 'Delay', min: 0, max: 366, unit: 'days' },
} as const satisfies Record<string, NumberBound>
