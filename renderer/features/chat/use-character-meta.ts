import { useEffect, useState } from 'react';
import type { Character } from '../../../shared/character/character-schema';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import type { Persona } from '../../../shared/chat/chat-records';
import type { SessionMeta } from '../../../shared/prompt/characterglm-format';
import { studio } from '../../transport/studio-client';

/** The character's session meta (names shown on messages), kept fresh as the editor saves. */
export function useCharacterMeta(characterId: string, persona: Persona | null | undefined): SessionMeta | null {
  const [character, setCharacter] = useState<Character | null>(null);
  useEffect(() => {
    let live = true;
    const load = (): void => void studio.characters.get({ id: characterId }).then((c) => live && setCharacter(c), () => undefined);
    load();
    const off = studio.on('characters.changed', (change) => {
      if (change.ids.includes(characterId)) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [characterId]);
  return character ? sessionMetaFor(character, persona ?? undefined) : null;
}
