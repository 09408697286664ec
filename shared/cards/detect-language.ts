import type { Character } from '../character/character-schema';

// A card does not say which language it is written in, but the studio renders the profile's labels
// in the character's language, so an English card must not come in labelled in Chinese.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LETTER = /[\p{L}]/gu;

/** 'zh' when CJK characters make up at least a fifth of the letters, else 'en'. */
export function detectLanguage(...texts: string[]): Character['language'] {
  const text = texts.join('\n');
  const cjk = text.match(CJK)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return 'zh';
  return cjk / letters >= 0.2 ? 'zh' : 'en';
}
