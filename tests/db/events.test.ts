import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue, findQueueById } from '../../src/db/queues.ts'
import { createEvent, deleteEvent, EventInputError, findEvent, importEvents, listEvents, setQueueHolidayCountry, updateEvent, type NewEvent } from '../../src/db/events.ts'
import { localDateTimeToUtcMs, FLAT_SHAPE } from '../../src/events/calendar.ts'

const ZONE = 'Asia/Jerusalem'
const t = (iso: string) => localDateTimeToUtcMs(iso, ZONE, 'time')

describe('events repository', () => {
  let db: Db
  let queueId: number
  let otherQueueId: number
  const draft = (overrides: Partial<NewEvent> = {}): NewEvent => ({
    queueId, type: 'promotion', name: 'Spring sale', startUtcMs: t('2024-05-06T09:00'), endUtcMs: t('2024-05-08T18:00'), timeZone: ZONE,
    effect: { kind: 'multiplier', value: 1.4 }, shape: { ...FLAT_SHAPE }, ...overrides,
  })
  const snapshot = async () => (await db.client.execute('SELECT * FROM events ORDER BY id')).rows.map((r) => JSON.stringify(r))

  beforeAll(async () => {
    db = await createDb(':memory:')
    await migrateDb(db)
    queueId = (await createQueue(db, { name: 'Bank', timeZone: ZONE })).id
    otherQueueId = (await createQueue(db, { name: 'Cards', timeZone: ZONE })).id
  })
  afterAll(() => db.client.close())
  beforeEach(async () => { await db.client.execute('DELETE FROM events') })

  it('adds, lists, edits (with a version) and deletes an event, keeping its local times and shape', async () => {
    const created = await createEvent(db, draft({ shape: { rampBeforeDays: 1, decayAfterDays: 2.5, delayDays: 0 } }))
    expect(created).toMatchObject({ queueId, type: 'promotion', name: 'Spring sale', timeZone: ZONE, effect: { kind: 'multiplier', value: 1.4 }, version: 1, learnKey: 'promotion' })
    expect(created.startUtcMs).toBe(Date.parse('2024-05-06T06:00:00Z'))
    expect(created.shape).toEqual({ rampBeforeDays: 1, decayAfterDays: 2.5, delayDays: 0 })
    await createEvent(db, draft({ queueId: null, type: 'holiday', name: 'Company day', effect: { kind: 'multiplier', value: 0.3 } }))
    await createEvent(db, draft({ queueId: otherQueueId, name: 'Cards launch', type: 'launch' }))
    expect((await listEvents(db, { queueId })).map((e) => e.name)).toEqual(['Spring sale', 'Company day'])
    const edited = await updateEvent(db, created.id as number, draft({ name: 'Spring sale (extended)', endUtcMs: t('2024-05-09T18:00'), effect: { kind: 'added', value: 250 } }), 1)
    expect(edited).toMatchObject({ name: 'Spring sale (extended)', version: 2, effect: { kind: 'added', value: 250 } })
    await expect(updateEvent(db, created.id as number, draft(), 1)).rejects.toThrow("'Spring sale (extended)' was changed by someone else since you opened it (version 2, yours 1): reload and edit again")
    expect(await deleteEvent(db, created.id as number)).toBe(true)
    expect(await findEvent(db, created.id as number)).toBeUndefined()
    expect(await deleteEvent(db, created.id as number)).toBe(false)
  })

  describe('bad input gives a clear message and changes nothing', () => {
    beforeEach(async () => { await createEvent(db, draft()) })

    it('an end before the start', async () => {
      const before = await snapshot()
      await expect(createEvent(db, draft({ name: 'Other', startUtcMs: t('2024-06-02T10:00'), endUtcMs: t('2024-06-01T10:00') }))).rejects.toThrow('end (2024-06-01T10:00) must be after start (2024-06-02T10:00)')
      expect(await snapshot()).toEqual(before)
    })
    it('an overlapping duplicate (same scope, type and name), also through an edit', async () => {
      const before = await snapshot()
      await expect(createEvent(db, draft({ name: 'spring SALE', startUtcMs: t('2024-05-08T10:00'), endUtcMs: t('2024-05-10T10:00') })))
        .rejects.toThrow("'spring SALE' (promotion, 2024-05-08T10:00 to 2024-05-10T10:00) overlaps the promotion 'Spring sale' already in the calendar (2024-05-06T09:00 to 2024-05-08T18:00): edit that one instead")
      await expect(createEvent(db, draft({ queueId: null }))).rejects.toThrow(EventInputError)
      const other = await createEvent(db, draft({ name: 'Later sale', startUtcMs: t('2024-07-01T00:00'), endUtcMs: t('2024-07-02T00:00') }))
      const afterOther = await snapshot()
      await expect(updateEvent(db, other.id as number, draft(), 1)).rejects.toThrow('overlaps the promotion')
      expect(await snapshot()).toEqual(afterOther)
      expect(before.length + 1).toBe(afterOther.length)
    })
    it('a multiplier of zero or below', async () => {
      const before = await snapshot()
      await expect(createEvent(db, draft({ name: 'Zero', effect: { kind: 'multiplier', value: 0 } }))).rejects.toThrow('a multiplier must be greater than 0 (1.5 = 50% more volume, 0.5 = half), got 0')
      await expect(createEvent(db, draft({ name: 'Negative', effect: { kind: 'multiplier', value: -1.2 } }))).rejects.toThrow('got -1.2')
      expect(await snapshot()).toEqual(before)
    })
    it('an unknown queue', async () => {
      const before = await snapshot()
      await expect(createEvent(db, draft({ name: 'Nowhere', queueId: 999 }))).rejects.toThrow('unknown queue (id 999): choose one of the queues listed, or all queues')
      await expect(setQueueHolidayCountry(db, 999, 'IL')).rejects.toThrow('unknown queue (id 999)')
      expect(await snapshot()).toEqual(before)
    })
    it('an import with one bad event writes none of them', async () => {
      const before = await snapshot()
      await expect(importEvents(db, [draft({ name: 'A' }), draft({ name: 'B', effect: { kind: 'multiplier', value: 0 } })])).rejects.toThrow("event 2 ('B'): a multiplier must be greater than 0")
      await expect(importEvents(db, [draft({ name: 'A' }), draft({ name: 'a' })])).rejects.toThrow("event 2: 'a' (promotion")
      expect(await snapshot()).toEqual(before)
    })
  })

  it('switches public holidays on and off per queue, refusing unknown countries', async () => {
    await setQueueHolidayCountry(db, queueId, 'il')
    expect((await findQueueById(db, queueId))!.holidayCountry).toBe('IL')
    await expect(setQueueHolidayCountry(db, queueId, 'XX')).rejects.toThrow("unknown holiday country 'XX': use a two-letter code such as IL, US or GB")
    expect((await findQueueById(db, queueId))!.holidayCountry).toBe('IL')
    await setQueueHolidayCountry(db, queueId, null)
    expect((await findQueueById(db, queueId))!.holidayCountry).toBeNull()
  })
})
