import { useEffect, useState } from 'react';
import { studio } from '../../transport/studio-client';

/**
 * A character's avatar image as a data URL, loaded over the contract (serve mode has no file URLs) whenever
 * it changes (`stamp` tells a new image under the same file name); null without an avatar.
 */
export function useAvatarUrl(id: string, avatar: string | null, stamp: number): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!avatar) {
      setUrl(null);
      return;
    }
    void studio.characters.avatar({ id }).then((a) => live && setUrl(a ? `data:${a.mediaType};base64,${a.dataBase64}` : null), () => undefined);
    return () => {
      live = false;
    };
  }, [id, avatar, stamp]);
  return url;
}
