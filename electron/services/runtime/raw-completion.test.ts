import { afterEach, describe, expect, it } from 'vitest';
import type { SessionMeta } from '../../../shared/prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { useTempDir } from '../../test-support/temp-dir';
import { ChatEngine, type ReplyRequest } from './chat-engine';
import type { LlamaRuntime } from './llama-runtime';
import { tinyRuntime } from './test-runtime';

// Raw completions and extra stop sequences, as the OpenAI-compatible API asks the engine for them.

const tempDir = useTempDir();
const runtimes: LlamaRuntime[] = [];
const engines: ChatEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
  for (const r of runtimes.splice(0)) await r.dispose();
});

async function engine(): Promise<ChatEngine> {
  const { runtime } = await tinyRuntime(await tempDir());
  runtimes.push(runtime);
  const created = new ChatEngine(runtime, { contextSize: 1024 });
  engines.push(created);
  return created;
}

const sampler = { ...CHARACTERGLM_SAMPLER_DEFAULTS, temperature: 0, maxTokens: 12, seed: 3, banEos: true };
const never = new AbortController().signal;
const meta: SessionMeta = { botName: '苏梦远', userName: '小林', botInfo: '一位当红的歌手。', userInfo: '' };

describe('ChatEngine.complete', () => {
  it('continues raw text, reading control tokens written in it, and reuses the KV cache of a prompt it extends', async () => {
    const chat = await engine();
    const request = { session: 'raw', sampler, adapter: null, stop: [] };
    const prompt = '[gMASK]sop以下是一段苏梦远和小林之间的对话。\n[小林]你好\n[苏梦远]';
    const first = await chat.complete({ ...request, prompt }, () => undefined, never);
    expect(first.stats.reusedTokens).toBe(0);
    expect(first.stats.generatedTokens).toBe(12);
    const longer = await chat.complete({ ...request, prompt: `${prompt}${first.text}\n[小林]真的吗？\n[苏梦远]` }, () => undefined, never);
    expect(longer.stats.reusedTokens).toBeGreaterThanOrEqual(first.stats.promptTokens);
    expect(longer.stats.evaluatedTokens).toBe(longer.stats.promptTokens - longer.stats.reusedTokens);
    // Written as text, the control tokens are still two tokens, not the characters of their names.
    const spelled = await chat.complete({ ...request, session: 'spelled', prompt: '[gMASK]sop' }, () => undefined, never);
    expect(spelled.stats.promptTokens).toBe(2);
  });

  it('refuses an empty prompt and one that leaves no room for the reply', async () => {
    const chat = await engine();
    await expect(chat.complete({ session: 'raw', prompt: '', sampler, adapter: null, stop: [] }, () => undefined, never)).rejects.toThrow('the prompt is empty');
    await expect(chat.complete({ session: 'raw', prompt: '歌'.repeat(2000), sampler, adapter: null, stop: [] }, () => undefined, never))
      .rejects.toThrow(/the prompt has \d+ tokens, more than the \d+ a context of 1024 leaves beside the reply/);
  });
});

describe('ChatEngine.reply with stop sequences of its own', () => {
  it('ends the reply before the first one, as at a new speaker line', async () => {
    const chat = await engine();
    const request: ReplyRequest = {
      session: 'chat', kvFile: null, meta, turns: [{ speaker: 'user', text: '你好' }], keepFirst: 0, partial: '', sampler, adapter: null,
    };
    const free = await chat.reply(request, () => undefined, never);
    expect(free.text.length).toBeGreaterThan(3);
    const stop = free.text.slice(3, 4);
    const stopped = await chat.reply({ ...request, stop: [stop] }, () => undefined, never);
    expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stop)).trimEnd());
    expect(stopped.stopReason).toBe('speaker');
  });
});
