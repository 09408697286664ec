import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogueTurn } from '../shared/prompt/characterglm-format';
import { ChatEngine } from '../electron/services/runtime/chat-engine';
import type { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { never, studioRequests, USER_LINES } from './studio-requests';

// The studio's side of the runtime benchmark: the live-preview engine doing what a writer does, timed
// (prefill and decode speed are measured against bare node-llama-cpp in paired-speed.ts).

/** What the studio measured. */
export interface RuntimeMeasurements {
  loadMs: number;
  timeToFirstTokenMs: { turn1: number; turn20: number; everyTurn: number[] };
  reopen: { chatTokens: number; coldMs: number; warmMs: number; reopenMs: number; restored: boolean };
  compare: { tokensEach: number; oneMs: number; twoMs: number };
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs every scenario on the loaded model; `log` gets a line per step (stderr). */
export async function measureRuntime(runtime: LlamaRuntime, loadMs: number, log: (line: string) => void): Promise<RuntimeMeasurements> {
  const engine = new ChatEngine(runtime);
  const { greeting, sampler, request, historyOf } = studioRequests(engine);
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-'));
  try {
    log('scripted chat: 20 turns');
    const turns: DialogueTurn[] = [greeting];
    const ttft: number[] = [];
    for (const [i, line] of USER_LINES.entries()) {
      turns.push({ speaker: 'user', text: line });
      const reply = await engine.reply(request('scripted', turns, { sampler: sampler(16, i + 1) }), () => undefined, never);
      ttft.push(round(reply.stats.timeToFirstTokenMs));
      turns.push({ speaker: 'character', text: reply.text });
    }

    log('compare: one reply vs two in one batch (32 tokens each)');
    const oneStarted = performance.now();
    await engine.reply(request('scripted', turns.slice(0, -1), { sampler: sampler(32, 101) }), () => undefined, never);
    const oneMs = performance.now() - oneStarted;
    const twoStarted = performance.now();
    await engine.replyPair(request('scripted', turns.slice(0, -1)), [{ sampler: sampler(32, 102), adapter: null }, { sampler: sampler(32, 103), adapter: null }], () => undefined, never);
    const twoMs = performance.now() - twoStarted;

    log('reopen: a 2,000-token chat, cold, warm and reopened from its saved state');
    const kvFile = { root: dir, path: join(dir, 'long-chat.kv') };
    const long = [...(await historyOf(2000)), { speaker: 'user' as const, text: '你还记得我刚来时说的话吗？' }];
    const cold = await engine.reply(request('long', long, { kvFile }), () => undefined, never);
    long.push({ speaker: 'character', text: cold.text }, { speaker: 'user', text: '那你再说一遍吧。' });
    const warm = await engine.reply(request('long', long, { kvFile }), () => undefined, never);
    long.push({ speaker: 'character', text: warm.text }, { speaker: 'user', text: '好吧，下次见。' });
    await engine.dispose();
    const reopened = new ChatEngine(runtime);
    const reopen = await reopened.reply(request('long', long, { kvFile }), () => undefined, never);
    await reopened.dispose();

    return {
      loadMs: Math.round(loadMs),
      timeToFirstTokenMs: { turn1: ttft[0]!, turn20: ttft.at(-1)!, everyTurn: ttft },
      reopen: {
        chatTokens: cold.stats.promptTokens, coldMs: round(cold.stats.timeToFirstTokenMs), warmMs: round(warm.stats.timeToFirstTokenMs),
        reopenMs: round(reopen.stats.timeToFirstTokenMs), restored: reopen.stats.restoredState,
      },
      compare: { tokensEach: 32, oneMs: round(oneMs), twoMs: round(twoMs) },
    };
  } finally {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
