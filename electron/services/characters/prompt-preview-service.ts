import type { Character } from '../../../shared/character/character-schema';
import { previewPrompt, type PromptPreview } from '../../../shared/character/prompt-preview';
import type { UserPersonaOverride } from '../../../shared/character/render-profile';
import { DEFAULT_CONTEXT_TOKENS, estimateTokens } from '../../../shared/character/token-estimate';
import type { LlamaRuntime } from '../runtime/llama-runtime';

/**
 * The editor's prompt preview with token counts from the loaded model's own tokenizer (exact for that
 * model), or a stated estimate when no model is loaded. The [gMASK] sop control tokens count as two.
 */
export function promptPreviewFor(runtime: Pick<LlamaRuntime, 'currentModel'>, character: Character, userMessage: string, persona?: UserPersonaOverride): PromptPreview {
  const texts = previewPrompt(character, userMessage, persona);
  const loaded = runtime.currentModel();
  const prefix = texts.prefixTokens.length;
  const count = loaded
    ? (text: string): number => prefix + loaded.model.tokenize(text).length
    : (text: string): number => prefix + estimateTokens(text);
  const contextLength = loaded?.info.contextLength || DEFAULT_CONTEXT_TOKENS;
  const profile = count(texts.profileText);
  return {
    ...texts,
    tokens: {
      prompt: count(texts.promptText),
      profile,
      counter: loaded ? 'model' : 'estimate',
      modelName: loaded?.info.name ?? null,
      contextLength,
      contextFrom: loaded?.info.contextLength ? 'model' : 'default',
    },
    profileOverHalf: profile > contextLength / 2,
  };
}
