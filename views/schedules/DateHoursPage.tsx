/**
 * The calendar per date of a queue (schedules area): the weekday hours, the public holidays of the queue's country
 * (they close or shorten their dates automatically; eves too when the queue says so; each can be kept open), then
 * the dates set by hand, a form for one date and a CSV import. Requirements and schedule generation read these dates.
 */
import { Layout } from '../Layout.tsx'
import type { Queue } from '../../src/db/schema.ts'
import type { StoredDateHours } from '../../src/db/dateHours.ts'
import type { OpeningHours } from '../../src/db/queues.ts'
import type { QueueCalendar } from '../../src/planning/queueCalendar.ts'
import { DATE_INPUT, formatClock, formatDayLabel } from '../../src/format/dateTime.ts'
import { formatClockTime } from '../../src/scheduling/localTime.ts'
import { DATE_REASON } from '../../src/schemas/rosterRequests.ts'
import { MAX_YEAR, MIN_YEAR } from '../../src/schemas/queryParams.ts'
import { QueuePicker } from '../components/QueuePicker.tsx'
import { WEEK_DAY_NAMES } from '../../src/schemas/queues.ts'
import { RestFold } from '../components/Fold.tsx'

export interface DateHoursPageProps {
  queues: Queue[]
  queue: Queue
  weekdays: OpeningHours
  dates: StoredDateHours[]
  notice?: string
  errors?: string[]
  form?: Record<string, string>
  holidays: QueueCalendar['holidays']
  week: QueueCalendar['week']
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const clock = (m: number) => formatClock(formatClockTime(m))
const FIRST_DATES = 30

function DateRow({ d, queueId }: { d: StoredDateHours; queueId: number }) {
  return (
    <tr data-date={d.dateKey}>
      <td>{formatDayLabel(d.dateKey)}</td>
      <td>{d.closed ? 'closed' : `${clock(d.openMinute!)}–${clock(d.closeMinute!)}`}</td>
      <td>{d.reason}</td>
      <td>{d.source === 'holiday' ? `public holiday (filled by ${d.updatedBy})` : `set by ${d.updatedBy}`}</td>
      <td><form method="post" action={`/schedules/dates/delete?queue=${queueId}`} class="inline"><input type="hidden" name="date" value={d.dateKey} /><button type="submit" class="small">Remove</button></form></td>
    </tr>
  )
}

export function DateHoursPage({ queues, queue, weekdays, dates, notice, errors = [], form = {}, holidays, week }: DateHoursPageProps) {
  const closed = dates.filter((d) => d.closed).length
  return (
    <Layout title="Calendar per date" active="/schedules">
      <h1>Calendar per date: {queue.name}</h1>
      <QueuePicker queues={queues} selectedId={queue.id} action="/schedules/dates" />
      <p id="date-hours-summary">{dates.length ? `${closed} closed date${closed === 1 ? '' : 's'} and ${dates.length - closed} short day${dates.length - closed === 1 ? '' : 's'} set by hand` : 'No date set by hand'}; every other date follows its public holiday (below) or its weekday: {weekdays.map((w, i) => `${DAY_NAMES[i].slice(0, 3)} ${w ? `${clock(w.openMinute)}–${clock(w.closeMinute)}` : 'closed'}`).join(', ')} ({queue.timeZone}). A closed date gets no need and no shift; a short day is planned only while open.</p>
      {errors.length ? <ul class="errors" role="alert" id="date-hours-errors">{errors.map((e) => <li>{e}</li>)}</ul> : null}
      {notice ? <p class="notice" id="date-hours-notice">{notice}</p> : null}
      <HolidaysSection queue={queue} holidays={holidays} />
      <WeekSection queue={queue} week={week} />
      <h2>Dates set by hand</h2>
      {dates.length ? (
        <div class="table-scroll">
          <table id="date-hours-table">
            <thead><tr><th>Date</th><th>Hours</th><th>Reason</th><th>From</th><th></th></tr></thead>
            <tbody>{dates.slice(0, FIRST_DATES).map((d) => <DateRow d={d} queueId={queue.id} />)}</tbody>
          </table>
          <RestFold hidden={dates.length - FIRST_DATES} what="dates">
            <table><tbody>{dates.slice(FIRST_DATES).map((d) => <DateRow d={d} queueId={queue.id} />)}</tbody></table>
          </RestFold>
        </div>
      ) : null}
      <h2>Close or shorten a date</h2>
      <form method="post" action={`/schedules/dates?queue=${queue.id}`} class="inline" id="date-hours-form">
        <label>Date<input name="date" value={form.date ?? ''} required {...DATE_INPUT} /></label>
        <label><input type="checkbox" name="closed" value="1" checked={form.closed === '1'} /> closed all day</label>
        <label>Opens at<input name="open" value={form.open ?? ''} placeholder="09:00" size={5} /></label>
        <label>Closes at<input name="close" value={form.close ?? ''} placeholder="13:00" size={5} /></label>
        <label>Reason<input name="reason" value={form.reason ?? ''} maxlength={DATE_REASON.maxLength} /></label>
        <button type="submit">Save the date</button>
      </form>
      <h2>Import dates (CSV)</h2>
      <form method="post" action={`/schedules/dates/import?queue=${queue.id}`} enctype="multipart/form-data" class="inline" id="date-hours-import">
        <label>File<input type="file" name="file" accept=".csv,text/csv" required /></label>
        <button type="submit">Import</button>
      </form>
      <p class="muted">Columns <code>date,closed,opens,closes,reason</code>, e.g. <code>2003-12-24,no,07:00,13:00,Christmas Eve</code> or <code>2003-12-25,yes,,,Christmas Day</code>. All rows are kept or none.</p>
    </Layout>
  )
}

const effectText = (e: HolidayEffect) => (!e.changesHours
  ? (e.hours.closed ? 'none: the queue is closed that weekday' : `none: closes at ${clock(e.hours.closeMinute!)} anyway`)
  : e.hours.closed ? 'closed all day' : `open ${clock(e.hours.openMinute!)}–${clock(e.hours.closeMinute!)}`)
type HolidayEffect = NonNullable<QueueCalendar['holidays']>['effects'][number]

/** The queue's week: the day it starts on and its weekend (rosters group agent-weeks and weekend shifts by it). */
function WeekSection({ queue, week }: { queue: Queue; week: QueueCalendar['week'] }) {
  return (
    <section id="queue-week" class="card">
      <h2>Week</h2>
      <p id="week-rules">This queue's {week.text}. Rosters count hours and days per week from this day, and shifts on weekend days as undesirable (spread evenly), on the schedule pages, in publishing and in re-rosters.</p>
      <form method="post" action={`/schedules/dates/week?queue=${queue.id}`}>
        <label>Week starts on <select name="weekStartsOn">
          <option value="" selected={queue.weekStartsOn === null}>as the holiday country does ({WEEK_DAY_NAMES[week.customStartsOn]})</option>
          {Object.entries(WEEK_DAY_NAMES).map(([d, name]) => <option value={d} selected={queue.weekStartsOn === d}>{name}</option>)}
        </select></label>
        <fieldset><legend>Weekend days</legend>
          <label><input type="checkbox" name="weekendFollows" value="1" checked={queue.weekendDaysJson === null} /> as the holiday country does</label>
          {Object.entries(WEEK_DAY_NAMES).map(([d, name]) => <label><input type="checkbox" name="weekend" value={d} checked={week.rules.weekendDays.includes(d as never)} /> {name}</label>)}
        </fieldset>
        <button type="submit" hx-disabled-elt="this">Save the week</button>
      </form>
    </section>
  )
}

/** The public holidays of the years shown and what each does to its date (automatically), or why there are none. */
function HolidaysSection({ queue, holidays }: { queue: Queue; holidays: QueueCalendar['holidays'] }) {
  if (!holidays) {
    return (
      <section id="date-hours-holidays" class="card">
        <h2>Public holidays</h2>
        <p class="notice" id="no-holiday-country">This queue has no holiday country, so no public holiday closes or shortens a date: set one on the <a href={`/events?queue=${queue.id}`}>events page</a>, or set the dates by hand below.</p>
      </section>
    )
  }
  const [year] = holidays.years
  const active = holidays.effects.filter((e) => e.changesHours && !e.overriddenBy).length
  return (
    <section id="date-hours-holidays" class="card">
      <h2>Public holidays of {queue.holidayCountry}, {holidays.years.join(' and ')}</h2>
      <p id="holidays-summary">{active} date{active === 1 ? '' : 's'} closed or shortened by public holidays{queue.holidayEves ? ' and their eves' : ''}, automatically: requirements and schedules (and so rosters) follow them. A date set by hand wins: "Keep open" opens it as usual.
        {' '}{year > MIN_YEAR ? <a href={`/schedules/dates?queue=${queue.id}&year=${year - 1}`}>{year - 1}</a> : null}{year > MIN_YEAR && year < MAX_YEAR ? ' · ' : null}{year < MAX_YEAR ? <a href={`/schedules/dates?queue=${queue.id}&year=${year + 1}`}>{year + 1}</a> : null}</p>
      <form method="post" action={`/schedules/dates/eves?queue=${queue.id}`} class="inline" id="holiday-eves-form">
        <label><input type="checkbox" name="eves" value="1" checked={queue.holidayEves} /> Eves close when the holiday begins (holidays that start the evening before, e.g. at 18:00)</label>
        <button type="submit" class="small">Save</button>
      </form>
      {holidays.effects.length ? (
        <div class="table-scroll">
          <table id="holidays-table">
            <thead><tr><th>Date</th><th>Holiday</th><th>What it does</th><th></th></tr></thead>
            <tbody>{holidays.effects.filter((e) => e.hours.dateKey.startsWith(String(year))).map((e) => <HolidayRow e={e} queueId={queue.id} />)}</tbody>
          </table>
          <RestFold hidden={holidays.effects.filter((e) => !e.hours.dateKey.startsWith(String(year))).length} what={`holidays of ${year + 1}`}>
            <table><tbody>{holidays.effects.filter((e) => !e.hours.dateKey.startsWith(String(year))).map((e) => <HolidayRow e={e} queueId={queue.id} />)}</tbody></table>
          </RestFold>
        </div>
      ) : <p class="muted">No public holiday of {queue.holidayCountry} falls in these years.</p>}
    </section>
  )
}

function HolidayRow({ e, queueId }: { e: HolidayEffect; queueId: number }) {
  return (
              <tr data-date={e.hours.dateKey}>
                <td>{formatDayLabel(e.hours.dateKey)}</td>
                <td>{e.kind === 'eve' ? `eve of ${e.holiday}` : e.holiday}</td>
                <td>{e.overriddenBy ? `set by hand: ${e.overriddenBy.closed ? 'closed' : `${clock(e.overriddenBy.openMinute!)}–${clock(e.overriddenBy.closeMinute!)}`}` : effectText(e)}</td>
                <td>{e.changesHours && !e.overriddenBy ? (
                  <form method="post" action={`/schedules/dates/open?queue=${queueId}`} class="inline"><input type="hidden" name="date" value={e.hours.dateKey} /><button type="submit" class="small secondary">Keep open</button></form>
                ) : null}</td>
              </tr>
  )
}
