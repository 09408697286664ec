import { describe, expect, it } from 'vitest';
import { flattenText } from '../../../shared/prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { useTempDir } from '../../test-support/temp-dir';
import { useChatTestStudios } from './test-chat-studio';

const tempDir = useTempDir();
const openStudio = useChatTestStudios();
const never = new AbortController().signal;
const CONTEXT = 512;

async function longChat() {
  const dir = await tempDir();
  const s = await openStudio(dir, undefined, CONTEXT);
  const { chat, character } = s;
  const created = await chat.create(character.id, 'Long chat');
  await chat.setSettings(character.id, created.id, { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 16, seed: 7 } });
  await chat.setMemorySettings(character.id, created.id, { summary: true, summaryTokens: 48 });
  await chat.characterFacts.set(character.id, [{ id: 'f-tea', text: '小林是茶馆的常客' }]);
  const send = async (text: string) => {
    const result = await chat.send({ characterId: character.id, chatId: created.id, text }, () => undefined, never);
    await chat.memoryIdle(character.id, created.id);
    return result;
  };
  return { ...s, dir, chatId: created.id, send };
}

describe('chat memory on the tiny model with a small context', () => {
  it('keeps pinned facts and a model-written summary in the exact prompt, and the turns after it reuse the KV cache', async () => {
    const { chat, character, chatId, send } = await longChat();
    const first = await send('我叫小林，下周三要去杭州。');
    const pinned = await chat.pin(character.id, chatId, first.chat.messages[1]!.id);
    expect(pinned.memory.facts.map((f) => f.text)).toEqual(['我叫小林，下周三要去杭州。']);

    let turn = 0;
    let state = pinned;
    while (!state.memory.summary && turn < 40) {
      await send(`第${turn}个问题：你还记得我们第一次见面时说了什么吗？`);
      // Read again: the summary was appended after the reply's own result.
      state = await chat.get(character.id, chatId);
      turn++;
    }
    const summary = state.memory.summary;
    expect(summary, `no summary after ${turn} turns: ${(await chat.memoryStatus(character.id, chatId)).failure}`).not.toBeNull();
    expect(summary!.by).toBe('model');
    expect(summary!.text.trim()).not.toBe('');
    const coveredIndex = state.messages.findIndex((m) => m.id === summary!.through);
    expect(coveredIndex).toBeGreaterThan(1);

    const prompt = await chat.prompt(character.id, chatId);
    // Facts (the character's, then the chat's) and the summary end the profile line, in that order.
    expect(prompt.text.split('\n')[1]).toMatch(
      new RegExp(`记住：小林是茶馆的常客；我叫小林，下周三要去杭州。 此前的对话：${escape(flattenText(summary!.text).trim())}$`),
    );
    expect(prompt.droppedTurns).toBeGreaterThanOrEqual(coveredIndex);
    expect(prompt.text).not.toContain('第0个问题');
    expect(prompt.memoryTokens).toBeGreaterThan(0);
    expect(prompt.fits).toBe(true);

    // Training sees what chat showed: the stretch after the summary is rendered with it, without the turns it covers.
    const exported = await chat.exportDataset({ characterId: character.id, corrections: false, chats: [chatId] });
    expect(exported.lines).toBeGreaterThanOrEqual(2);
    const lines = exported.content.trim().split('\n').map((l) => JSON.parse(l) as { characterglm: { bot_info: string }; messages: { content: string }[] });
    expect(lines[0]!.characterglm.bot_info).not.toContain('此前的对话');
    expect(lines[0]!.characterglm.bot_info).toContain('记住：小林是茶馆的常客；我叫小林，下周三要去杭州。');
    expect(lines.at(-1)!.characterglm.bot_info).toContain(`此前的对话：${flattenText(summary!.text).trim()}`);
    expect(lines.at(-1)!.messages.map((m) => m.content).join('')).not.toContain('第0个问题');
    const lastReply = state.messages.at(-1)!;
    const { correction } = await chat.edit(character.id, chatId, lastReply.id, '我记得，你叫小林。');
    expect(correction!.memory).toEqual({ facts: ['小林是茶馆的常客', '我叫小林，下周三要去杭州。'], summary: summary!.text });
    expect(correction!.context.map((t) => t.text).join('')).not.toContain('第0个问题');
    const withCorrection = await chat.exportDataset({ characterId: character.id, corrections: true, chats: 'none' });
    expect(JSON.parse(withCorrection.content.trim()).characterglm.bot_info).toContain(`此前的对话：${flattenText(summary!.text).trim()}`);

    // The turn that takes up the new summary re-reads from it once; the next ones read only their new line.
    const taking = (await send('那我们继续聊吧。')).reply.stats;
    expect(taking.reusedTokens).toBeGreaterThan(0);
    expect(taking.droppedTurns).toBeGreaterThanOrEqual(coveredIndex - 1);
    for (const text of ['你最喜欢的茶是什么？', '杭州的天气怎么样？']) {
      const stats = (await send(text)).reply.stats;
      if ((await chat.get(character.id, chatId)).memory.summary?.at !== summary!.at) break;
      expect(stats.reusedTokens).toBeGreaterThan(prompt.tokens / 2);
      expect(stats.evaluatedTokens).toBeLessThan(40);
    }
  });

  it('re-reads once after the writer edits the summary, then reuses the cache again', async () => {
    const { chat, character, chatId, send } = await longChat();
    await send('你好，我是小林。');
    await chat.setSummary(character.id, chatId, '小林说他喜欢乌龙茶。');
    const edited = (await send('你还记得我喜欢什么茶吗？')).reply.stats;
    const after = (await send('那你呢？')).reply.stats;
    const again = (await send('好的。')).reply.stats;
    // The first turn after the edit reads from the summary on (the whole dialogue); the next ones only their line.
    await chat.setSummary(character.id, chatId, '小林说他喜欢红茶。');
    const reEdited = (await send('我记错了，是红茶。')).reply.stats;
    expect(edited.evaluatedTokens).toBeGreaterThan(after.evaluatedTokens + 20);
    expect(after.evaluatedTokens).toBeLessThan(40);
    expect(again.evaluatedTokens).toBeLessThan(40);
    expect(reEdited.evaluatedTokens).toBeGreaterThan(again.evaluatedTokens + 20);
    expect(reEdited.reusedTokens).toBeGreaterThan(0);
    expect(edited.promptTokens).toBeGreaterThan(0);
    const state = await chat.get(character.id, chatId);
    expect(state.memory.summary).toMatchObject({ text: '小林说他喜欢红茶。', by: 'writer' });
    expect(state.memory.history.map((h) => h.text)).toEqual(['小林说他喜欢乌龙茶。']);
    expect((await chat.prompt(character.id, chatId)).text).toContain('此前的对话：小林说他喜欢红茶。');
  });

  it('closing the studio stops a summary being written and saves nothing of it', async () => {
    // The same chat twice: the first run finds the turn after which a summary is written, the second closes
    // the studio right after that turn's reply, while its summary is being written.
    const lines = Array.from({ length: 40 }, (_, i) => `第${i}个问题：你还记得我们第一次见面时说了什么吗？`);
    const first = await longChat();
    let due = -1;
    for (const [i, text] of lines.entries()) {
      await first.send(text);
      if ((await first.chat.get(first.character.id, first.chatId)).memory.summary) {
        due = i;
        break;
      }
    }
    expect(due).toBeGreaterThan(0);
    const second = await longChat();
    for (const text of lines.slice(0, due)) await second.send(text);
    await second.chat.send({ characterId: second.character.id, chatId: second.chatId, text: lines[due]! }, () => undefined, never);
    expect(second.chat.summaries.isWriting(second.character.id, second.chatId)).toBe(true);
    await second.chat.close();
    expect((await second.chat.get(second.character.id, second.chatId)).memory.summary).toBeNull();
    // Closed: no summary starts after it either.
    await second.send('还在吗？');
    expect(second.chat.summaries.isWriting(second.character.id, second.chatId)).toBe(false);
    expect((await second.chat.get(second.character.id, second.chatId)).memory.summary).toBeNull();
  });

  it('carries the summary and facts into a new chat, and keeps them across a restart', async () => {
    const { chat, character, chatId, dir, engine, runtime } = await longChat();
    await chat.setFacts(character.id, chatId, [{ id: 'f1', text: '约定周三见面' }, { id: 'f2', text: '小林怕猫' }]);
    await chat.setFacts(character.id, chatId, [{ id: 'f2', text: '小林怕猫' }, { id: 'f1', text: '约定周三在茶馆见面' }]);
    await chat.setSummary(character.id, chatId, '他们约好了见面。');
    const carried = await chat.fromMemory(character.id, chatId);
    expect(carried.id).not.toBe(chatId);
    expect(carried.memory.facts.map((f) => f.text)).toEqual(['小林怕猫', '约定周三在茶馆见面']);
    expect(carried.memory.summary).toMatchObject({ text: '他们约好了见面。', through: null });
    expect(carried.messages).toHaveLength(1);

    // The restart: the first service goes, the second reads the same folder on the same runtime.
    const reopened = await openStudio(dir, runtime, CONTEXT);
    await chat.close();
    await engine.dispose();
    const again = await reopened.chat.get(character.id, carried.id);
    expect(again.memory).toEqual(carried.memory);
    expect((await reopened.chat.memoryStatus(character.id, carried.id)).characterFacts.map((f) => f.text)).toEqual(['小林是茶馆的常客']);
    const prompt = await reopened.chat.prompt(character.id, carried.id);
    expect(prompt.text).toContain('记住：小林是茶馆的常客；小林怕猫；约定周三在茶馆见面。 此前的对话：他们约好了见面。');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
