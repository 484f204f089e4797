// Worker entry of the KPI reports (kpiReports.ts): registers the TypeScript loader (tsx) in this thread, then
// computes the reports it is sent, one message { id, url, query } (or { id, url, volume: { queueId, timeZone } }: the dashboard's volume) at a time, against its own connection to the
// database file and its own column cache, answering { id, type: 'result', result } or { id, type: 'error', name, message }.
import { register } from 'tsx/esm/api'
import { parentPort } from 'node:worker_threads'
register()
const { computeKpiReportInWorker, computeContactVolumeInWorker } = await import('./kpiWorker.ts')
parentPort.on('message', async ({ id, url, query, volume }) => {
  try {
    const result = volume ? await computeContactVolumeInWorker(url, volume.queueId, volume.timeZone) : await computeKpiReportInWorker(url, query)
    parentPort.postMessage({ id, type: 'result', result })
  } catch (error) {
    parentPort.postMessage({ id, type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) })
  }
})
parentPort.postMessage({ type: 'ready' })
