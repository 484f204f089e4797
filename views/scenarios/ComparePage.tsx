/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Several scenarios of one baseline compared at once (the same comparison component as a single scenario). */
import type { Child } from 'hono/jsx'
import type { BaselineRecord } from '../../src/db/scenarios.ts'
import { Layout } from '../Layout.tsx'

export function ComparePage({ baseline, comparison, csvHref }: { baseline: BaselineRecord; comparison: Child; csvHref: string }) {
  return (
    <Layout title={`Compare scenarios of ${baseline.name}`} active="/scenarios">
      <p><a href={`/scenarios/baselines/${baseline.id}`}>← {baseline.name} v{baseline.version}</a></p>
      <h1>Scenarios of {baseline.name} v{baseline.version} side by side</h1>
      <p><a href={csvHref} id="compare-export">Download the comparison per day (CSV)</a></p>
      {comparison}
    </Layout>
  )
}
