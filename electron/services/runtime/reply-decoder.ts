import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';
import type { StopReason } from '../../../shared/runtime/generation';
import { ReplyText } from '../../../shared/runtime/reply-text';
import { evaluateOptions } from './sampler-options';

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

export interface DecodeInput {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  prompt: readonly Token[];
  stopStrings: readonly string[];
  sampler: ChatSampler;
  signal: AbortSignal;
  onText: (text: string) => void;
  onPrefill?: (done: number, total: number) => void;
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

/**
 * Generates one reply on a sequence: reuses the KV cache for the prompt's common prefix, reads the rest,
 * then samples until end-of-sequence, a stop string, max tokens, a full context, or `signal`.
 */
export async function decodeReply(input: DecodeInput): Promise<DecodedReply> {
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
  const maxTokens = Math.min(input.sampler.maxTokens, room);
  const context = prompt.slice(-4);
  const generated: Token[] = [];
  const reply = new ReplyText(input.stopStrings);
  const options = evaluateOptions(input.sampler, () => [...prompt.slice(-64), ...generated], model);
  let stopReason: StopReason = 'eos';
  let evaluatedTokens = 0;
  let firstAt = 0;
  let text: string | null = null;
  for await (const token of sequence.evaluate(prompt.slice(sequence.nextTokenIndex) as Token[], options)) {
    if (generated.length === 0) {
      firstAt = now();
      evaluatedTokens = evaluatedSoFar(sequence) - meterStart;
    }
    generated.push(token);
    const step = reply.push(model.detokenize(generated, false, context));
    if (step.emit) input.onText(step.emit);
    if (step.stopped) {
      stopReason = 'speaker';
      text = step.text;
      break;
    }
    if (signal.aborted) {
      stopReason = 'cancelled';
      break;
    }
    if (generated.length >= maxTokens) {
      stopReason = 'length';
      break;
    }
  }
  if (generated.length === 0) return { ...empty(signal.aborted ? 'cancelled' : stopReason), evaluatedTokens: evaluatedSoFar(sequence) - meterStart };
  if (text === null) {
    const end = reply.finish(model.detokenize(generated, false, context));
    if (end.emit) input.onText(end.emit);
    text = end.text;
  }
  const finalText = text.trimEnd();
  return {
    text: finalText,
    tokens: tokensFor(model, generated, finalText, context),
    stopReason,
    reusedTokens,
    evaluatedTokens,
    generatedTokens: generated.length,
    timeToFirstTokenMs: firstAt - started,
    decodeMs: now() - firstAt,
  };
}
