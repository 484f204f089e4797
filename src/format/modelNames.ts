/**
 * Human names of forecast models, for pages: "Median of the last 8 same weekdays" for `weekdayMedian:k=8`. The
 * technical name stays the identifier (CLI `--model`, CSV, stored snapshots); pages show it on hover.
 */

const FAMILY_NAMES: Record<string, string> = {
  seasonalNaive: 'Same time last week',
  weekdayMean: 'Average of recent same weekdays',
  weekdayMedian: 'Median of recent same weekdays',
  dailyProfile: 'Daily level × intraday profile',
  topDownArima: 'ARIMA daily totals × intraday profile',
  mstlEts: 'Seasonal decomposition (MSTL + ETS)',
  timeOfDayMean: 'Average by time of day',
  combination: 'Blend of the best models',
  ahtWeekdayMean: 'AHT: average of recent same weekdays',
}

/** The human name of a model family (as offered in the model picker). */
export function humanModelFamilyName(family: string): string {
  return FAMILY_NAMES[family] ?? family
}

function parameters(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of text.split(',')) {
    const [key, value] = part.split('=')
    if (key) out.set(key.trim(), value === undefined ? '' : value.trim())
  }
  return out
}

function plural(n: string, one: string, many: string): string {
  return `${n} ${n === '1' ? one : many}`
}

/**
 * The human name of a model variant, e.g. `weekdayMedian:k=8` → "Median of the last 8 same weekdays",
 * `combination(weekdayMedian:k=8 0.34 + dailyProfile:alpha=0.1,weeks=12 0.66)` → "Blend: Median of the last 8 same
 * weekdays 34% + Daily level × 12-week intraday profile 66%". Unknown names are returned as they are.
 */
export function humanModelName(technical: string): string {
  const blend = /^combination\((.*)\)$/.exec(technical.trim())
  if (blend) {
    const members = blend[1].split(' + ').map((member) => {
      const m = /^(.*) (\d*\.?\d+)$/.exec(member.trim())
      return m ? `${humanModelName(m[1])} ${Math.round(Number(m[2]) * 100)}%` : humanModelName(member)
    })
    return `Blend: ${members.join(' + ')}`
  }
  const colon = technical.indexOf(':')
  const family = colon < 0 ? technical : technical.slice(0, colon)
  const p = parameters(colon < 0 ? '' : technical.slice(colon + 1))
  switch (family) {
    case 'seasonalNaive': return FAMILY_NAMES.seasonalNaive
    case 'weekdayMean': return p.has('k') ? `Average of the last ${plural(p.get('k')!, 'same weekday', 'same weekdays')}` : FAMILY_NAMES.weekdayMean
    case 'weekdayMedian': return p.has('k') ? `Median of the last ${plural(p.get('k')!, 'same weekday', 'same weekdays')}` : FAMILY_NAMES.weekdayMedian
    case 'dailyProfile': return `Daily level × ${p.has('weeks') ? `${p.get('weeks')}-week ` : ''}intraday profile${p.has('yearly') ? ', with last year' : ''}`
    case 'topDownArima': return `ARIMA daily totals × ${p.has('weeks') ? `${p.get('weeks')}-week ` : ''}intraday profile`
    case 'mstlEts': return `Seasonal decomposition (MSTL + ETS)${p.has('weeks') ? `, ${p.get('weeks')} weeks` : ''}`
    case 'timeOfDayMean': return `Average by time of day${p.has('days') ? ` (last ${plural(p.get('days')!, 'day', 'days')})` : ''}`
    case 'ahtWeekdayMean': return `AHT: average of the last ${p.has('k') ? plural(p.get('k')!, 'same weekday', 'same weekdays') : 'same weekdays'}`
    default: return FAMILY_NAMES[family] ?? technical
  }
}
