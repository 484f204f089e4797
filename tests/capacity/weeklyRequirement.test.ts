import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { agentsFromWeeklyAverage, serviceLevelWithAgents, requirementFromWeeklyAverage, requirementOfWeek, serviceLevelAtFraction, spreadWeek, weekShapeFromHistory, weeklyHistory, weeksAfterLastGap, type CapacityStaffingSettings, type HistoryInterval } from '../../src/capacity/weeklyRequirement.ts'
import { forecastLongHorizonDemand, monthlyDemand } from '../../src/capacity/longHorizonDemand.ts'

const ZONE = 'Asia/Jerusalem'
const DATA = new URL('../../../shared/data/', import.meta.url)

/** The Anonymous Bank's October 1999, per half-hour, with talk time as AHT. */
function october(): HistoryInterval[] {
  const [, ...lines] = readFileSync(new URL('anon_bank_1999_10_30min.csv', DATA), 'utf8').trim().split('\n')
  return lines.map((line) => {
    const [timestamp, volume, , , aht] = line.split(',')
    return { startMs: parseLocalIsoToUtcMs(timestamp, ZONE), volume: Number(volume), ahtSeconds: aht === '' ? null : Number(aht) }
  })
}

/** The Anonymous Bank's January and October 1999 (its two 30-minute files): eight months without any data between. */
function januaryAndOctober(): HistoryInterval[] {
  const [, ...january] = readFileSync(new URL('anon_bank_1999_01_30min.csv', DATA), 'utf8').trim().split('\n')
  const read = (line: string) => { const [timestamp, volume] = line.split(','); return { startMs: parseLocalIsoToUtcMs(timestamp, ZONE), volume: Number(volume), ahtSeconds: null } }
  return [...january.map(read), ...october()]
}

describe('a history with a gap (weeksAfterLastGap)', () => {
  it('forecasts from the weeks after the last week without any data: a gap is missing data, not zero demand', () => {
    const history = januaryAndOctober()
    const all = weeklyHistory(history, ZONE)
    expect(all.filter((w) => w.volume === 0).length).toBeGreaterThan(30) // February to September read as zero weeks
    const { weeks, gapWeeks, leftOut, gapFrom } = weeksAfterLastGap(history, ZONE)
    expect(weeks.every((w) => w.weekStart >= '1999-09-27' && w.volume > 0)).toBe(true)
    expect(weeks.map((w) => w.weekStart)).toEqual(all.filter((w) => w.weekStart >= '1999-09-27').map((w) => w.weekStart))
    expect(gapWeeks).toBe(all.filter((w) => w.volume === 0).length)
    expect(leftOut).toBe(all.filter((w) => w.weekStart < gapFrom!).length)
    expect(gapFrom! > '1999-01-24' && gapFrom! < '1999-02-08').toBe(true)
    // October alone has no gap
    expect(weeksAfterLastGap(october(), ZONE)).toMatchObject({ gapWeeks: 0, leftOut: 0 })
  })
})

/** The whole of 1999 (6-minute counts summed to half-hours), without handle times. */
export function year1999(): HistoryInterval[] {
  const [, ...lines] = readFileSync(new URL('anon_bank_1999_6min.csv', DATA), 'utf8').trim().split('\n')
  const out: HistoryInterval[] = []
  lines.forEach((line, i) => {
    const [timestamp, volume] = line.split(',')
    if (i % 5 === 0) out.push({ startMs: parseLocalIsoToUtcMs(timestamp, ZONE), volume: 0, ahtSeconds: null })
    out[out.length - 1].volume += Number(volume)
  })
  return out
}

const settings: CapacityStaffingSettings = {
  intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 60, asaTargetSeconds: null, maxOccupancy: null, maxAbandonFraction: null },
  shrinkageFraction: 0.3, hoursPerFteWeek: 40,
}

describe('weekly requirement from intervals (1999 Anonymous Bank, October)', () => {
  const history = october()
  const shape = weekShapeFromHistory(history, { timeZone: ZONE, intervalMinutes: 30, weekStartIsoWeekday: 7 })
  const weeks = weeklyHistory(history, ZONE, 7)

  it('measures the week’s shape on the whole weeks (Sunday to Saturday) of October', () => {
    expect(weeks.map((w) => w.weekStart)).toEqual(['1999-10-03', '1999-10-10', '1999-10-17', '1999-10-24'])
    expect(shape.weeksUsed).toBe(4)
    expect(shape.volumeShares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12)
    // the centre works Sunday-Thursday; Saturday (day 6) is nearly closed
    expect(shape.dayShares[0]).toBeGreaterThan(0.17)
    expect(shape.dayShares[6]).toBeLessThan(0.03)
  })

  it('differs from the weekly average load: the average puts agents where the peaks are not, and misses the SLA (printed)', () => {
    const rows = weeks.map((w) => {
      const spread = spreadWeek(w.weekStart, w.volume, w.ahtSeconds!, shape)
      expect(spread.volume.reduce((s, v) => s + v, 0)).toBeCloseTo(w.volume, 6)
      const req = requirementOfWeek(spread, settings)
      const fromAverage = requirementFromWeeklyAverage(spread, settings)
      const averageAgents = agentsFromWeeklyAverage(spread, settings)
      return {
        week: w.weekStart, volume: w.volume, ahtSeconds: Math.round(w.ahtSeconds!),
        fteFromIntervals: Math.round(req.requiredFte * 10) / 10, fteFromWeeklyAverage: Math.round(fromAverage * 10) / 10,
        peakAgents: req.peakAgentsRequired, averageAgents: Math.max(...averageAgents),
        serviceLevelFromIntervals: Math.round(serviceLevelWithAgents(spread, req.agentsRequired, settings) * 1000) / 1000,
        serviceLevelFromWeeklyAverage: Math.round(serviceLevelWithAgents(spread, averageAgents, settings) * 1000) / 1000,
      }
    })
    console.log('Required FTE per week, 1999-10 Anonymous Bank (80% in 60 s, Erlang C, 30% shrinkage, 40 h FTE week):')
    console.table(rows)
    for (const r of rows) {
      // the morning peak needs nearly twice the agents of the average open half-hour...
      expect(r.peakAgents).toBeGreaterThan(1.8 * r.averageAgents)
      // ...so the weekly-average staffing, spread evenly, answers far fewer within 60 s than the target
      expect(r.serviceLevelFromIntervals).toBeGreaterThanOrEqual(0.8)
      expect(r.serviceLevelFromWeeklyAverage).toBeLessThan(0.65)
    }
  })

  it('prices a shortfall in service level: 90% of the requirement gives far less than the target', () => {
    const w = weeks[1]
    const spread = spreadWeek(w.weekStart, w.volume, w.ahtSeconds!, shape)
    const req = requirementOfWeek(spread, settings)
    const full = serviceLevelAtFraction(spread, req.agentsRequired, 1, settings)
    const short = serviceLevelAtFraction(spread, req.agentsRequired, 0.9, settings)
    expect(full).toBeGreaterThanOrEqual(0.8)
    expect(short).toBeLessThan(full - 0.05)
  })
})

describe('long-horizon demand (1999 Anonymous Bank, the whole year)', () => {
  const history = year1999()
  const weeks = weeklyHistory(history, ZONE, 7)
  it('with one year: the season is shrunk toward flat, no trend is claimed, and the notes say so', () => {
    expect(weeks.length).toBe(51) // Sunday-to-Saturday weeks from 3 January to 25 December
    const d = forecastLongHorizonDemand(weeks, { weeksAhead: 78 })
    expect(d.seasonality).toBe('one year, shrunk toward flat')
    expect(d.growth).toEqual({ annualFraction: 0, source: 'none' })
    expect(d.notes.join(' ')).toMatch(/one year \(51 weeks\).*shrunk 50%/)
    expect(d.notes.join(' ')).toMatch(/cannot be told apart from the season/)
    expect(d.weeks).toHaveLength(78)
    expect(d.weeks[0].weekStart).toBe('1999-12-26') // the week after the last whole week
    // shrunk halfway: a seasonal index is between flat and the raw 1999 ratio
    for (const w of d.weeks) expect(w.volumeLo80).toBeLessThan(w.volume)
    expect(d.weeks[77].volumeHi80 / d.weeks[77].volume).toBeGreaterThan(d.weeks[0].volumeHi80 / d.weeks[0].volume)
    const months = monthlyDemand(d.weeks.slice(0, 9), [0.2, 0.2, 0.2, 0.2, 0.2, 0, 0])
    expect(months.map((m) => m.month)).toEqual(['1999-12', '2000-01', '2000-02'])
    expect(months.reduce((s, m) => s + m.volume, 0)).toBeCloseTo(d.weeks.slice(0, 9).reduce((s, w) => s + w.volume, 0), 6)
  })
  it('a manager-set growth rate applies: +10% a year is +10% 52 weeks on, same week of the year', () => {
    const flat = forecastLongHorizonDemand(weeks, { weeksAhead: 60 })
    const grown = forecastLongHorizonDemand(weeks, { weeksAhead: 60, annualGrowthFraction: 0.1 })
    expect(grown.growth.source).toBe('manager')
    expect(grown.weeks[51].volume / flat.weeks[51].volume).toBeCloseTo(1.1, 9)
  })
  it('with less than a year there is no season, and with fewer than 4 weeks no forecast', () => {
    const d = forecastLongHorizonDemand(weeks.slice(0, 20), { weeksAhead: 10 })
    expect(d.seasonality).toBe('none')
    expect(d.notes[0]).toMatch(/20 weeks, less than a year/)
    expect(() => forecastLongHorizonDemand(weeks.slice(0, 3), { weeksAhead: 10 })).toThrow(/3 whole weeks: a long-range forecast needs at least 4/)
  })
})
