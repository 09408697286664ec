import { create } from 'zustand';
import type { CharacterSummary } from '../../../shared/character/character-summary';
import { studio } from '../../transport/studio-client';

// The character list, held once for every section (library, chat, training, packs) and kept fresh by the
// services' `characters.changed` event, instead of each section fetching its own copy.

interface CharactersState {
  /** Every character folder, readable or not (problem rows say what is wrong); null until first loaded. */
  list: CharacterSummary[] | null;
  refresh: () => Promise<void>;
}

export const useCharacters = create<CharactersState>((set) => {
  const refresh = async (): Promise<void> => set({ list: await studio.characters.list({}) });
  studio.on('characters.changed', () => void refresh().catch(() => undefined));
  return { list: null, refresh };
});

/** The characters that can be opened (chat, training, export): those without a problem. */
export function usableCharacters(list: readonly CharacterSummary[] | null): CharacterSummary[] {
  return (list ?? []).filter((c) => !c.problem);
}
