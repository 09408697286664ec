// Model ids of the OpenAI-compatible API: a character's id (its folder name, e.g. `su-mengyuan`), or the
// character's id and one of its adapters' names joined by `/` (`su-mengyuan/warmer`). Both are folder
// names, so they stay the same as long as the character and the adapter exist, and character ids never
// hold a `/`, so the first one splits the two.

/** A model id resolved into what it names. */
export interface ModelRef {
  characterId: string;
  /** The adapter's folder name under the character's adapters/, or null for the base model. */
  adapter: string | null;
}

/** The model id of a character, or of a character with one of its adapters. */
export function modelId(characterId: string, adapter: string | null = null): string {
  return adapter === null ? characterId : `${characterId}/${adapter}`;
}

/** What a model id names, or null when it cannot name anything (an empty part). */
export function parseModelId(id: string): ModelRef | null {
  const at = id.indexOf('/');
  if (at === -1) return id === '' ? null : { characterId: id, adapter: null };
  const characterId = id.slice(0, at);
  const adapter = id.slice(at + 1);
  return characterId === '' || adapter === '' ? null : { characterId, adapter };
}
