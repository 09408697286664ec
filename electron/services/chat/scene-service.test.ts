import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Character } from '../../../shared/character/character-schema';
import type { ChatPacket } from '../../../shared/contract/domains/chat';
import { correctionDatasetLine } from '../../../shared/chat/dataset-lines';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { parseMessagesJsonl } from '../../../shared/training/parse-messages-jsonl';
import { useTempDir } from '../../test-support/temp-dir';
import { useChatTestStudios } from './test-chat-studio';

const tempDir = useTempDir();
const openStudio = useChatTestStudios();
const never = new AbortController().signal;

async function sceneStudio(dir: string) {
  const s = await openStudio(dir);
  const existing = (await s.characters.list()).find((c) => c.id !== s.character.id);
  const other = existing
    ? await s.characters.get(existing.id)
    : await s.characters.create({
        name: '陆川', nickname: '陆探长', language: 'zh', greeting: '嗯。',
        attributes: { identity: '退休的老探长' } as Character['attributes'],
      });
  return { ...s, other };
}

describe('scenes', () => {
  it('plays turns by the chosen and the picked speaker, each continuing its own KV cache, and lists the scene with both characters', async () => {
    const dir = await tempDir();
    const { chat, character: host, other } = await sceneStudio(dir);
    const scene = await chat.createScene({ participants: [host.id, other.id], withUser: true, description: '雨夜的茶馆', opening: '两位里边请。' });
    expect(scene.scene).toEqual({ participants: [host.id, other.id], withUser: true, description: '雨夜的茶馆' });
    expect(scene.messages[0]).toMatchObject({ role: 'character', speaker: host.id });
    await chat.setSettings(host.id, scene.id, { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 6 } });

    // Next in turn after the host's opening: the other character.
    const packets: ChatPacket[] = [];
    const first = await chat.next({ characterId: host.id, chatId: scene.id }, (p) => packets.push(p), never);
    expect(packets.find((p) => p.type === 'start')).toMatchObject({ speaker: other.id });
    expect(first.chat.messages.at(-1)).toMatchObject({ role: 'character', speaker: other.id });
    const hostTurn = await chat.next({ characterId: host.id, chatId: scene.id }, () => undefined, never);
    expect(hostTurn.chat.messages.at(-1)!.speaker).toBe(host.id);
    // The user calls the other character by name; then the host is chosen by the writer.
    const called = await chat.send({ characterId: host.id, chatId: scene.id, text: `@陆探长 你怎么看？` }, () => undefined, never);
    expect(called.chat.messages.at(-1)!.speaker).toBe(other.id);
    const chosen = await chat.next({ characterId: host.id, chatId: scene.id, speaker: host.id }, () => undefined, never);
    expect(chosen.chat.messages.at(-1)!.speaker).toBe(host.id);

    // Each speaker read only what was said since it last spoke: the detective's second turn evaluates far
    // less than its prompt (its header and the lines it saw stay in its own sequence).
    const detectiveAgain = called.reply.stats;
    expect(detectiveAgain.evaluatedTokens).toBeLessThan(detectiveAgain.promptTokens / 2);
    expect(chosen.reply.stats.evaluatedTokens).toBeLessThan(chosen.reply.stats.promptTokens / 2);

    // Regenerate keeps the speaker of the line it redoes.
    const again = await chat.reply({ characterId: host.id, chatId: scene.id }, 'regenerate', () => undefined, never);
    expect(again.chat.messages.at(-1)).toMatchObject({ speaker: host.id, active: 1 });

    // Two replies side by side for the detective's line (a user line asks for it); the kept one is his.
    await chat.send({ characterId: host.id, chatId: scene.id, text: '陆探长？', speaker: other.id }, () => undefined, never);
    const sampler = { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 6 };
    const compared = await chat.compare({
      characterId: host.id, chatId: scene.id, lanes: [{ sampler: { ...sampler, seed: 1 }, adapter: null }, { sampler: { ...sampler, seed: 2 }, adapter: null }],
    }, () => undefined, never);
    const judged = await chat.judge({
      characterId: host.id, chatId: scene.id, compareId: compared.compareId, keep: 0, verdicts: { consistency: 'a', humanLikeness: 'tie', engagement: 'a' },
    });
    const kept = judged.chat.messages.at(-1)!;
    expect(kept.speaker).toBe(other.id);
    expect(kept.swipes[kept.active]!.text).toBe(compared.replies[0].text);

    expect((await chat.list(host.id)).find((c) => c.id === scene.id)?.scene).toEqual({ host: host.id, participants: [host.id, other.id] });
    expect((await chat.list(other.id)).find((c) => c.id === scene.id)?.scene?.host).toBe(host.id);
    const prompt = await chat.prompt(host.id, scene.id);
    // Show prompt: the prompt of the last line, the detective's, seen from his side.
    expect(prompt.text).toContain(`以下是一段陆探长、${sessionMetaFor(host).botName}和小林之间的对话。`);
    expect(prompt.text).toContain(`[${sessionMetaFor(host).botName}]两位里边请。`);
    expect(prompt.text.endsWith('[陆探长]')).toBe(true);
  });

  it("files a correction of a line with its speaker, rendered with the scene's prompt, and trains on it as that character", async () => {
    const dir = await tempDir();
    const { chat, character: host, other } = await sceneStudio(dir);
    const scene = await chat.createScene({ participants: [host.id, other.id], withUser: false, description: '', opening: '两位里边请。' });
    await chat.setSettings(host.id, scene.id, { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 6 } });
    const line = (await chat.next({ characterId: host.id, chatId: scene.id, speaker: other.id }, () => undefined, never)).chat.messages.at(-1)!;
    const { correction } = await chat.edit(host.id, scene.id, line.id, '掌柜的，后门的灯是谁点的？');
    expect(correction).toMatchObject({ botName: '陆探长', context: [{ speaker: 'user', name: sessionMetaFor(host).botName, text: '两位里边请。' }] });
    expect(correction!.scene!.others.map((o) => o.name)).toEqual([sessionMetaFor(host).botName]);
    expect((await chat.correctionsView(other.id)).items.map((c) => c.id)).toEqual([correction!.id]);
    expect((await chat.correctionsView(host.id)).items).toEqual([]);

    // Through a dataset file and back, the trainer renders the scene's header and the host's tag.
    const exported = await chat.exportDataset({ characterId: other.id, corrections: true, chats: 'all' });
    expect(exported.fromChats).toBe(0);
    const parsed = parseMessagesJsonl(await readFile(exported.file, 'utf8'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.samples[0]!.turns[0]).toEqual({ speaker: 'user', name: sessionMetaFor(host).botName, text: '两位里边请。' });
    expect(parsed.samples[0]!.meta?.scene).toEqual(correction!.scene);
    expect(correctionDatasetLine(sessionMetaFor(other), correction!).characterglm.scene).toEqual(correction!.scene);
  });

  it('branches a scene as a scene, exports its transcript, and lists it no more once deleted (restore brings it back)', async () => {
    const dir = await tempDir();
    const { chat, character: host, other } = await sceneStudio(dir);
    const scene = await chat.createScene({ participants: [host.id, other.id], withUser: true, description: '雨夜', opening: '两位里边请。', title: 'Rain' });
    const said = await chat.send({ characterId: host.id, chatId: scene.id, text: '来壶茶。', speaker: other.id }, () => undefined, never);
    const branch = await chat.branch(host.id, scene.id, said.chat.messages[1]!.id);
    expect(branch.scene).toEqual(scene.scene);
    expect((await chat.list(other.id)).map((c) => c.id).sort()).toEqual([branch.id, scene.id].sort());

    const text = await chat.transcript(host.id, scene.id, 'text');
    expect(text.name).toBe('rain.txt');
    expect(text.content.split('\n').slice(0, 5)).toEqual(['Rain', '雨夜', '', `${sessionMetaFor(host).botName}: 两位里边请。`, '小林: 来壶茶。']);
    const jsonl = (await chat.transcript(host.id, scene.id, 'jsonl')).content.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl.at(-1)).toMatchObject({ role: 'character', characterId: other.id, speaker: '陆探长' });

    await chat.remove(host.id, scene.id);
    expect((await chat.list(other.id)).map((c) => c.id)).toEqual([branch.id]);
    await chat.restore(host.id, scene.id);
    expect((await chat.list(other.id)).map((c) => c.id)).toContain(scene.id);
    await expect(chat.next({ characterId: host.id, chatId: scene.id, speaker: 'nobody' }, () => undefined, never)).rejects.toThrow('nobody is not in the scene "Rain"');
    const before = (await chat.get(host.id, scene.id)).messages.length;
    await expect(chat.send({ characterId: host.id, chatId: scene.id, text: '喂', speaker: 'nobody' }, () => undefined, never)).rejects.toThrow('nobody is not in the scene');
    expect((await chat.get(host.id, scene.id)).messages).toHaveLength(before);
    const plain = await chat.create(host.id);
    await expect(chat.send({ characterId: host.id, chatId: plain.id, text: '喂', speaker: other.id }, () => undefined, never)).rejects.toThrow('only a scene takes a speaker');
    await expect(chat.next({ characterId: host.id, chatId: plain.id }, () => undefined, never)).rejects.toThrow('a chat with one character');
    expect(await readFile(join(dir, 'characters', other.id, 'chats', `${scene.id}.scene`), 'utf8')).toBe(JSON.stringify({ host: host.id }));
  });
});
