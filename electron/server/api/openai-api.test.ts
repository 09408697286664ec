import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../../shared/character/character-schema';
import type { ReplyResult } from '../../../shared/runtime/generation';
import { createStudio, type Studio } from '../../host/studio';
import { writeTinyLora } from '../../services/runtime/tiny-lora';
import { startServer, type RunningServer } from '../serve';

// The studio's /v1 endpoints with the `openai` npm client as the caller, against a real server on the
// real tiny demo model (installed as a user would) and a real character with a LoRA adapter.

const TOKEN = 'api-token-of-24-characters';
let root = '';
let studio: Studio;
let server: RunningServer;
let remote: RunningServer;
let character: Character;
/** What the engine returned for each chat the API answered (observed, not replaced). */
const answered: ReplyResult[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-openai-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<title>studio</title>');
  studio = await createStudio({ dataDir: join(root, 'data'), transport: 'serve' });
  await studio.services.models.installDemo();
  character = await studio.services.characters.create({
    name: '苏梦远', language: 'zh', greeting: '你好呀！', freeTextProfile: '一位当红的歌手。', profileMode: 'freeText',
    user: { name: '小林', info: '一名大学生' },
  });
  const adapterDir = join(studio.services.layout.charactersDir, character.id, 'adapters', 'warm');
  await mkdir(adapterDir, { recursive: true });
  await writeTinyLora(join(adapterDir, 'adapter.gguf'), 7, 4, 2);
  const chat = studio.services.openai.chat.bind(studio.services.openai);
  studio.services.openai.chat = async (...args) => {
    const result = await chat(...args);
    answered.push(result);
    return result;
  };
  server = await startServer(studio, { host: '127.0.0.1', port: 0, allowRemote: false, rendererDir });
  remote = await startServer(studio, { host: '127.0.0.1', port: 0, allowRemote: true, token: TOKEN, rendererDir });
});

afterAll(async () => {
  await server?.close();
  await remote?.close();
  await studio?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

const baseURL = (running: RunningServer): string => `${new URL(running.url).origin}/v1`;
const client = (options: { apiKey?: string; running?: RunningServer; headers?: Record<string, string> } = {}): OpenAI =>
  new OpenAI({ baseURL: baseURL(options.running ?? server), apiKey: options.apiKey ?? 'anything', maxRetries: 0, defaultHeaders: options.headers });

/** Greedy and long enough to say something: the tiny model's random weights may otherwise end at once. */
const greedy = { temperature: 0, seed: 1, max_tokens: 8, ignore_eos: true };
const messages: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: '回答要简短。' },
  { role: 'assistant', content: '你好呀！' },
  { role: 'user', name: '阿杰', content: '最近在忙什么？' },
];

describe('the /v1 API with the openai client', () => {
  it('lists each character, and each character with each of its adapters, as a model', async () => {
    const models = [];
    for await (const model of client().models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual([character.id, `${character.id}/warm`]);
    expect(models[0]).toMatchObject({ object: 'model', owned_by: 'character-studio', created: Math.floor(Date.parse(character.createdAt) / 1000) });
  });

  it('streams a chat completion as the character, usage last; the next request of the conversation reuses its KV cache; no chat is written', async () => {
    const body = { model: character.id, messages, stream: true as const, stream_options: { include_usage: true }, ...greedy };
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of await client().chat.completions.create(body)) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const finish = chunks.at(-2)!.choices[0]!;
    expect(finish.finish_reason).toMatch(/^(stop|length)$/);
    const usage = chunks.at(-1)!.usage!;
    expect(chunks.at(-1)!.choices).toEqual([]);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(usage.completion_tokens).toBe(answered.at(-1)!.stats.generatedTokens);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeLessThanOrEqual(8);
    expect(usage.prompt_tokens).toBe(answered.at(-1)!.stats.promptTokens);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(text.trimEnd()).toBe(answered.at(-1)!.text);

    const next = await client().chat.completions.create({
      model: character.id, messages: [...messages, { role: 'assistant', content: text }, { role: 'user', name: '阿杰', content: '真的吗？' }], ...greedy,
    });
    expect(next.object).toBe('chat.completion');
    expect(next.choices[0]!.message.role).toBe('assistant');
    expect(next.usage!.prompt_tokens_details!.cached_tokens).toBeGreaterThanOrEqual(usage.prompt_tokens);
    const other = await client().chat.completions.create({ model: character.id, messages: [{ role: 'system', content: '另一段对话。' }, ...messages.slice(1)], ...greedy });
    expect(other.usage!.prompt_tokens_details!.cached_tokens).toBeLessThan(usage.prompt_tokens);
    expect(await studio.services.chat.list(character.id)).toEqual([]);
  });

  it("answers a character/adapter id with the character's adapter", async () => {
    const reply = async (model: string) => (await client().chat.completions.create({ model, messages, ...greedy })).choices[0]!.message.content;
    const base = await reply(character.id);
    expect(await reply(character.id)).toBe(base);
    expect(await reply(`${character.id}/warm`)).not.toBe(base);
  });

  it('completes raw prompt text, whole or streamed, and stops at a stop sequence', async () => {
    const prompt = '[gMASK]sop以下是一段苏梦远和小林之间的对话。\n[小林]你好\n[苏梦远]';
    const whole = await client().completions.create({ model: character.id, prompt, ...greedy });
    expect(whole.object).toBe('text_completion');
    const text = whole.choices[0]!.text;
    expect(text.length).toBeGreaterThan(2);
    expect(whole.usage!.completion_tokens).toBeGreaterThan(0);

    const pieces: string[] = [];
    for await (const chunk of await client().completions.create({ model: character.id, prompt, stream: true, ...greedy })) pieces.push(chunk.choices[0]?.text ?? '');
    expect(pieces.join('').trimEnd()).toBe(text);

    const stop = text.slice(2, 3);
    const stopped = await client().completions.create({ model: character.id, prompt, stop: [stop], ...greedy });
    expect(stopped.choices[0]!.text).toBe(text.slice(0, text.indexOf(stop)));
    expect(stopped.choices[0]!.finish_reason).toBe('stop');
  });

  it('stops generating when the client disconnects mid-stream', async () => {
    const before = answered.length;
    const body = { model: character.id, messages: [{ role: 'user' as const, content: '讲个长故事吧。' }], stream: true as const, ...greedy, max_tokens: 4000 };
    let received = 0;
    for await (const chunk of await client().chat.completions.create(body)) {
      if (chunk.choices[0]?.delta.content) received++;
      if (received === 3) break;
    }
    await vi.waitFor(() => expect(answered.length).toBe(before + 1), { timeout: 30_000 });
    expect(answered.at(-1)!.stopReason).toBe('cancelled');
    expect(answered.at(-1)!.stats.generatedTokens).toBeLessThan(4000);
  });

  it('refuses with OpenAI-style errors: an unknown model, a parameter it cannot honour, a tool message', async () => {
    await expect(client().chat.completions.create({ model: 'nobody', messages })).rejects.toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    await expect(client().chat.completions.create({ model: `${character.id}/missing`, messages })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client().chat.completions.create({ model: character.id, messages, n: 2 })).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'n' });
    await expect(client().chat.completions.create({ model: character.id, messages: [{ role: 'tool', content: 'x', tool_call_id: 't' }] }))
      .rejects.toMatchObject({ status: 400, param: 'messages.0.role' });
  });

  it('requires the token as the API key in remote mode: 401 without it', async () => {
    await expect(client({ running: remote, apiKey: 'not-the-token-at-all' }).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const page = await client({ running: remote, apiKey: TOKEN }).models.list();
    expect(page.data.map((m) => m.id)).toContain(character.id);
  });

  it('refuses a request from a foreign Origin with 403', async () => {
    const foreign = client({ headers: { Origin: 'https://evil.example' } });
    await expect(foreign.models.list()).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(foreign.chat.completions.create({ model: character.id, messages })).rejects.toMatchObject({ status: 403 });
  });
});

describe('the /v1 API without a model', () => {
  it('answers 503 while no model can be loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studio-openai-empty-'));
    const empty = await createStudio({ dataDir: join(dir, 'data'), transport: 'serve' });
    const running = await startServer(empty, { host: '127.0.0.1', port: 0, allowRemote: false, rendererDir: dir });
    try {
      const someone = await empty.services.characters.create({ name: 'Nobody' });
      await expect(client({ running }).chat.completions.create({ model: someone.id, messages }))
        .rejects.toMatchObject({ status: 503, code: 'model_not_loaded' });
    } finally {
      await running.close();
      await empty.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
