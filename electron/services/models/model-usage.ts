import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelUsage } from '../../../shared/models/model-info';
import { MAX_METADATA_BYTES } from '../training/adapter-metadata';

// Which characters and adapters use which model, read from the character library: a character names
// its model by id (`modelId`), an adapter's metadata.json names its base model by id or sha256. Loose on
// purpose: other features own those files, and a missing or odd file must never break the Models view.

async function readJson(path: string, maxBytes = Infinity): Promise<Record<string, unknown> | null> {
  try {
    if ((await stat(path)).size > maxBytes) return null;
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One pass over the library; models are matched by id or sha256. */
export async function scanModelUsage(charactersDir: string): Promise<Array<{ kind: 'character' | 'adapter'; characterId: string; characterName: string; adapter?: string; modelId?: string; sha256?: string }>> {
  const found: Awaited<ReturnType<typeof scanModelUsage>> = [];
  const ids = await readdir(charactersDir).catch(() => [] as string[]);
  for (const id of ids) {
    const character = await readJson(join(charactersDir, id, 'character.json'));
    if (!character) continue;
    const characterName = str(character.name) ?? id;
    const modelId = str(character.modelId) ?? str((character.model as Record<string, unknown> | undefined)?.id);
    if (modelId) found.push({ kind: 'character', characterId: id, characterName, modelId });
    const adapters = await readdir(join(charactersDir, id, 'adapters')).catch(() => [] as string[]);
    for (const adapter of adapters) {
      // Bounded like every reader of it (training/adapter-metadata.ts): a stranger's pack may have brought it.
      const meta = await readJson(join(charactersDir, id, 'adapters', adapter, 'metadata.json'), MAX_METADATA_BYTES);
      if (!meta) continue;
      const base = (meta.baseModel as Record<string, unknown> | undefined) ?? {};
      const baseId = str(meta.baseModelId) ?? str(base.id);
      const sha256 = str(meta.baseModelSha256) ?? str(meta.base_model_sha256) ?? str(base.sha256);
      found.push({ kind: 'adapter', characterId: id, characterName, adapter: str(meta.name) ?? adapter, ...(baseId ? { modelId: baseId } : {}), ...(sha256 ? { sha256 } : {}) });
    }
  }
  return found;
}

/** The usage of one model out of a scan. */
export function usageOf(scan: Awaited<ReturnType<typeof scanModelUsage>>, model: { id: string; sha256?: string }): ModelUsage {
  const matches = (u: (typeof scan)[number]): boolean => u.modelId === model.id || (!!model.sha256 && u.sha256 === model.sha256);
  return {
    characters: scan.filter((u) => u.kind === 'character' && matches(u)).map((u) => ({ id: u.characterId, name: u.characterName })),
    adapters: scan.filter((u) => u.kind === 'adapter' && matches(u)).map((u) => ({ characterId: u.characterId, characterName: u.characterName, name: u.adapter! })),
  };
}
