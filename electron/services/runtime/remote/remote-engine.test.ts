import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../../shared/prompt/sampling-defaults';
import type { ReplyPacket } from '../../../../shared/runtime/generation';
import { startLlamaServer, type TestLlamaServer } from '../../../test-support/llama-server';
import { writeTinyModel } from '../../models/demo-model';
import { ChatEngine, type ReplyRequest } from '../chat-engine';
import type { LlamaRuntime } from '../llama-runtime';
import { tinyRuntime, TEST_THREADS } from '../test-runtime';
import { writeTinyLora } from '../tiny-lora';
import { RemoteEngine, type RemoteConfig } from './remote-engine';

// The studio as a client of llama.cpp's own llama-server (a real one, built from the bundled source and
// started here on loopback with the tiny model and an adapter): the prompt it sends is the local engine's,
// so greedy replies match the local engine's word for word, with and without the adapter.

const never = new AbortController().signal;
const KEY = 'test-key-0123456789abcdef';

let dir: string;
let server: TestLlamaServer;
let runtime: LlamaRuntime;
let local: ChatEngine;
let lora: string;

const request = (extra: Partial<ReplyRequest> = {}): ReplyRequest => ({
  session: 'remote-test', kvFile: null, meta: { botName: '小花', userName: '小林', botInfo: '茶馆老板，说话温和。', userInfo: '常来喝茶的客人' },
  turns: [{ speaker: 'character', text: '欢迎光临，今天想喝点什么？' }, { speaker: 'user', text: '你好，今天有什么茶？' }], keepFirst: 1, partial: '',
  sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, temperature: 0, maxTokens: 12, seed: 1, banEos: true }, adapter: null, ...extra,
});
const engine = (config: Partial<RemoteConfig> = {}): RemoteEngine => new RemoteEngine(async () => ({ url: server.url, apiKey: KEY, model: '', ...config }));

beforeAll(async () => {
  // one folder for the whole file: the server holds its model and adapter open throughout
  dir = await mkdtemp(join(tmpdir(), 'studio-remote-'));
  ({ runtime } = await tinyRuntime(dir));
  const model = join(dir, 'tiny-default.gguf');
  lora = join(dir, 'adapter.gguf');
  // llama-server parses every reply as text and ends one that is not valid UTF-8 with an error; random
  // weights often produce stray bytes, and seed 3 is one whose greedy reply here is valid text
  await writeTinyLora(lora, 3);
  server = await startLlamaServer({ model, lora: [lora], apiKey: KEY, threads: TEST_THREADS, contextSize: 1024 });
  local = new ChatEngine(runtime);
}, 15 * 60_000);

afterAll(async () => {
  await server?.stop();
  await local?.dispose();
  await runtime?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('RemoteEngine against llama-server', { timeout: 120_000 }, () => {
  it('streams the reply the local engine gives, with the server counting the prompt and the reply', async () => {
    const packets: ReplyPacket[] = [];
    const remote = await engine().reply(request(), (p) => packets.push(p), never);
    const here = await local.reply(request(), () => undefined, never);
    expect(remote.text).toBe(here.text);
    expect(remote.text.length).toBeGreaterThan(0);
    expect(packets[0]).toMatchObject({ type: 'prompt' });
    expect(packets.filter((p) => p.type === 'token').map((p) => (p as { text: string }).text).join('')).toBe(remote.text);
    // the server's usage: the same prompt tokens as read here, and max tokens generated (end-of-sequence banned)
    expect(remote.stats.promptTokens).toBe(here.stats.promptTokens);
    expect(remote.stats.generatedTokens).toBe(12);
    expect(remote.stopReason).toBe('length');
    expect(remote.stats.contextSize).toBe((await engine().check()).contextSize);
  });

  it("applies the chat's adapter per request, and no adapter when the chat has none (the server loaded it at scale 1)", async () => {
    const adapter = { path: lora, scale: 1 };
    const remote = engine();
    const withAdapter = await remote.reply(request({ adapter }), () => undefined, never);
    const without = await remote.reply(request(), () => undefined, never);
    expect(withAdapter.text).toBe((await local.reply(request({ adapter, session: 'with-adapter' }), () => undefined, never)).text);
    expect(without.text).toBe((await local.reply(request({ session: 'without' }), () => undefined, never)).text);
    expect(withAdapter.text).not.toBe(without.text);
  });

  it('compares two lanes side by side: each lane gets the reply it would get alone', async () => {
    const adapter = { path: lora, scale: 1 };
    const lanes = [{ sampler: request().sampler, adapter: null }, { sampler: request().sampler, adapter }] as const;
    const seen: [string, string] = ['', ''];
    const [a, b] = await engine().replyPair(request(), lanes, (lane, p) => void (p.type === 'token' && (seen[lane] += p.text)), never);
    expect(a.text).toBe((await engine().reply(request(), () => undefined, never)).text);
    expect(b.text).toBe((await engine().reply(request({ adapter }), () => undefined, never)).text);
    expect(seen).toEqual([a.text, b.text]);
  });

  it('says plainly when the server has no copy of an adapter', async () => {
    await expect(engine().reply(request({ adapter: { path: join(dir, 'adapters', 'gentle', 'adapter.gguf'), scale: 1 } }), () => undefined, never))
      .rejects.toThrow(/the remote server has no adapter "gentle" loaded: start llama-server with --lora/);
  });

  it('stops when asked, keeping what was shown, and the server answers the next request', async () => {
    const stop = new AbortController();
    let shown = '';
    const long = request({ sampler: { ...request().sampler, maxTokens: 400 } });
    const stopped = await engine().reply(long, (p) => {
      if (p.type !== 'token') return;
      shown += p.text;
      if (shown.length > 4) stop.abort();
    }, stop.signal);
    expect(stopped.stopReason).toBe('cancelled');
    expect(stopped.text).toBe(shown.trimEnd());
    expect(stopped.stats.generatedTokens).toBeLessThan(400);
    expect((await engine().reply(request(), () => undefined, never)).text.length).toBeGreaterThan(0);
  });

  it('names a refused key, an unknown model and a server that is not there', async () => {
    await expect(engine({ apiKey: null }).reply(request(), () => undefined, never)).rejects.toMatchObject({
      code: 'unauthorized', message: expect.stringMatching(/refused the request \(401\).*: it needs an API key in Settings → Runtime/),
    });
    await expect(engine({ apiKey: 'wrong-key-0123456789' }).reply(request(), () => undefined, never)).rejects.toThrow(/check the API key in Settings → Runtime/);
    await expect(engine({ model: 'no-such-model' }).reply(request(), () => undefined, never)).rejects.toThrow(/has no model "no-such-model" \(it lists .+tiny-default\.gguf\)/);
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    await expect(engine({ url: `http://127.0.0.1:${port}/v1` }).reply(request(), () => undefined, never))
      .rejects.toThrow(new RegExp(`cannot reach the remote server at http://127.0.0.1:${port}/v1 \\(ECONNREFUSED\\)`));
  });

  it('shows the exact prompt it sends, fitted to the server context', async () => {
    const preview = await engine().preview(request());
    expect(preview.text.startsWith('[gMASK]sop以下是一段小花和小林之间的对话。')).toBe(true);
    expect(preview.text.endsWith('\n[小林]你好，今天有什么茶？\n[小花]')).toBe(true);
    expect(preview.tokens).toBe((await local.preview(request())).tokens);
    // a history longer than the server's window: the oldest turns leave, the greeting stays
    const turns = [request().turns[0]!, ...Array.from({ length: 80 }, (_, i) => ({ speaker: i % 2 ? 'character' as const : 'user' as const, text: `第${i}句话，说得很长很长很长。` }))];
    const fitted = await engine().preview(request({ turns }));
    expect(fitted.droppedTurns).toBeGreaterThan(0);
    expect(fitted.fits).toBe(true);
    expect(fitted.text).toContain('[小花]欢迎光临');
    expect(fitted.tokens).toBeLessThanOrEqual(fitted.contextSize);
    expect(fitted.contextSize).toBe(1024);
    expect((await engine().check()).contextSize).toBe(1024);
  });

  it('names the failure when the server dies mid-reply', async () => {
    const model = join(dir, 'tiny-dying.gguf');
    await writeTinyModel(model);
    const dying = await startLlamaServer({ model, threads: TEST_THREADS });
    const remote = new RemoteEngine(async () => ({ url: dying.url, apiKey: null, model: '' }));
    let tokens = 0;
    await expect(remote.reply(request({ sampler: { ...request().sampler, maxTokens: 2000 } }), (p) => {
      if (p.type === 'token' && ++tokens === 3) dying.kill();
    }, never)).rejects.toThrow(/the remote server at http:\/\/127\.0\.0\.1:\d+\/v1 (dropped the reply|closed the reply before it ended)/);
    await dying.stop();
  });
});
