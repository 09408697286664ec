import type { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { ChatEngine } from '../electron/services/runtime/chat-engine';
import { REPEAT_LAST_N } from '../electron/services/runtime/sampler-options';
import type { ReplyStats } from '../shared/runtime/generation';
import type { GpuBackend } from '../shared/runtime/runtime-status';
import type { ChatSampler } from '../shared/runtime/sampler-schema';
import { openBare, type DecodeRun } from './bare-node-llama-cpp';
import { never, studioRequests } from './studio-requests';

// Prefill and decode speed of the studio against bare node-llama-cpp on the same file, threads and context
// size, in alternating rounds (studio, bare, studio, bare…) with the fastest round of each kept: on a
// shared machine a burst of other work then slows a round of one side, not every figure of it, and both
// sides see the same machine.

export interface PairedSpeed {
  rounds: number;
  contextSize: number;
  studio: {
    prefill: { promptTokens: number; tokensPerSecond: number; everyRound: number[] };
    decode: { tokens: number; afterPromptTokens: number; tokensPerSecond: number; everyRound: number[]; sampler: ChatSampler };
  };
  bareNodeLlamaCpp: {
    prefill: { promptTokens: number; tokensPerSecond: number; everyRound: number[] };
    /** Sampled as the studio samples its replies: the figure the studio is compared with. */
    decode: { tokens: number; afterPromptTokens: number; tokensPerSecond: number; everyRound: number[] };
    /** Greedy, with no sampler at all (as llama-bench's tg): what the sampler itself costs. */
    decodeGreedy: { tokens: number; tokensPerSecond: number; everyRound: number[] };
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
/** Tokens per second of a decode, timed from its first token as the studio's rate is. */
const decodeRate = (run: DecodeRun): number => (run.tokens - 1) / run.seconds;

export async function measurePairedSpeed(
  runtime: LlamaRuntime, model: { path: string; backend: GpuBackend; threads: number }, rounds: number, log: (line: string) => void,
): Promise<PairedSpeed> {
  const engine = new ChatEngine(runtime);
  const { greeting, sampler, request, historyOf } = studioRequests(engine);
  const decodeSampler = sampler(128);
  const prefillTurns = [...(await historyOf(511)), { speaker: 'user' as const, text: '你好' }];
  const decodeTurns = [greeting, { speaker: 'user' as const, text: '讲个故事吧' }];
  // a new session each round, so no round reuses another's KV cache
  const studioPrefill = async (r: number): Promise<ReplyStats> =>
    (await engine.reply(request(`prefill-${r}`, prefillTurns, { sampler: sampler(1) }), () => undefined, never)).stats;
  const studioDecode = async (r: number): Promise<ReplyStats> =>
    (await engine.reply(request(`decode-${r}`, decodeTurns, { sampler: decodeSampler }), () => undefined, never)).stats;

  const studio = { prefill: [] as ReplyStats[], decode: [] as ReplyStats[] };
  log('paired speed: studio prefill and decode, round 1');
  studio.prefill.push(await studioPrefill(0));
  studio.decode.push(await studioDecode(0));
  const [firstPrefill, firstDecode] = [studio.prefill[0]!, studio.decode[0]!];
  const { temperature, topP, topK, minP, repeatPenalty } = decodeSampler;
  const bare = await openBare(model.path, model.backend, model.threads, {
    contextSize: firstPrefill.contextSize, promptTokens: firstPrefill.evaluatedTokens, decodeTokens: firstDecode.generatedTokens,
    decodeAfter: firstDecode.promptTokens, sampler: { temperature, topP, topK, minP, repeatPenalty, seed: decodeSampler.seed ?? 1, repeatLastN: REPEAT_LAST_N },
  });
  const runs = { prefill: [] as number[], decode: [] as DecodeRun[], greedy: [] as DecodeRun[] };
  try {
    for (let r = 0; r < rounds; r++) {
      if (r > 0) {
        log(`paired speed: studio, round ${r + 1}`);
        studio.prefill.push(await studioPrefill(r));
        studio.decode.push(await studioDecode(r));
      }
      log(`paired speed: bare node-llama-cpp, round ${r + 1}`);
      runs.prefill.push(await bare.prefill());
      runs.decode.push(await bare.decode('sampled'));
      runs.greedy.push(await bare.decode('greedy'));
    }
  } finally {
    await bare.dispose();
    await engine.dispose();
  }
  const prefillRates = runs.prefill.map((seconds) => firstPrefill.evaluatedTokens / seconds);
  return {
    rounds,
    contextSize: firstPrefill.contextSize,
    studio: {
      prefill: { promptTokens: firstPrefill.evaluatedTokens, tokensPerSecond: round2(Math.max(...studio.prefill.map((s) => s.prefillTokensPerSecond))), everyRound: studio.prefill.map((s) => round2(s.prefillTokensPerSecond)) },
      decode: {
        tokens: firstDecode.generatedTokens, afterPromptTokens: firstDecode.promptTokens, sampler: decodeSampler,
        tokensPerSecond: round2(Math.max(...studio.decode.map((s) => s.decodeTokensPerSecond))), everyRound: studio.decode.map((s) => round2(s.decodeTokensPerSecond)),
      },
    },
    bareNodeLlamaCpp: {
      prefill: { promptTokens: firstPrefill.evaluatedTokens, tokensPerSecond: round2(Math.max(...prefillRates)), everyRound: prefillRates.map(round2) },
      decode: {
        tokens: Math.min(...runs.decode.map((d) => d.tokens)), afterPromptTokens: firstDecode.promptTokens,
        tokensPerSecond: round2(Math.max(...runs.decode.map(decodeRate))), everyRound: runs.decode.map((d) => round2(decodeRate(d))),
      },
      decodeGreedy: {
        tokens: Math.min(...runs.greedy.map((d) => d.tokens)), tokensPerSecond: round2(Math.max(...runs.greedy.map(decodeRate))), everyRound: runs.greedy.map((d) => round2(decodeRate(d))),
      },
    },
  };
}
