import {
  CHARACTERGLM_PREFIX_TOKENS,
  renderHeader,
  renderPrompt,
  type DialogueTurn,
  type SessionMeta,
} from '../prompt/characterglm-format';
import type { Character } from './character-schema';
import { renderBotInfo, sessionMetaFor, type UserPersonaOverride } from './render-profile';

// What the editor's preview shows: the prompt the first turn of a new chat would send — the profile
// header, the greeting as the character's opening line, the writer's sample user message, and the open
// reply tag — rendered by the same format module the chat engine uses.

/** The texts of a preview; token counts are added by the service that owns the tokenizer. */
export interface PromptPreviewText {
  botInfo: string;
  meta: SessionMeta;
  /** The header alone (framing sentence + both profiles): what every turn pays for. */
  profileText: string;
  /** The whole prompt text, without the control tokens. */
  promptText: string;
  prefixTokens: readonly string[];
}

/** The turns of a new chat's first exchange. */
export function firstTurns(character: Character, userMessage: string): DialogueTurn[] {
  const turns: DialogueTurn[] = [];
  if (character.greeting.trim() !== '') turns.push({ speaker: 'character', text: character.greeting });
  if (userMessage.trim() !== '') turns.push({ speaker: 'user', text: userMessage });
  return turns;
}

/** The preview texts for a character as currently edited. */
export function previewPrompt(character: Character, userMessage: string, persona?: UserPersonaOverride): PromptPreviewText {
  const meta = sessionMetaFor(character, persona);
  return {
    botInfo: renderBotInfo(character),
    meta,
    profileText: renderHeader(meta).join('\n'),
    promptText: renderPrompt(meta, firstTurns(character, userMessage)),
    prefixTokens: CHARACTERGLM_PREFIX_TOKENS,
  };
}

/** How many tokens the preview costs, and by which counter. */
export interface PromptTokenCounts {
  /** The whole first-turn prompt, control tokens included. */
  prompt: number;
  /** The profile header, control tokens included: paid on every turn of every chat. */
  profile: number;
  /** `model`: the loaded model's tokenizer; `estimate`: the stated rule in token-estimate.ts. */
  counter: 'model' | 'estimate';
  modelName: string | null;
  contextLength: number;
  /** Where contextLength comes from: the loaded model, or CharacterGLM-6B's default when none is loaded. */
  contextFrom: 'model' | 'default';
}

/** The editor's preview: texts, token counts, and whether the profile eats more than half the context. */
export interface PromptPreview extends PromptPreviewText {
  tokens: PromptTokenCounts;
  profileOverHalf: boolean;
}
