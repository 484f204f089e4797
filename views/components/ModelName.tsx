/** A forecast model's human name, with its technical name on hover (the identifier the CLI and CSVs use). */
import { humanModelName } from '../../src/format/modelNames.ts'

export function ModelName({ name }: { name: string }) {
  return <span class="model-name" title={name} data-model={name}>{humanModelName(name)}</span>
}
