import { CHARACTERGLM_PREFIX_TOKENS, flattenText, renderHeader, renderTurn, speakerTag } from '../../../../shared/prompt/characterglm-format';
import { chooseWindow, replyReserve } from '../../../../shared/runtime/context-window';
import { renderReplyPrompt } from '../../../../shared/runtime/reply-prompt';
import type { ReplyRequest } from '../chat-engine';

// The CharacterGLM prompt as text for a remote server, fitted to its context the way the local engine fits
// its own: the same window rule (shared/runtime/context-window.ts) over token counts the server's own
// tokenizer gives, piece by piece (header, each line, the open reply), so each piece is counted once per
// chat (pieces counted apart come out a little long, so the window errs short). The text itself is the
// shared format module's, unchanged.

/** Tokens of a piece of text, by the server's tokenizer. */
export type TokenCounter = (text: string) => Promise<number>;

export interface RemotePrompt {
  text: string;
  tokens: number;
  prefixTokens: number;
  drop: number;
  fits: boolean;
}

/**
 * The prompt for `request`, leaving out the oldest turns when it would not fit in `contextSize` beside the
 * reply. `withPrefix`: write `[gMASK]sop` into the text (a GGUF in llama-server); without, the server's
 * tokenizer adds them (the hub checkpoint in vLLM). `previousDrop` keeps the window's start sticky.
 */
export async function remotePrompt(
  request: Pick<ReplyRequest, 'meta' | 'turns' | 'keepFirst' | 'partial' | 'sampler'>, contextSize: number, count: TokenCounter,
  options: { withPrefix: boolean; previousDrop: number },
): Promise<RemotePrompt> {
  const { meta, turns, partial } = request;
  const prefixText = `${options.withPrefix ? CHARACTERGLM_PREFIX_TOKENS.join('') : ''}${renderHeader(meta).join('\n')}`;
  const lines = turns.map((turn) => renderTurn(meta, turn));
  const [prefix, tail, ...lengths] = await Promise.all([
    count(prefixText),
    count(`\n${speakerTag(meta, 'character')}${flattenText(partial)}`),
    ...lines.map((line) => (line === null ? Promise.resolve(0) : count(`\n${line}`))),
  ]);
  const budget = contextSize - replyReserve(contextSize, request.sampler.maxTokens);
  const window = chooseWindow({ prefix: prefix!, turns: lengths, tail: tail!, keepFirst: request.keepFirst, budget, previousDrop: options.previousDrop });
  const keep = Math.min(request.keepFirst, turns.length);
  const kept = [...turns.slice(0, keep), ...turns.slice(keep + window.drop)];
  const text = `${options.withPrefix ? CHARACTERGLM_PREFIX_TOKENS.join('') : ''}${renderReplyPrompt(meta, kept, partial)}`;
  // counted whole as well: pieces counted apart each carry a token the whole text does not (a word start)
  const tokens = await count(text);
  return { text, tokens, prefixTokens: prefix!, drop: window.drop, fits: tokens <= budget };
}
