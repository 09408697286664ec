import type { LlamaModel, Token } from 'node-llama-cpp';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';

// How a chat becomes prompt tokens for one model. CharacterGLM models use the studio's own format; any
// other GGUF goes through node-llama-cpp's template resolution. The engine only sees this interface.

/** Exact token lists of generated replies, so the next prompt reuses them instead of re-tokenising. */
export type ReplyLedger = Map<string, Token[]>;

/** What to render: the chat, where the window starts, and an unfinished reply to continue. */
export interface PromptRequest {
  meta: SessionMeta;
  turns: readonly DialogueTurn[];
  /** Leading turns that never leave the window (the greeting). */
  keepFirst: number;
  /** Turns after `keepFirst` left out of the prompt (context full). */
  drop: number;
  /** The character's unfinished reply when continuing; '' for a new reply. */
  partial: string;
  ledger: ReplyLedger;
}

/** A rendered prompt: its tokens, its exact text, and how long its fixed part (control tokens + profile) is. */
export interface RenderedPrompt {
  tokens: Token[];
  text: string;
  /** Tokens of the control prefix and profile: the part that is the same for every turn. */
  prefixLength: number;
  /** Token length of each turn (kept or not), for fitting the window; measured only when needed. */
  turnLengths: () => number[];
  /** Tokens of the open reply (tag plus any partial text). */
  tailLength: number;
}

/** One way of turning a chat into prompt tokens (CharacterGLM's, or a model's own template). */
export interface PromptFormat {
  /** Names the format and its version; saved KV states and token ledgers are keyed by it. */
  readonly id: string;
  /** Text that ends a reply besides end-of-sequence. */
  readonly stopStrings: readonly string[];
  render(request: PromptRequest): RenderedPrompt;
}

/** A bare SentencePiece space token that llama.cpp puts before text it thinks starts a document. */
function isLoneSpace(model: LlamaModel, token: Token, anchor: readonly Token[]): boolean {
  return model.detokenize([token], false, anchor) === ' ';
}

/**
 * Tokenises text that continues a prompt (not at its start): no document-start space is added, which
 * llama.cpp's `trimLeadingSpace` workaround misses for text that begins with a newline.
 */
export function tokenizeContinuation(model: LlamaModel, text: string): Token[] {
  if (text === '') return [];
  const tokens = model.tokenize(text, false, 'trimLeadingSpace');
  const anchor = model.tokenize('a', false, 'trimLeadingSpace');
  if (!text.startsWith(' ') && tokens.length > 1 && isLoneSpace(model, tokens[0]!, anchor)) tokens.shift();
  return tokens;
}
