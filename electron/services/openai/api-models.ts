import type { ApiModel } from '../../../shared/openai/openai-responses';
import { modelId } from '../../../shared/openai/model-id';
import type { CharacterLibrary } from '../characters/character-library';
import { AdapterStore } from '../adapters/adapter-store';

const unixSeconds = (iso: string | null, fallback: number): number => {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : fallback;
};

/**
 * Every model id the API answers to: each readable character, then each of its adapters, in the library's
 * order. A character folder that cannot be read is left out (the studio lists it with its problem).
 */
export async function listApiModels(characters: Pick<CharacterLibrary, 'list'>, charactersDir: string): Promise<ApiModel[]> {
  const summaries = (await characters.list()).filter((c) => !c.problem);
  const store = new AdapterStore(charactersDir);
  const perCharacter = await Promise.all(summaries.map(async (character) => {
    const created = unixSeconds(character.createdAt, 0);
    // An adapters folder that cannot be read (a link out of the library) offers no adapters, as in chat.
    const adapters = (await store.list(character.id).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    return [
      { id: modelId(character.id), created },
      ...adapters.map((adapter) => ({ id: modelId(character.id, adapter.name), created: unixSeconds(adapter.facts.createdAt, created) })),
    ];
  }));
  return perCharacter.flat();
}
