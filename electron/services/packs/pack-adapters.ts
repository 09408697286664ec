import { isPlainObject } from '../../../shared/cards/lenient';
import { readAdapterMetadata } from '../training/adapter-metadata';
import type { PackAdapter } from './pack-manifest';

// The manifest names each adapter's base model (name + sha256) so an importer can tell at once whether
// the adapter will load here. The trainer writes them into adapters/<name>/metadata.json; the
// spellings read here cover its nested and flat forms.

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function baseModelOf(meta: Record<string, unknown>): PackAdapter['baseModel'] {
  const nested = isPlainObject(meta.baseModel) ? meta.baseModel : isPlainObject(meta.base_model) ? meta.base_model : {};
  return {
    name: text(nested.name) || text(meta.baseModelName) || text(meta.base_model_name),
    sha256: (text(nested.sha256) || text(meta.baseModelSha256) || text(meta.base_model_sha256)).toLowerCase(),
  };
}

/** The adapters among `files` (paths relative to the character folder) with their base models. */
export function adaptersIn(files: readonly { path: string; data: Uint8Array }[]): PackAdapter[] {
  const adapters: PackAdapter[] = [];
  for (const file of files) {
    const match = /^adapters\/([^/]+)\/metadata\.json$/.exec(file.path);
    if (!match) continue;
    const read = readAdapterMetadata(new TextDecoder().decode(file.data), file.data.length);
    const meta = read.kind === 'studio' ? read.metadata : read.kind === 'foreign' ? read.raw : {};
    adapters.push({ name: match[1]!, baseModel: baseModelOf(meta) });
  }
  return adapters;
}
