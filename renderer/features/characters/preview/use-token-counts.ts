import { useEffect, useState } from 'react';
import type { Character } from '../../../../shared/character/character-schema';
import type { PromptTokenCounts } from '../../../../shared/character/prompt-preview';
import { studio } from '../../../transport/studio-client';
import { useRuntime } from '../../runtime/runtime-store';

/** Tokenizing on every keystroke is wasted work; a quarter second still feels live. */
export const PREVIEW_DEBOUNCE_MS = 250;

/**
 * Token counts for the draft, from the service (the loaded model's tokenizer, else the stated
 * estimate). Debounced while typing; refreshed when a model loads or unloads. Keeps the last counts
 * while a new one is on its way, so the number does not flicker.
 */
export function useTokenCounts(draft: Character | null, userMessage: string, valid: boolean): { tokens: PromptTokenCounts | null; profileOverHalf: boolean } {
  const modelKey = useRuntime((s) => (s.status?.state === 'ready' ? s.status.model?.id ?? '' : ''));
  const [result, setResult] = useState<{ tokens: PromptTokenCounts | null; profileOverHalf: boolean }>({ tokens: null, profileOverHalf: false });
  useEffect(() => {
    if (!draft || !valid) return;
    let live = true;
    const timer = setTimeout(() => {
      void studio.characters.preview({ character: draft, userMessage }).then(
        (preview) => live && setResult({ tokens: preview.tokens, profileOverHalf: preview.profileOverHalf }),
        () => undefined,
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, userMessage, valid, modelKey]);
  return result;
}
