import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelUsage } from '../../../shared/models/model-info';
import { AdapterStore } from '../adapters/adapter-store';

// Which characters and adapters use which model, read from the character library: a character names
// its model by id (`modelId`), an adapter's metadata.json its base model by sha256 (read by the adapters
// module, like every reader of it). Loose on purpose: other features own those files, and a missing or
// odd file must never break the Models view.

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** One use of a model found in the library. */
export interface UsageEntry {
  kind: 'character' | 'adapter';
  characterId: string;
  characterName: string;
  adapter?: string;
  modelId?: string;
  sha256?: string;
}

/** One pass over the library; models are matched by id or sha256. */
export async function scanModelUsage(charactersDir: string): Promise<UsageEntry[]> {
  const found: UsageEntry[] = [];
  const adapters = new AdapterStore(charactersDir);
  const ids = await readdir(charactersDir).catch(() => [] as string[]);
  for (const id of ids) {
    const character = await readJson(join(charactersDir, id, 'character.json'));
    if (!character) continue;
    const characterName = str(character.name) ?? id;
    const modelId = str(character.modelId) ?? str((character.model as Record<string, unknown> | undefined)?.id);
    if (modelId) found.push({ kind: 'character', characterId: id, characterName, modelId });
    for (const adapter of await adapters.list(id).catch(() => [])) {
      const sha256 = str(adapter.facts.baseModel?.sha256);
      if (adapter.facts.baseModel === null) continue;
      found.push({ kind: 'adapter', characterId: id, characterName, adapter: adapter.metadata?.name ?? adapter.name, ...(sha256 ? { sha256 } : {}) });
    }
  }
  return found;
}

/** The usage of one model out of a scan. */
export function usageOf(scan: readonly UsageEntry[], model: { id: string; sha256?: string }): ModelUsage {
  const matches = (u: UsageEntry): boolean => u.modelId === model.id || (!!model.sha256 && u.sha256 === model.sha256);
  return {
    characters: scan.filter((u) => u.kind === 'character' && matches(u)).map((u) => ({ id: u.characterId, name: u.characterName })),
    adapters: scan.filter((u) => u.kind === 'adapter' && matches(u)).map((u) => ({ characterId: u.characterId, characterName: u.characterName, name: u.adapter! })),
  };
}
