import { describe, expect, it } from 'vitest'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import { allowedStartMinutesOfDay, breakOffsetsMinutes, shiftCost, validateShiftTemplates, type ShiftTemplate } from '../../src/scheduling/shiftTemplates.ts'

const eightHours: ShiftTemplate = {
  name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '14:00', startStepMinutes: 30,
  breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }],
  costPerHour: 20,
}

function issuesOf(templates: ShiftTemplate[]): string[] {
  try {
    validateShiftTemplates(templates)
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleInputError)
    return (error as ScheduleInputError).issues.map((i) => `${i.template} | ${i.field} | ${i.message}`)
  }
  throw new Error('expected a ScheduleInputError')
}

describe('validateShiftTemplates', () => {
  it('fills in the defaults and the paid minutes (length minus unpaid breaks)', () => {
    const [t] = validateShiftTemplates([eightHours])
    expect(t).toMatchObject({ name: '8h', earliestStartMinutes: 360, latestStartMinutes: 840, paidMinutes: 450, costPerHour: 20, minCountPerDay: 0, maxCountPerDay: undefined })
    expect(t.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
    expect(shiftCost(t)).toBe(150) // 20 per hour x 7.5 paid hours
    expect(allowedStartMinutesOfDay(t)).toHaveLength(17) // 06:00, 06:30, ..., 14:00
    expect(breakOffsetsMinutes(t.breaks[0], 30)).toEqual([180, 210, 240, 270, 300])
  })

  it('rejects a zero-length shift, naming the template', () => {
    expect(issuesOf([{ ...eightHours, lengthMinutes: 0, breaks: [] }])).toEqual([
      '8h | lengthMinutes | a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got 0',
    ])
  })

  it('rejects a break window outside its shift', () => {
    expect(issuesOf([{ ...eightHours, breaks: [{ lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 460 }] }])).toEqual([
      '8h | breaks[0].latestAfterMinutes | the break window is outside the shift: a 30-min break starting 460 min in ends after the 480-min shift',
    ])
  })

  it('rejects breaks as long as the shift', () => {
    const issues = issuesOf([{ ...eightHours, lengthMinutes: 60, latestStart: '06:00', breaks: [
      { lengthMinutes: 30, paid: true, earliestAfterMinutes: 0, latestAfterMinutes: 0 },
      { lengthMinutes: 30, paid: true, earliestAfterMinutes: 30, latestAfterMinutes: 30 },
    ] }])
    expect(issues).toEqual(['8h | breaks | the breaks (60 min in all) are as long as or longer than the 60-min shift'])
  })

  it('rejects overlapping break windows, a non-positive start step, a latest start before the earliest', () => {
    const issues = issuesOf([{
      ...eightHours, startStepMinutes: -15, earliestStart: '10:00', latestStart: '09:00',
      breaks: [
        { name: 'coffee', lengthMinutes: 15, paid: true, earliestAfterMinutes: 60, latestAfterMinutes: 200 },
        { name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 },
      ],
    }])
    expect(issues).toEqual([
      '8h | latestStart | the latest start 09:00 is before the earliest start 10:00',
      '8h | startStepMinutes | the start step must be a positive whole number of minutes, got -15',
      "8h | breaks[1].earliestAfterMinutes | the window of 'lunch' (from 180 min) overlaps the window of 'coffee' (until 215 min); break windows must not overlap",
    ])
  })

  it('collects every problem of every template, including duplicates and bad counts, days and costs', () => {
    const issues = issuesOf([
      { ...eightHours, days: ['mon', 'funday' as never], costPerHour: -1, minCountPerDay: 3, maxCountPerDay: 2 },
      { ...eightHours, earliestStart: '25:00' },
    ])
    expect(issues).toEqual([
      "8h | days | unknown weekday 'funday'; use mon, tue, wed, thu, fri, sat, sun",
      '8h | costPerHour | must be a finite number >= 0, got -1',
      '8h | maxCountPerDay | the maximum count 2 is below the minimum count 3',
      "8h | earliestStart | '25:00' is past the end of the day (latest is 23:59)",
      '8h | name | two templates have this name; names must be unique',
    ])
  })

  it('does not change its input', () => {
    const frozen = Object.freeze({ ...eightHours, breaks: Object.freeze([Object.freeze({ ...eightHours.breaks![0] })]) }) as ShiftTemplate
    validateShiftTemplates(Object.freeze([frozen]))
    expect(frozen.breaks![0].latestAfterMinutes).toBe(300)
  })
})
