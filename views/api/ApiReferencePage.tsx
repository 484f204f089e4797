/**
 * The API reference, rendered on the server from the OpenAPI document (no script, no CDN: works offline and under
 * the CSP): every operation with its parameters, body and answers, every schema with its fields and bounds, and
 * the problem types errors point to.
 */
import { Layout } from '../Layout.tsx'
import { PROBLEM_TYPES } from '../../src/web/api/problem.ts'

type Schema = {
  $ref?: string; type?: string | string[]; description?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema
  enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; maxItems?: number; pattern?: string; default?: unknown
  example?: unknown
}
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema }
type Operation = {
  summary?: string; description?: string; tags?: string[]; parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, Schema> }
}

const refName = (ref: string) => ref.split('/').pop() ?? ref

/** A schema in one line: `string (10–40 chars)`, `array of ContactRow (≤ 10000)`, `integer 1–5 or "good" | "bad"`. */
export function describeSchema(s: Schema | undefined): string {
  if (!s) return ''
  if (s.$ref) return refName(s.$ref)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) {
    const parts = alternatives.filter((a) => a.type !== 'null').map(describeSchema)
    return parts.join(' or ') + (alternatives.some((a) => a.type === 'null') ? ' or null' : '')
  }
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null').join(' or ') + (s.type.includes('null') ? ' or null' : '') : s.type ?? 'any'
  if (s.type === 'array') return `array of ${describeSchema(s.items)}${s.maxItems !== undefined ? ` (at most ${s.maxItems})` : ''}`
  const bounds: string[] = []
  if (s.minimum !== undefined || s.maximum !== undefined) bounds.push(`${s.minimum ?? '…'} to ${s.maximum ?? '…'}`)
  if (s.minLength !== undefined || s.maxLength !== undefined) bounds.push(`${s.minLength ?? 0} to ${s.maxLength ?? '…'} characters`)
  if (s.pattern) bounds.push(`pattern ${s.pattern}`)
  if (s.default !== undefined) bounds.push(`default ${JSON.stringify(s.default)}`)
  return type + (bounds.length ? ` (${bounds.join(', ')})` : '')
}

const anchorOf = (method: string, path: string) => `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`

function SchemaTable({ schema }: { schema: Schema }) {
  const required = new Set(schema.required ?? [])
  return (
    <table class="compact">
      <thead><tr><th>Field</th><th>Type and bounds</th><th>Required</th><th>Meaning</th></tr></thead>
      <tbody>
        {Object.entries(schema.properties ?? {}).map(([name, p]) => (
          <tr><td><code>{name}</code></td><td>{describeSchema(p)}</td><td>{required.has(name) ? 'yes' : 'no'}</td><td>{p.description ?? ''}</td></tr>
        ))}
      </tbody>
    </table>
  )
}

export function ApiReferencePage({ document }: { document: OpenApiDocument }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
  return (
    <Layout title="API reference">
      <h1>{document.info.title} <small class="muted">v{document.info.version}</small></h1>
      <p>{document.info.description}</p>
      <p>Base URL: <code>/api/v1</code>. The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Tokens: the <a href="/tokens">Tokens</a> page (admins).</p>
      <h2>Operations</h2>
      <ul id="api-operations">
        {operations.map(({ path, method, op }) => <li><a href={`#${anchorOf(method, path)}`}><code>{method.toUpperCase()} /api/v1{path}</code></a> {op.summary}</li>)}
      </ul>
      {operations.map(({ path, method, op }) => (
        <section id={anchorOf(method, path)} class="api-operation">
          <h3><code>{method.toUpperCase()} /api/v1{path}</code></h3>
          <p><strong>{op.summary}</strong></p>
          {op.description ? <p>{op.description}</p> : null}
          {op.parameters?.length ? (
            <table class="compact">
              <thead><tr><th>Parameter</th><th>In</th><th>Type and bounds</th><th>Required</th><th>Meaning</th></tr></thead>
              <tbody>{op.parameters.map((p) => <tr><td><code>{p.name}</code></td><td>{p.in}</td><td>{describeSchema(p.schema)}</td><td>{p.required ? 'yes' : 'no'}</td><td>{p.description ?? p.schema?.description ?? ''}</td></tr>)}</tbody>
            </table>
          ) : null}
          {op.requestBody ? <p>Body: {Object.entries(op.requestBody.content).map(([type, c]) => <span><code>{type}</code>: {describeSchema(c.schema)}; </span>)}</p> : null}
          <ul>
            {Object.entries(op.responses).map(([status, r]) => <li><strong>{status}</strong> {r.description}{r.content ? <span class="muted"> ({Object.keys(r.content).join(', ')})</span> : null}</li>)}
          </ul>
        </section>
      ))}
      <h2>Schemas</h2>
      {Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => (
        <section id={`schema-${name}`}>
          <h3>{name}</h3>
          {schema.description ? <p>{schema.description}</p> : null}
          {schema.properties ? <SchemaTable schema={schema} /> : <p>{describeSchema(schema)}</p>}
          {schema.example !== undefined ? <pre>{JSON.stringify(schema.example, null, 2)}</pre> : null}
        </section>
      ))}
      <h2>Problem types</h2>
      <p>Every error answers <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and, for refused rows, <code>errors: [{'{'} index, field, reason {'}'}]</code>.</p>
      <dl>
        {Object.entries(PROBLEM_TYPES).map(([slug, title]) => <><dt id={`problem-${slug}`}><code>{slug}</code></dt><dd>{title}</dd></>)}
      </dl>
    </Layout>
  )
}
