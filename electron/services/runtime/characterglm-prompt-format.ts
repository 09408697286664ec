import type { LlamaModel, Token } from 'node-llama-cpp';
import {
  CHARACTERGLM_FORMAT_VERSION, CHARACTERGLM_PREFIX_TOKENS, CHARACTERGLM_STOP_STRINGS, flattenText, renderHeader, speakerTag,
  type DialogueTurn,
} from '../../../shared/prompt/characterglm-format';
import { renderReplyPrompt } from '../../../shared/runtime/reply-prompt';
import { tokenizeContinuation, type PromptFormat, type PromptRequest, type RenderedPrompt, type ReplyLedger } from './prompt-format';

/**
 * CharacterGLM prompts as token segments: control tokens, the profile header, then per line the speaker tag
 * and the message. The text is the shared format module's; tokenising line by line (instead of the whole
 * string) keeps every earlier line's tokens identical from turn to turn, and a reply the model generated
 * keeps the exact tokens it was generated as (the ledger), so the KV cache is reused up to the new line.
 */
export class CharacterGlmPromptFormat implements PromptFormat {
  readonly id = `characterglm-v${CHARACTERGLM_FORMAT_VERSION}`;
  readonly stopStrings = CHARACTERGLM_STOP_STRINGS;
  private readonly controlTokens: Token[];

  constructor(private readonly model: LlamaModel) {
    this.controlTokens = model.tokenize(CHARACTERGLM_PREFIX_TOKENS.join(''), true);
  }

  private body(text: string, ledger: ReplyLedger): Token[] {
    const flat = flattenText(text);
    return ledger.get(flat) ?? tokenizeContinuation(this.model, flat);
  }

  render(request: PromptRequest): RenderedPrompt {
    const { meta, ledger } = request;
    // The header starts the text, so it is tokenised as llama.cpp tokenises a whole prompt (its
    // document-start space follows the GGUF's own tokenizer settings).
    const prefix = [...this.controlTokens, ...this.model.tokenize(renderHeader(meta).join('\n'), false)];
    const lines = request.turns.map((turn) => this.turnTokens(request, turn));
    const keep = Math.min(request.keepFirst, lines.length);
    const keptTurns = [...request.turns.slice(0, keep), ...request.turns.slice(keep + request.drop)];
    const keptLines = [...lines.slice(0, keep), ...lines.slice(keep + request.drop)];
    const tail = [
      ...tokenizeContinuation(this.model, `\n${speakerTag(meta, 'character')}`),
      ...(request.partial === '' ? [] : this.body(request.partial, ledger)),
    ];
    return {
      tokens: [...prefix, ...keptLines.flat(), ...tail],
      text: renderReplyPrompt(meta, keptTurns, request.partial),
      prefixLength: prefix.length,
      turnLengths: () => lines.map((l) => l.length),
      tailLength: tail.length,
    };
  }

  private turnTokens(request: PromptRequest, turn: DialogueTurn): Token[] {
    // An empty message renders no line (the shared format's rule), so it has no tokens either.
    if (turn.text.trim() === '') return [];
    return [...tokenizeContinuation(this.model, `\n${speakerTag(request.meta, turn.speaker, turn.name)}`), ...this.body(turn.text, request.ledger)];
  }
}
