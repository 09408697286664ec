import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';
import type { StopReason } from '../../../shared/runtime/generation';
import { ReplyText } from '../../../shared/runtime/reply-text';
import type { Lockstep } from './lockstep';
import { evaluateOptions } from './sampler-options';
import { TokenText } from './token-text';

/** Prompt tokens evaluated per step while reading a prompt, so a stop request is honoured between steps. */
export const PREFILL_CHUNK = 256;

const now = (): number => performance.now();

/** Tokens llama.cpp has evaluated for a sequence so far (the meter counts every decoded token). */
export function evaluatedSoFar(sequence: LlamaContextSequence): number {
  return sequence.tokenMeter.usedInputTokens + sequence.tokenMeter.usedOutputTokens;
}

/**
 * Erases whatever of the sequence's KV cache differs from `prompt` and returns how many prompt tokens
 * are reused. At least the last prompt token is always evaluated again: its logits start the reply.
 */
export async function alignSequence(sequence: LlamaContextSequence, prompt: readonly Token[]): Promise<number> {
  const { firstDifferentIndex } = sequence.compareContextTokens(prompt as Token[]);
  const keep = Math.min(firstDifferentIndex, prompt.length - 1);
  if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  return keep;
}

/** Evaluates the prompt up to (not including) `end` in chunks, reporting progress and honouring `signal`. */
export async function prefill(
  sequence: LlamaContextSequence, prompt: readonly Token[], end: number, signal: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const start = sequence.nextTokenIndex;
  for (let at = start; at < end; at += PREFILL_CHUNK) {
    if (signal.aborted) throw new DOMException('stopped while reading the prompt', 'AbortError');
    await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(at, Math.min(end, at + PREFILL_CHUNK)) as Token[]);
    onProgress?.(Math.min(end, at + PREFILL_CHUNK) - start, end - start);
  }
}

/** One decoded reply with what it cost. */
export interface DecodedReply {
  text: string;
  /** The reply's exact tokens when they decode to `text` (for the next prompt's ledger). */
  tokens: Token[] | null;
  stopReason: StopReason;
  reusedTokens: number;
  evaluatedTokens: number;
  generatedTokens: number;
  timeToFirstTokenMs: number;
  decodeMs: number;
}

/** Everything one reply needs: where to decode, what prompt, how to sample, where text goes. */
export interface DecodeInput {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  prompt: readonly Token[];
  stopStrings: readonly string[];
  sampler: ChatSampler;
  signal: AbortSignal;
  onText: (text: string) => void;
  onPrefill?: (done: number, total: number) => void;
  /** Keeps this reply in step with another on the same context, so both decode in one batch. */
  lockstep?: Lockstep;
}

/** The token prefix that decodes to exactly `text` (searched from the end: stops cut only a few tokens), or null. */
function tokensFor(model: LlamaModel, tokens: readonly Token[], text: string, context: readonly Token[]): Token[] | null {
  for (let k = tokens.length; k >= 0; k--) {
    const decoded = model.detokenize(tokens.slice(0, k), false, context);
    if (decoded === text) return tokens.slice(0, k) as Token[];
    if (decoded.length < text.length) return null;
  }
  return null;
}

interface TokenLoopState {
  generated: Token[];
  /** The text of `generated`, decoded once as tokens arrive. */
  decoded: TokenText;
  stopReason: StopReason;
  firstAt: number;
  evaluatedTokens: number;
  /** The reply when a stop string ended it; null when generation simply ended. */
  stoppedText: string | null;
}

/** Samples tokens until end-of-sequence, a stop string, max tokens or `signal`; text streams to `onText`. */
async function tokenLoop(input: DecodeInput, maxTokens: number, meterStart: number, reply: ReplyText): Promise<TokenLoopState> {
  const { model, sequence, prompt, signal } = input;
  const state: TokenLoopState = {
    generated: [], decoded: new TokenText(model, prompt), stopReason: 'eos', firstAt: 0, evaluatedTokens: 0, stoppedText: null,
  };
  const options = evaluateOptions(input.sampler, () => [...prompt.slice(-64), ...state.generated], model);
  for await (const token of sequence.evaluate(prompt.slice(sequence.nextTokenIndex) as Token[], options)) {
    if (state.generated.length === 0) {
      state.firstAt = now();
      state.evaluatedTokens = evaluatedSoFar(sequence) - meterStart;
    }
    state.generated.push(token);
    const step = reply.push(state.decoded.push(token));
    if (step.emit) input.onText(step.emit);
    if (step.stopped) return { ...state, stopReason: 'speaker', stoppedText: step.text };
    if (signal.aborted) return { ...state, stopReason: 'cancelled' };
    if (state.generated.length >= maxTokens) return { ...state, stopReason: 'length' };
    await input.lockstep?.arrive();
  }
  return state;
}

/**
 * Generates one reply on a sequence: reuses the KV cache for the prompt's common prefix, reads the rest,
 * then samples until end-of-sequence, a stop string, max tokens, a full context, or `signal`.
 */
export async function decodeReply(input: DecodeInput): Promise<DecodedReply> {
  try {
    return await decode(input);
  } finally {
    input.lockstep?.leave();
  }
}

async function decode(input: DecodeInput): Promise<DecodedReply> {
  const { model, sequence, prompt, signal } = input;
  const started = now();
  const meterStart = evaluatedSoFar(sequence);
  const reusedTokens = await alignSequence(sequence, prompt);
  const empty = (stopReason: StopReason): DecodedReply => ({
    text: '', tokens: [], stopReason, reusedTokens, evaluatedTokens: evaluatedSoFar(sequence) - meterStart, generatedTokens: 0,
    timeToFirstTokenMs: now() - started, decodeMs: 0,
  });
  try {
    await prefill(sequence, prompt, prompt.length - 1, signal, input.onPrefill);
  } catch (error) {
    if (signal.aborted) return empty('cancelled');
    throw error;
  }
  const room = sequence.contextSize - prompt.length;
  if (room <= 0) return empty('length');
  const reply = new ReplyText(input.stopStrings);
  const loop = await tokenLoop(input, Math.min(input.sampler.maxTokens, room), meterStart, reply);
  if (loop.generated.length === 0) return empty(signal.aborted ? 'cancelled' : loop.stopReason);
  const context = prompt.slice(-4);
  let text = loop.stoppedText;
  if (text === null) {
    const end = reply.finish(loop.decoded.text);
    if (end.emit) input.onText(end.emit);
    text = end.text;
  }
  const finalText = text.trimEnd();
  return {
    text: finalText,
    tokens: tokensFor(model, loop.generated, finalText, context),
    stopReason: loop.stopReason,
    reusedTokens,
    evaluatedTokens: loop.evaluatedTokens,
    generatedTokens: loop.generated.length,
    timeToFirstTokenMs: loop.firstAt - started,
    decodeMs: now() - loop.firstAt,
  };
}
