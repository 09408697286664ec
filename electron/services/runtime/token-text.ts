import type { LlamaModel, Token } from 'node-llama-cpp';

const REPLACEMENT = '\uFFFD';
/** Tokens of settled text given as context, so a piece's leading space decodes as it would mid-text. */
const CONTEXT_TOKENS = 4;
/** A UTF-8 character spans at most 4 byte tokens: only the last 3 can still be waiting for the rest of one. */
const MAX_UNFINISHED = 3;

/**
 * A reply's text, decoded token by token: each new token is detokenised with the few tokens before it as
 * context, so the cost per token is constant instead of growing with the reply (re-decoding the whole reply
 * per token made a long reply quadratic). Byte tokens that end inside a multi-byte character stay pending
 * until the character is complete, so the text never holds a U+FFFD that the whole decode would not.
 */
export class TokenText {
  private settled = '';
  private pending: Token[] = [];
  private context: Token[];

  constructor(private readonly model: Pick<LlamaModel, 'detokenize'>, before: readonly Token[]) {
    this.context = before.slice(-CONTEXT_TOKENS);
  }

  /** Adds a generated token; returns the reply's text so far (an unfinished character shows as U+FFFD). */
  push(token: Token): string {
    this.pending.push(token);
    const piece = this.model.detokenize(this.pending, false, this.context);
    if (!piece.endsWith(REPLACEMENT)) {
      this.settle(this.pending.length, piece);
      return this.settled;
    }
    if (this.pending.length <= MAX_UNFINISHED) return this.settled + piece;
    // Invalid bytes (a random model writes them) would keep the text unfinished for ever: what lies
    // before the last few byte tokens can no longer become part of a character.
    const done = this.pending.length - MAX_UNFINISHED;
    this.settle(done, this.model.detokenize(this.pending.slice(0, done), false, this.context));
    return this.text;
  }

  private settle(count: number, text: string): void {
    this.settled += text;
    this.context = [...this.context, ...this.pending.slice(0, count)].slice(-CONTEXT_TOKENS);
    this.pending = this.pending.slice(count);
  }

  /** The text of every token pushed so far. */
  get text(): string {
    return this.pending.length === 0 ? this.settled : this.settled + this.model.detokenize(this.pending, false, this.context);
  }
}
