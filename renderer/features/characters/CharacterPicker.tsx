import { useEffect, useMemo } from 'react';
import type { CharacterSummary } from '../../../shared/character/character-summary';
import { useCharacters, usableCharacters } from './characters-store';

/**
 * The usable characters and which one a section shows: the one its route names when it exists, else the
 * first. `characters` is null until the list has loaded.
 */
export function usePickedCharacter(routeId: string | undefined): { characters: CharacterSummary[] | null; characterId: string | undefined } {
  const list = useCharacters((s) => s.list);
  useEffect(() => {
    if (useCharacters.getState().list === null) void useCharacters.getState().refresh().catch(() => useCharacters.setState({ list: [] }));
  }, []);
  const characters = useMemo(() => (list === null ? null : usableCharacters(list)), [list]);
  const characterId = routeId && characters?.some((c) => c.id === routeId) ? routeId : characters?.[0]?.id;
  return { characters, characterId };
}

/** A labelled select of the usable characters (Chat and Training pick whom they work on with it). */
export function CharacterPicker({ label, characters, value, onPick, testId }: {
  label: string; characters: readonly CharacterSummary[]; value: string; onPick: (id: string) => void; testId: string;
}) {
  return (
    <label>
      <span>{label}</span>{' '}
      <select data-testid={testId} value={value} onChange={(e) => onPick(e.target.value)}>
        {characters.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
    </label>
  );
}
