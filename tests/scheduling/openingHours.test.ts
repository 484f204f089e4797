import { describe, expect, it } from 'vitest'
import { checkTemplatesCoverOpeningHours, startMinutesOnWeekday, validateOpeningHours } from '../../src/scheduling/openingHours.ts'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import { validateShiftTemplates } from '../../src/scheduling/shiftTemplates.ts'

const weekdaysOpen = { mon: { open: '07:00', close: '20:00' }, tue: { open: '07:00', close: '20:00' } }

function messages(f: () => void): string[] {
  try { f() } catch (error) {
    expect(error).toBeInstanceOf(ScheduleInputError)
    return (error as ScheduleInputError).issues.map((i) => `${i.template} | ${i.field} | ${i.message}`)
  }
  throw new Error('expected a ScheduleInputError')
}

describe('opening hours', () => {
  it('keeps only starts whose whole shift lies within the day\'s opening hours', () => {
    const [t] = validateShiftTemplates([{ name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '14:00', startStepMinutes: 60 }])
    const hours = validateOpeningHours(weekdaysOpen)
    expect(startMinutesOnWeekday(t, 'mon', hours)).toEqual([420, 480, 540, 600, 660, 720]) // 07:00 .. 12:00 (ends 20:00)
    expect(startMinutesOnWeekday(t, 'sun', hours)).toEqual([]) // closed
  })

  it('says which open hours no allowed shift can cover, naming the templates', () => {
    const templates = validateShiftTemplates([
      { name: '8h', lengthMinutes: 480, earliestStart: '08:00', latestStart: '10:00', startStepMinutes: 60 },
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '12:00', startStepMinutes: 60 },
    ])
    expect(messages(() => checkTemplatesCoverOpeningHours(templates, validateOpeningHours({ mon: weekdaysOpen.mon })))).toEqual([
      '8h, 4h | openingHours | the shifts cannot cover the open hours on mon (07:00-20:00): no allowed shift covers 07:00-08:00, 18:00-20:00',
    ])
  })

  it('names a template that never fits within the opening hours', () => {
    const templates = validateShiftTemplates([
      { name: '10h', lengthMinutes: 600, earliestStart: '07:00', latestStart: '12:00', startStepMinutes: 60, days: ['fri'] },
      { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '10:00', startStepMinutes: 60 },
    ])
    expect(messages(() => checkTemplatesCoverOpeningHours(templates, validateOpeningHours({ fri: { open: '07:00', close: '14:00' } })))).toEqual([
      '10h | earliestStart | no allowed start (07:00-12:00) lets the 600-min shift fit within the opening hours on any of its days (fri)',
    ])
  })

  it('rejects unknown days and a close before the open', () => {
    expect(messages(() => validateOpeningHours({ mon: { open: '20:00', close: '07:00' }, xyz: null } as never))).toEqual([
      '(opening hours) | mon | closes (07:00) at or before it opens (20:00)',
      "(opening hours) | xyz | unknown weekday 'xyz'; use mon, tue, wed, thu, fri, sat, sun",
    ])
  })
})
