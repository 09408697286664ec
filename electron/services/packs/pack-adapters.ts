import { metadataFacts, readAdapterMetadata } from '../adapters/adapter-metadata';
import type { PackAdapter } from './pack-manifest';

// The manifest names each adapter's base model (name + sha256) so an importer can tell at once whether
// the adapter will load here. Read from adapters/<name>/metadata.json as the adapters module reads it.

/** The adapters among `files` (paths relative to the character folder) with their base models. */
export function adaptersIn(files: readonly { path: string; data: Uint8Array }[]): PackAdapter[] {
  const adapters: PackAdapter[] = [];
  for (const file of files) {
    const match = /^adapters\/([^/]+)\/metadata\.json$/.exec(file.path);
    if (!match) continue;
    const { baseModel } = metadataFacts(readAdapterMetadata(new TextDecoder().decode(file.data), file.data.length));
    adapters.push({ name: match[1]!, baseModel: { name: baseModel?.name ?? '', sha256: (baseModel?.sha256 ?? '').toLowerCase() } });
  }
  return adapters;
}
