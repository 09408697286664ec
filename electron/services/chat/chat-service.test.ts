import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaneSpec } from '../../../shared/chat/evaluation';
import type { ChatPacket } from '../../../shared/contract/domains/chat';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyLora } from '../runtime/tiny-lora';
import { modelSha256 } from '../training/model-hash';
import { useChatTestStudios } from './test-chat-studio';

const tempDir = useTempDir();
const openStudio = useChatTestStudios();
const never = new AbortController().signal;
const sampler = { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 16 };

async function studio(dir?: string) {
  const s = await openStudio(dir ?? (await tempDir()));
  return s;
}

describe('ChatService', () => {
  it('opens with the greeting (alternates as swipes), streams a reply, regenerates it as a swipe, and reloads after a restart', async () => {
    const dir = await tempDir();
    const { chat, character } = await studio(dir);
    const created = await chat.create(character.id, 'First chat', 1);
    expect(created.messages).toHaveLength(1);
    expect(created.messages[0]!.swipes.map((s) => s.text)).toEqual(['你好呀！今天想聊点什么？', '嗨，又见面了。']);
    expect(created.messages[0]!.active).toBe(1);
    await chat.setSettings(character.id, created.id, { sampler });

    const packets: ChatPacket[] = [];
    const sent = await chat.send({ characterId: character.id, chatId: created.id, text: '最近在忙什么？' }, (p) => packets.push(p), never);
    expect(packets[0]).toMatchObject({ type: 'user', message: { role: 'user' } });
    expect(packets.some((p) => p.type === 'start')).toBe(true);
    const streamed = packets.map((p) => (p.type === 'token' ? p.text : '')).join('').trimEnd();
    const reply = sent.chat.messages.at(-1)!;
    expect(reply.role).toBe('character');
    expect(reply.swipes[0]!.text).toBe(streamed);
    expect(reply.swipes[0]!.stats?.promptTokens).toBe(sent.reply.stats.promptTokens);

    const again = await chat.reply({ characterId: character.id, chatId: created.id }, 'regenerate', () => undefined, never);
    expect(again.chat.messages).toHaveLength(3);
    expect(again.chat.messages.at(-1)!.swipes).toHaveLength(2);
    expect(again.chat.messages.at(-1)!.active).toBe(1);
    await chat.swipe(character.id, created.id, reply.id, 0);

    // A restart: new services and a new runtime on the same folder.
    const restarted = await studio(dir);
    const reloaded = await restarted.chat.get(character.id, created.id);
    expect(reloaded.messages.map((m) => m.swipes.map((s) => s.text))).toEqual(again.chat.messages.map((m) => m.swipes.map((s) => s.text)));
    expect(reloaded.messages.at(-1)!.active).toBe(0);
    expect((await restarted.chat.list(character.id)).map((c) => c.title)).toEqual(['First chat']);
  });

  it('recovers a torn last line (crash mid-append) without losing any earlier line, and marks an interrupted reply', async () => {
    const { chat, character } = await studio();
    const created = await chat.create(character.id);
    await chat.store.append(character.id, created.id, [
      { t: 'message', id: 'u1', role: 'user', swipes: [{ text: '在吗？', at: '2024-01-01T00:00:00Z' }], active: 0, at: '2024-01-01T00:00:00Z' },
      { t: 'reply-start', id: 'r1', swipe: 0, at: '2024-01-01T00:00:01Z' },
      { t: 'reply-progress', id: 'r1', swipe: 0, text: '在的，我刚' },
    ]);
    const file = chat.store.paths(character.id).chat(created.id);
    await appendFile(file, '{"t":"reply-progress","id":"r1","swipe":0,"text":"在的，我刚下');

    const recovered = await chat.get(character.id, created.id);
    expect(recovered.messages.map((m) => m.role)).toEqual(['character', 'user', 'character']);
    expect(recovered.messages[2]!.swipes[0]).toMatchObject({ text: '在的，我刚', status: 'interrupted' });
    expect(recovered.problems.join(' ')).toMatch(/unfinished last line/);
    expect(await readFile(`${file}.torn`, 'utf8')).toContain('在的，我刚下');

    // The file is whole again: the next append starts a clean line and everything reads back.
    const next = await chat.rename(character.id, created.id, '恢复后');
    expect(next.title).toBe('恢复后');
    const again = await chat.get(character.id, created.id);
    expect(again.problems).toEqual([]);
    expect(again.messages).toHaveLength(3);
  });

  it('records a correction when a character reply is edited, and exports corrections and chats as a dataset', async () => {
    const { chat, character } = await studio();
    const created = await chat.create(character.id);
    await chat.setSettings(character.id, created.id, { sampler });
    const sent = await chat.send({ characterId: character.id, chatId: created.id, text: '你好' }, () => undefined, never);
    const reply = sent.chat.messages.at(-1)!;
    const { correction } = await chat.edit(character.id, created.id, reply.id, '你好呀，很高兴见到你！');
    expect(correction).toMatchObject({
      original: reply.swipes[0]!.text, corrected: '你好呀，很高兴见到你！', characterRevision: character.revision,
      context: [{ speaker: 'character', text: '你好呀！今天想聊点什么？' }, { speaker: 'user', text: '你好' }],
    });
    const user = sent.chat.messages[1]!;
    expect((await chat.edit(character.id, created.id, user.id, '你好！')).correction).toBeNull();
    const view = await chat.correctionsView(character.id);
    expect(view.items).toHaveLength(1);
    expect(view.ready).toBe(1);

    const exported = await chat.exportDataset({ characterId: character.id, name: 'fixes', corrections: true, chats: 'all' });
    expect(exported.lines).toBe(2);
    const lines = (await readFile(exported.file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { messages: { role: string; content: string }[] });
    expect(lines.map((l) => l.messages.at(-1))).toEqual([
      { role: 'assistant', content: '你好呀，很高兴见到你！' },
      { role: 'assistant', content: '你好呀，很高兴见到你！' },
    ]);
    expect(lines[0]!.messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'assistant']);

    await chat.corrections.edit(character.id, correction!.id, '改过的回答');
    expect((await chat.correctionsView(character.id)).items[0]!.corrected).toBe('改过的回答');
    await chat.corrections.remove(character.id, correction!.id);
    expect((await chat.correctionsView(character.id)).items).toEqual([]);
  });

  it('branches a chat at a message, deletes and restores chats', async () => {
    const { chat, character } = await studio();
    const created = await chat.create(character.id, 'Main');
    await chat.setSettings(character.id, created.id, { sampler });
    const sent = await chat.send({ characterId: character.id, chatId: created.id, text: '你好' }, () => undefined, never);
    const branch = await chat.branch(character.id, created.id, sent.chat.messages[1]!.id, 'Side');
    expect(branch.branchedFrom).toEqual({ chatId: created.id, messageId: sent.chat.messages[1]!.id });
    expect(branch.messages.map((m) => m.swipes[0]!.text)).toEqual(['你好呀！今天想聊点什么？', '你好']);
    expect(branch.settings.sampler.maxTokens).toBe(16);
    expect((await chat.list(character.id)).map((c) => c.title).sort()).toEqual(['Main', 'Side']);
    await chat.remove(character.id, created.id);
    expect((await chat.list(character.id)).map((c) => c.title)).toEqual(['Side']);
    await chat.restore(character.id, created.id);
    expect((await chat.list(character.id))).toHaveLength(2);
  });

  it('compares two replies for the same turn, logs the verdict with a tally, and keeps the chosen reply', async () => {
    const { chat, character } = await studio();
    const created = await chat.create(character.id);
    await chat.store.append(character.id, created.id, [
      { t: 'message', id: 'u1', role: 'user', swipes: [{ text: '你喜欢什么？', at: '2024-01-01T00:00:00Z' }], active: 0, at: '2024-01-01T00:00:00Z' },
    ]);
    const lanes: [LaneSpec, LaneSpec] = [
      { sampler: { ...sampler, seed: 1 }, adapter: null },
      { sampler: { ...sampler, seed: 2, temperature: 1.2 }, adapter: null },
    ];
    const result = await chat.compare({ characterId: character.id, chatId: created.id, lanes }, () => undefined, never);
    expect(result.labels).toEqual(['base, temperature 0.9', 'base, temperature 1.2']);
    const judged = await chat.judge({
      characterId: character.id, chatId: created.id, compareId: result.compareId, keep: 1,
      verdicts: { consistency: 'b', humanLikeness: 'tie', engagement: 'a' },
    });
    expect(judged.chat.messages.at(-1)!.swipes[0]!.text).toBe(result.replies[1].text);
    expect(judged.evaluations.tally[0]!.dimensions.consistency).toEqual({ bWins: 1, ties: 0, aWins: 0 });
    await expect(chat.judge({
      characterId: character.id, chatId: created.id, compareId: result.compareId, keep: null,
      verdicts: { consistency: 'b', humanLikeness: 'tie', engagement: 'a' },
    })).rejects.toThrow(/no longer waiting/);
  });
  it('refuses an adapter trained on other base weights, naming the model it needs, and uses it on its own base', async () => {
    const dir = await tempDir();
    const { chat, character, runtime } = await studio(dir);
    const adapterDir = join(dir, 'characters', character.id, 'adapters', 'cat');
    await mkdir(adapterDir, { recursive: true });
    await writeTinyLora(join(adapterDir, 'adapter.gguf'), 7, 4, 2);
    const metadata = (sha256: string) => JSON.stringify({
      formatVersion: 1, name: 'cat', createdAt: '2026-01-01T00:00:00Z', characterId: character.id, promptFormat: 'characterglm-v1',
      baseModel: { name: 'CharacterGLM-6B Q4_K_M', sha256, architecture: 'chatglm', quantization: 'Q4_K_M' },
      settings: {}, datasets: [],
      results: { steps: 1, trainTokens: 1, finalTrainLoss: 1, initialHeldOutLoss: null, finalHeldOutLoss: null, elapsedSeconds: 1, tokensPerSecond: 1, peakMemoryBytes: 1, device: 'CPU' },
    });
    await writeFile(join(adapterDir, 'metadata.json'), metadata('0'.repeat(64)));
    const created = await chat.create(character.id);
    await chat.setSettings(character.id, created.id, { sampler, adapter: { name: 'cat', scale: 1 } });
    const send = () => chat.send({ characterId: character.id, chatId: created.id, text: '你好' }, () => undefined, never);
    await expect(send()).rejects.toThrow(/"cat" was trained on CharacterGLM-6B Q4_K_M .* load CharacterGLM-6B Q4_K_M to use this adapter/);
    // What the writer typed stays; only the reply was refused.
    expect((await chat.store.read(character.id, created.id)).messages.map((m) => m.role)).toEqual(['character', 'user']);

    await writeFile(join(adapterDir, 'metadata.json'), metadata(await modelSha256(runtime.currentModel()!.info.path)));
    const sent = await send();
    expect(sent.chat.messages.at(-1)!.role).toBe('character');
  });
});
