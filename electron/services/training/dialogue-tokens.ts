import type { LlamaModel } from 'node-llama-cpp';
import { CHARACTERGLM_PREFIX_TOKENS, flattenText, renderHeader, speakerTag, type DialogueTurn, type SessionMeta } from '../../../shared/prompt/characterglm-format';
import { planChunks, type ChunkRange } from '../../../shared/training/chunk-plan';
import { trainedTurns } from '../../../shared/training/sample-segments';
import { labelTokens, type LabelledTokens, type TokenPiece } from '../../../shared/training/token-labels';
import { tokenizeContinuation } from '../runtime/prompt-format';

// Tokenises a dialogue exactly as the chat's CharacterGLM prompt format does (control tokens, the header
// as a document start, then every line's tag and text as continuations), so the adapter learns the tokens
// chat shows the model, not a re-tokenisation of the whole text.

/** A dialogue's tokens by piece of its prompt. */
export interface DialogueTokens {
  header: number[];
  turns: Array<{ tag: number[]; body: number[] }>;
  trained: boolean[];
}

/** Tokens of one dialogue under `meta`, using the base model's own tokenizer. */
export function tokenizeDialogue(model: LlamaModel, meta: SessionMeta, turns: readonly DialogueTurn[]): DialogueTokens {
  const control = model.tokenize(CHARACTERGLM_PREFIX_TOKENS.join(''), true);
  const header = [...control, ...model.tokenize(renderHeader(meta).join('\n'), false)];
  return {
    header,
    turns: turns.map((turn) => (turn.text.trim() === ''
      ? { tag: [], body: [] }
      : { tag: tokenizeContinuation(model, `\n${speakerTag(meta, turn.speaker, turn.name)}`), body: tokenizeContinuation(model, flattenText(turn.text)) })),
    trained: trainedTurns(turns),
  };
}

/** The trainable pieces of a dialogue for a window size (with the turns each covers), or the turn that cannot fit. */
export function dialoguePieces(
  d: DialogueTokens, speakers: readonly DialogueTurn['speaker'][], windowTokens: number, eos: number,
): { pieces: LabelledTokens[]; chunks: ChunkRange[]; tooLong: null } | { pieces: null; chunks: null; tooLong: { turn: number; tokens: number } } {
  const plan = planChunks({
    header: d.header.length,
    turns: d.turns.map((t) => t.tag.length + t.body.length),
    trained: d.trained,
    user: speakers.map((s) => s === 'user'),
  }, windowTokens);
  if (plan.tooLong) return { pieces: null, chunks: null, tooLong: plan.tooLong };
  const pieces = plan.chunks.map((chunk) => {
    const parts: TokenPiece[] = [{ tokens: d.header, trained: false }];
    for (let t = chunk.start; t < chunk.end; t++) {
      const turn = d.turns[t]!;
      if (turn.tag.length === 0) continue;
      parts.push({ tokens: turn.tag, trained: false }, { tokens: turn.body, trained: d.trained[t]! });
    }
    return labelTokens(parts, eos);
  });
  return { pieces, chunks: plan.chunks, tooLong: null };
}
