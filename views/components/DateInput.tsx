/**
 * Date and date-time fields, the same on every form: text fields that take ISO dates (2000-01-04) and times
 * (2000-01-04 09:30), whatever the browser's language, so no field ever reads MM/DD, and wide enough to show the
 * hour. The browser checks the pattern before sending; the server checks again and names the field when refused.
 */
import { DATE_INPUT } from '../../src/format/dateTime.ts'

export interface DateInputProps {
  name: string
  value: string
  required?: boolean
  id?: string
  label?: string
}

/** A local date 'YYYY-MM-DD'. */
export function DateInput({ name, value, required, id, label }: DateInputProps) {
  return (
    <input type="text" class="date-input" inputmode="numeric" name={name} id={id} value={value} required={required}
      placeholder={DATE_INPUT.placeholder} pattern={DATE_INPUT.pattern} title={DATE_INPUT.title} aria-label={label} autocomplete="off" maxlength={10} />
  )
}

/** A local date-time, shown as 'YYYY-MM-DD HH:MM' (the server also takes the 'T' form). */
export function DateTimeInput({ name, value, required, id, label }: DateInputProps) {
  return (
    <input type="text" class="datetime-input" inputmode="numeric" name={name} id={id} value={value} required={required}
      placeholder="YYYY-MM-DD HH:MM" pattern={'\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?'} title="A local date and time as year-month-day hour:minute, e.g. 2000-01-04 09:30" aria-label={label} autocomplete="off" maxlength={16} />
  )
}
