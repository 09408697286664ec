import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LlamaContextSequence, Token } from 'node-llama-cpp';
import { tempPathFor } from '../fs/atomic-write';
import { alignSequence, evaluatedSoFar, prefill } from './reply-decoder';

// A comparison's two lanes on one context read their shared prompt once: one sequence reads it, the other
// takes a copy of that KV state.

/**
 * Reads the prompt once on `from` and copies that KV state to `to` (unless `to` already holds it).
 * node-llama-cpp has no in-memory sequence copy, so the copy goes through a state file (tens of MB for
 * thousands of tokens of a 6B model: far cheaper than reading the prompt twice). Returns what `from`
 * reused and evaluated.
 */
export async function forkPrompt(
  from: LlamaContextSequence, to: LlamaContextSequence, prompt: Token[], signal: AbortSignal,
): Promise<{ reused: number; evaluated: number; ms: number }> {
  const started = performance.now();
  const meter = evaluatedSoFar(from);
  const reused = await alignSequence(from, prompt);
  await prefill(from, prompt, prompt.length - 1, signal);
  const done = { reused, evaluated: evaluatedSoFar(from) - meter, ms: performance.now() - started };
  if (to.compareContextTokens(prompt).firstDifferentIndex >= prompt.length - 1) return done;
  const temp = tempPathFor(join(tmpdir(), 'studio-fork.kv'));
  try {
    await from.saveStateToFile(temp);
    await to.loadStateFromFile(temp, { acceptRisk: true });
  } finally {
    await rm(temp, { force: true });
  }
  return done;
}
