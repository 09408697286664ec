import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_CHARACTERS } from '../shared/character/examples';
import { newCharacter } from '../shared/character/new-character';
import { sessionMetaFor } from '../shared/character/render-profile';
import type { DialogueTurn } from '../shared/prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../shared/prompt/sampling-defaults';
import type { ChatSampler } from '../shared/runtime/sampler-schema';
import { ChatEngine, type ReplyRequest } from '../electron/services/runtime/chat-engine';
import type { LlamaRuntime } from '../electron/services/runtime/llama-runtime';

// The studio's side of the runtime benchmark: the live-preview engine doing what a writer does, timed.

const USER_LINES = [
  '你好，今天店里忙吗？', '有什么推荐的茶吗？', '这茶是哪里产的？', '你平时几点开门？', '你喜欢听评弹吗？',
  '这家店开了多少年了？', '你奶奶身体还好吗？', '能给我讲讲你在上海的日子吗？', '你觉得城市和小镇哪个好？', '外面雨停了吗？',
  '这个茶饼多少钱？', '你最喜欢哪一种茶？', '有没有什么点心？', '阿满今天来了吗？', '你写毛笔字多久了？',
  '我下次还能来吗？', '镇上还有什么好玩的地方？', '你相信缘分吗？', '能再给我续一杯吗？', '谢谢你，今天很开心。',
];

/** What the studio measured. */
export interface RuntimeMeasurements {
  loadMs: number;
  contextSize: number;
  prefill: { promptTokens: number; tokensPerSecond: number };
  /** `afterPromptTokens`: the context the reply was decoded after (llama-bench's tg runs at that depth). */
  decode: { tokens: number; tokensPerSecond: number; afterPromptTokens: number; sampler: ChatSampler };
  timeToFirstTokenMs: { turn1: number; turn20: number; everyTurn: number[] };
  reopen: { chatTokens: number; coldMs: number; warmMs: number; reopenMs: number; restored: boolean };
  compare: { tokensEach: number; oneMs: number; twoMs: number };
}

const never = new AbortController().signal;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs every scenario on the loaded model; `log` gets a line per step (stderr). */
export async function measureRuntime(runtime: LlamaRuntime, loadMs: number, log: (line: string) => void): Promise<RuntimeMeasurements> {
  const example = EXAMPLE_CHARACTERS[0]!;
  const character = newCharacter({ ...example.fields, id: example.exampleId, now: new Date(0).toISOString() });
  const meta = sessionMetaFor(character);
  const greeting: DialogueTurn = { speaker: 'character', text: character.greeting };
  const engine = new ChatEngine(runtime);
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-'));
  const sampler = (maxTokens: number, seed = 1): ChatSampler => ({ ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens, seed, banEos: true });
  const request = (session: string, turns: DialogueTurn[], extra: Partial<ReplyRequest> = {}): ReplyRequest => ({
    session, kvFile: null, meta, turns, keepFirst: 1, partial: '', sampler: sampler(16), adapter: null, ...extra,
  });
  /** A synthetic history of at least `tokens` prompt tokens (the scripted lines, repeated). */
  const historyOf = async (tokens: number): Promise<DialogueTurn[]> => {
    const turns: DialogueTurn[] = [greeting];
    for (let i = 0; (await engine.preview(request('measure', turns))).tokens < tokens; i++) {
      turns.push({ speaker: 'user', text: USER_LINES[i % USER_LINES.length]! }, { speaker: 'character', text: `${USER_LINES[(i + 7) % USER_LINES.length]!}我想想，慢慢说给你听。` });
    }
    return turns;
  };
  try {
    log('prefill: a fresh 512-token prompt');
    const prefillTurns = [...(await historyOf(511)), { speaker: 'user' as const, text: '你好' }];
    const prefill = await engine.reply(request('prefill', prefillTurns, { sampler: sampler(1) }), () => undefined, never);

    log('decode: 128 tokens');
    const decode = await engine.reply(request('decode', [greeting, { speaker: 'user', text: '讲个故事吧' }], { sampler: sampler(128) }), () => undefined, never);

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
      contextSize: prefill.stats.contextSize,
      prefill: { promptTokens: prefill.stats.evaluatedTokens, tokensPerSecond: round(prefill.stats.prefillTokensPerSecond, 2) },
      decode: { tokens: decode.stats.generatedTokens, tokensPerSecond: round(decode.stats.decodeTokensPerSecond, 2), afterPromptTokens: decode.stats.promptTokens, sampler: sampler(128) },
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
