import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import type { ReplyPacket } from '../../../shared/runtime/generation';
import { useTempDir } from '../../test-support/temp-dir';
import { ChatEngine, type ReplyRequest } from './chat-engine';
import type { LlamaRuntime } from './llama-runtime';
import { tinyRuntime } from './test-runtime';
import { writeTinyLora } from './tiny-lora';

const tempDir = useTempDir();
const meta: SessionMeta = { botName: '苏梦远', userName: '小林', botInfo: '一位当红的歌手，性格活泼，喜欢音乐和旅行。', userInfo: '一名大学生' };
const greeting: DialogueTurn = { speaker: 'character', text: '你好呀！今天想聊点什么？' };
const sampler = { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 24, seed: 11 };

const runtimes: LlamaRuntime[] = [];
const engines: ChatEngine[] = [];
afterEach(async () => {
  // Engines first: their dispose waits for a KV state still being saved into the temp folder.
  for (const e of engines.splice(0)) await e.dispose();
  for (const r of runtimes.splice(0)) await r.dispose();
});

async function setup(options: ConstructorParameters<typeof ChatEngine>[1] = {}, seed?: number) {
  const dir = await tempDir();
  const { runtime, modelPath } = await tinyRuntime(dir, seed);
  runtimes.push(runtime);
  const engine = new ChatEngine(runtime, { contextSize: 1024, ...options });
  engines.push(engine);
  return { dir, runtime, modelPath, engine };
}

const request = (turns: DialogueTurn[], extra: Partial<ReplyRequest> = {}): ReplyRequest => ({
  session: 'chat-1', kvFile: null, meta, turns, keepFirst: 1, partial: '', sampler, adapter: null, ...extra,
});

function collect(): { packets: ReplyPacket[]; text: () => string; on: (p: ReplyPacket) => void } {
  const packets: ReplyPacket[] = [];
  return { packets, on: (p) => packets.push(p), text: () => packets.map((p) => (p.type === 'token' ? p.text : '')).join('') };
}

const never = new AbortController().signal;

describe('ChatEngine on the tiny chatglm model', () => {
  it('forgets a session only after the KV state save its last reply left queued, so the next reply finds its sequence free', async () => {
    const { engine, dir } = await setup();
    const kvFile = { root: dir, path: join(dir, 'chat-1.kv') };
    const turns: DialogueTurn[] = [greeting, { speaker: 'user', text: '你好' }];
    // The reply is handed over before its KV state is saved; forgetting right then used to skip the still-busy
    // sequence and drop the session's queue, and the next reply failed with "already generating".
    await engine.reply(request(turns, { kvFile }), () => undefined, never);
    await engine.forget('chat-1');
    const again = await engine.reply(request(turns), () => undefined, never);
    expect(again.stats.reusedTokens).toBe(0);
  });

  it('reuses the KV cache across turns: turn N evaluates only its new tokens, never the profile again', async () => {
    const { engine, runtime } = await setup();
    const model = runtime.currentModel()!.model;
    const turns: DialogueTurn[] = [greeting];
    const first = await engine.reply(request([...turns, { speaker: 'user', text: '你好，最近在忙什么？' }]), () => undefined, never);
    expect(first.stats.reusedTokens).toBe(0);
    expect(first.stats.evaluatedTokens).toBe(first.stats.promptTokens);
    turns.push({ speaker: 'user', text: '你好，最近在忙什么？' }, { speaker: 'character', text: first.text });
    for (const message of ['真的吗？给我讲讲吧。', '那你最喜欢哪首歌？', '下次演唱会在哪里？']) {
      const newLine = model.tokenize(`\n[${meta.userName}]${message}\n[${meta.botName}]`, false, 'trimLeadingSpace').length;
      const reply = await engine.reply(request([...turns, { speaker: 'user', text: message }]), () => undefined, never);
      // Counted by llama.cpp's token meter, not derived: the new user line and the reply tag, nothing more.
      expect(reply.stats.evaluatedTokens).toBeLessThanOrEqual(newLine);
      expect(reply.stats.evaluatedTokens).toBe(reply.stats.promptTokens - reply.stats.reusedTokens);
      expect(reply.stats.reusedTokens).toBeGreaterThan(first.stats.promptTokens);
      turns.push({ speaker: 'user', text: message }, { speaker: 'character', text: reply.text });
    }
  });

  it('streams tokens that add up to the reply, and stops when asked', async () => {
    const { engine } = await setup();
    const turns = [greeting, { speaker: 'user' as const, text: '讲个长长的故事吧' }];
    const streamed = collect();
    const full = await engine.reply(request(turns, { sampler: { ...sampler, maxTokens: 30 } }), streamed.on, never);
    expect(streamed.packets[0]).toMatchObject({ type: 'prompt', promptTokens: full.stats.promptTokens, droppedTurns: 0 });
    expect(streamed.text().trimEnd()).toBe(full.text);
    expect(full.text.length).toBeGreaterThan(0);

    const abort = new AbortController();
    const stopped = collect();
    const result = await engine.reply(
      request(turns, { sampler: { ...sampler, maxTokens: 200, seed: 3 } }),
      (p) => {
        stopped.on(p);
        if (p.type === 'token') abort.abort();
      },
      abort.signal,
    );
    expect(result.stopReason).toBe('cancelled');
    expect(result.stats.generatedTokens).toBeLessThanOrEqual(2);
    expect(stopped.text().startsWith(result.text)).toBe(true);
  });

  it('regenerates the last reply by re-reading only the last prompt token, and continues a reply', async () => {
    const { engine } = await setup();
    const turns = [greeting, { speaker: 'user' as const, text: '你喜欢什么颜色？' }];
    const a = await engine.reply(request(turns, { sampler: { ...sampler, seed: 1 } }), () => undefined, never);
    const b = await engine.reply(request(turns, { sampler: { ...sampler, seed: 2 } }), () => undefined, never);
    expect(b.stats.reusedTokens).toBe(b.stats.promptTokens - 1);
    expect(b.stats.evaluatedTokens).toBe(1);
    expect(a.text).not.toBe(b.text);

    const more = await engine.reply(request(turns, { partial: b.text, sampler: { ...sampler, seed: 5 } }), () => undefined, never);
    // The partial reply is still in the cache with its own tokens: only its last token is read again.
    expect(more.stats.evaluatedTokens).toBe(1);
  });

  it('drops the oldest turns when the context fills, keeps profile and greeting, and says so', async () => {
    const { engine } = await setup({ contextSize: 256 });
    const turns: DialogueTurn[] = [greeting];
    for (let i = 0; i < 14; i++) {
      turns.push({ speaker: 'user', text: `第${i}个问题：你觉得今天的天气怎么样？` }, { speaker: 'character', text: `第${i}个回答：天气很好，我们去公园吧。` });
    }
    turns.push({ speaker: 'user', text: '最后一个问题' });
    const preview = await engine.preview(request(turns, { sampler: { ...sampler, maxTokens: 32 } }));
    expect(preview.droppedTurns).toBeGreaterThan(0);
    expect(preview.text).toContain('关于苏梦远的信息');
    expect(preview.text).toContain(greeting.text);
    expect(preview.text).not.toContain('第0个问题');
    expect(preview.text).toContain('最后一个问题');
    const reply = await engine.reply(request(turns, { sampler: { ...sampler, maxTokens: 32 } }), () => undefined, never);
    expect(reply.stats.droppedTurns).toBe(preview.droppedTurns);
    expect(reply.stats.promptTokens).toBeLessThanOrEqual(256 - 32);
    // The window is sticky: the next turn keeps the same start, so it reuses the cache.
    turns.push({ speaker: 'character', text: reply.text }, { speaker: 'user', text: '好的' });
    const next = await engine.reply(request(turns, { sampler: { ...sampler, maxTokens: 32 } }), () => undefined, never);
    expect(next.stats.droppedTurns).toBe(reply.stats.droppedTurns);
    expect(next.stats.reusedTokens).toBeGreaterThan(reply.stats.promptTokens - 2);
  });

  it('saves the KV state beside the chat and reopens it without re-reading the history', async () => {
    const { engine, runtime, dir } = await setup();
    const kvFile = { root: dir, path: join(dir, 'chat-1.kv') };
    const turns: DialogueTurn[] = [greeting, { speaker: 'user', text: '你好，最近在忙什么？' }];
    const first = await engine.reply(request(turns, { kvFile }), () => undefined, never);
    await engine.reply(request(turns, { kvFile, sampler: { ...sampler, seed: 99 } }), () => undefined, never); // waits for the save
    await access(kvFile.path);
    turns.push({ speaker: 'character', text: first.text }, { speaker: 'user', text: '真的吗？' });

    const reopened = new ChatEngine(runtime, { contextSize: 1024 });
    const reply = await reopened.reply(request(turns, { kvFile }), () => undefined, never);
    expect(reply.stats.restoredState).toBe(true);
    expect(reply.stats.reusedTokens).toBeGreaterThanOrEqual(first.stats.promptTokens);
    await reopened.dispose();

    // A profile edit changes the key: the stale state is discarded and the prompt is read in full.
    const edited = new ChatEngine(runtime, { contextSize: 1024 });
    const changed = await edited.reply(request(turns, { kvFile, meta: { ...meta, botInfo: '一位作家。' } }), () => undefined, never);
    expect(changed.stats.restoredState).toBe(false);
    expect(changed.stats.reusedTokens).toBe(0);
    await edited.dispose();
    await engine.dispose();
  });

  it('discards a saved state made with another model', async () => {
    const first = await setup({}, 1);
    const kvFile = { root: first.dir, path: join(first.dir, 'chat.kv') };
    const turns: DialogueTurn[] = [greeting, { speaker: 'user', text: '你好' }];
    await first.engine.reply(request(turns, { kvFile }), () => undefined, never);
    await first.engine.reply(request(turns, { kvFile }), () => undefined, never);
    const other = await setup({}, 2);
    const reply = await other.engine.reply(request(turns, { kvFile }), () => undefined, never);
    expect(reply.stats.restoredState).toBe(false);
    expect(reply.stats.reusedTokens).toBe(0);
  });

  it('decodes two replies for the same turn together, reading the shared prompt once', async () => {
    const { engine } = await setup();
    const turns = [greeting, { speaker: 'user' as const, text: '你最喜欢的城市是哪里？' }];
    const texts: [string, string] = ['', ''];
    const [a, b] = await engine.replyPair(
      request(turns),
      [{ sampler: { ...sampler, seed: 1 }, adapter: null }, { sampler: { ...sampler, seed: 2, temperature: 1.2 }, adapter: null }],
      (lane, p) => void (p.type === 'token' && (texts[lane] += p.text)),
      never,
    );
    expect(a.text.length + b.text.length).toBeGreaterThan(0);
    expect(texts[0].trimEnd()).toBe(a.text);
    expect(texts[1].trimEnd()).toBe(b.text);
    // Lane B got the prompt's KV state copied from lane A: it evaluated only the last prompt token.
    expect(b.stats.evaluatedTokens).toBe(1);
    expect(a.stats.evaluatedTokens + b.stats.evaluatedTokens).toBe(a.stats.promptTokens + 1);
  });

  it('runs base and LoRA adapter side by side on one loaded model', async () => {
    const { engine, dir } = await setup();
    const lora = join(dir, 'adapter.gguf');
    await writeTinyLora(lora, 7, 4, 2);
    const turns = [greeting, { speaker: 'user' as const, text: '你好' }];
    const greedy = { ...sampler, temperature: 0, repeatPenalty: 1, maxTokens: 12 };
    const base = await engine.reply(request(turns, { sampler: greedy }), () => undefined, never);
    const [pairBase, pairLora] = await engine.replyPair(
      request(turns, { session: 'chat-2' }),
      [{ sampler: greedy, adapter: null }, { sampler: greedy, adapter: { path: lora, scale: 1 } }],
      () => undefined,
      never,
    );
    expect(pairBase.text).toBe(base.text);
    expect(pairLora.text).not.toBe(base.text);
    const scaledOff = await engine.reply(request(turns, { session: 'chat-3', sampler: greedy, adapter: { path: lora, scale: 0 } }), () => undefined, never);
    expect(scaledOff.text).toBe(base.text);
    expect(await readdir(dir)).toContain('adapter.gguf');
  });

  it('bans end-of-sequence when asked, so replies run to max tokens', async () => {
    const { engine } = await setup();
    const turns = [greeting, { speaker: 'user' as const, text: '你好' }];
    const run = async (banEos: boolean, seeds: number[]) => {
      const reasons: string[] = [];
      for (const seed of seeds) {
        const r = await engine.reply(request(turns, { session: `ban-${banEos}`, sampler: { ...sampler, maxTokens: 16, seed, banEos } }), () => undefined, never);
        reasons.push(r.stopReason);
      }
      return reasons;
    };
    expect(await run(false, [1, 2, 3, 4, 5, 6])).toContain('eos');
    expect(await run(true, [1, 2, 3])).not.toContain('eos');
  });

  it('says clearly when even the profile and the last message do not fit', async () => {
    const { engine } = await setup({ contextSize: 128 });
    const long = { ...meta, botInfo: '很长的介绍。'.repeat(60) };
    await expect(engine.reply(request([greeting, { speaker: 'user', text: '你好' }], { meta: long }), () => undefined, never)).rejects.toThrow(
      // node-llama-cpp pads the asked 128 up to its context granularity: the message names the real window
      /more than this chat's context of \d+ leaves beside the reply/,
    );
  });
});
