/** Test helper: a model context from a real slice (history before `cutIndex`, targets = the next `count` rows). */
import type { ModelContext } from '../../../src/forecast/models/forecastModel.ts'
import { prepareSeries } from '../../../src/forecast/prepareSeries.ts'
import { BANK_ZONE, type Series } from '../bankData.ts'

export function contextOf(series: Series, cutIndex: number, count: number): ModelContext {
  const prepared = prepareSeries({
    timestamps: series.timestamps.slice(0, cutIndex),
    volumes: series.volumes.slice(0, cutIndex),
    futureTimestamps: series.timestamps.slice(cutIndex, cutIndex + count),
    timeZone: BANK_ZONE,
  })
  return { history: prepared.learningGrid, targets: prepared.targets, targetDays: prepared.targetDays, calendar: prepared.calendar }
}
