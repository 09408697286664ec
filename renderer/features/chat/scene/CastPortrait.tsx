import { useAvatarUrl } from '../../characters/use-avatar-url';
import type { Portrait } from './use-scene-view';

/** The first letter of a name, for a character without an avatar. */
const initial = (name: string): string => Array.from(name.trim())[0]?.toUpperCase() ?? '?';

/** A character's small round portrait in the cast bar: its avatar, or its initial. */
export function CastPortrait({ id, name, portrait }: { id: string; name: string; portrait: Portrait | null }) {
  const url = useAvatarUrl(id, portrait?.avatar ?? null, portrait?.revision ?? 0);
  return url ? <img className="cast-portrait" src={url} alt="" /> : <span className="cast-portrait" aria-hidden="true">{initial(name)}</span>;
}
