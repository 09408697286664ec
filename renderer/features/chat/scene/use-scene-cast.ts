import { useEffect, useState } from 'react';
import type { Character } from '../../../../shared/character/character-schema';
import { studio } from '../../../transport/studio-client';

/**
 * The characters of a scene, loaded from the library and kept fresh as they are edited; a character that
 * cannot be loaded (deleted meanwhile) is left out, and the scene shows its id instead.
 */
export function useSceneCast(ids: readonly string[]): Character[] {
  const [cast, setCast] = useState<Character[]>([]);
  const key = ids.join('\n');
  useEffect(() => {
    let live = true;
    const wanted = key === '' ? [] : key.split('\n');
    const load = (): void =>
      void Promise.all(wanted.map((id) => studio.characters.get({ id }).catch(() => null))).then((found) => {
        if (live) setCast(found.filter((c): c is Character => c !== null));
      });
    load();
    const off = studio.on('characters.changed', (change) => {
      if (change.ids.some((id) => wanted.includes(id))) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [key]);
  return cast;
}
