import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../prompt/sampling-defaults';
import { chatRecordSchema, type ChatRecordInput } from './chat-records';
import { reduceChat, summarizeChat } from './chat-state';
import { dialogueTurns, greetingTurns } from './chat-turns';

const at = '2024-01-01T00:00:00.000Z';
const later = '2024-01-01T00:01:00.000Z';
const parse = (records: ChatRecordInput[]) => records.map((r) => chatRecordSchema.parse(r));
const header: ChatRecordInput = {
  t: 'chat', v: 1, id: 'c1', characterId: 'su', title: 'Chat 1', createdAt: at, settings: { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: null },
};
const greeting: ChatRecordInput = { t: 'message', id: 'm0', role: 'character', swipes: [{ text: '你好！', at }, { text: 'Hello!', at }], active: 0, at };
const user: ChatRecordInput = { t: 'message', id: 'm1', role: 'user', swipes: [{ text: '在吗？', at }], active: 0, at };

describe('reduceChat', () => {
  it('builds messages with the greeting alternates as swipes', () => {
    const chat = reduceChat(parse([header, greeting, { t: 'select', id: 'm0', swipe: 1 }, user]));
    expect(chat.messages.map((m) => [m.role, m.swipes.length, m.active])).toEqual([['character', 2, 1], ['user', 1, 0]]);
    expect(dialogueTurns(chat.messages)).toEqual([{ speaker: 'character', text: 'Hello!' }, { speaker: 'user', text: '在吗？' }]);
    expect(greetingTurns(chat.messages)).toBe(1);
  });

  it('keeps regenerated replies as swipes and shows the newest', () => {
    const chat = reduceChat(parse([
      header, greeting, user,
      { t: 'reply-start', id: 'm2', swipe: 0, at },
      { t: 'reply-end', id: 'm2', swipe: 0, text: '在的。', stopReason: 'eos' },
      { t: 'reply-start', id: 'm2', swipe: 1, at: later },
      { t: 'reply-end', id: 'm2', swipe: 1, text: '我在呢', stopReason: 'cancelled' },
    ]));
    const reply = chat.messages[2]!;
    expect(reply.swipes.map((s) => [s.text, s.status])).toEqual([['在的。', 'done'], ['我在呢', 'stopped']]);
    expect(reply.active).toBe(1);
    expect(chat.updatedAt).toBe(later);
  });

  it('marks a reply that was streaming when the studio stopped as interrupted, keeping its last saved text', () => {
    const records = parse([header, greeting, user, { t: 'reply-start', id: 'm2', swipe: 0, at }, { t: 'reply-progress', id: 'm2', swipe: 0, text: '在…' }]);
    expect(reduceChat(records).messages[2]!.swipes[0]).toMatchObject({ text: '在…', status: 'interrupted' });
    expect(reduceChat(records, [], false).messages[2]!.swipes[0]!.status).toBe('streaming');
  });

  it('continues a reply from its text, applies edits, deletes, titles and persona', () => {
    const chat = reduceChat(parse([
      header, greeting, user,
      { t: 'reply-start', id: 'm2', swipe: 0, at },
      { t: 'reply-end', id: 'm2', swipe: 0, text: '在的', stopReason: 'length' },
      { t: 'reply-start', id: 'm2', swipe: 0, base: '在的', at },
      { t: 'reply-end', id: 'm2', swipe: 0, text: '在的，怎么了？', stopReason: 'eos' },
      { t: 'edit', id: 'm1', swipe: 0, text: '你在吗？', at },
      { t: 'delete', id: 'm0', at },
      { t: 'title', title: '深夜闲聊' },
      { t: 'persona', persona: { name: '小林' } },
    ]));
    expect(chat.messages.map((m) => m.swipes[m.active]!.text)).toEqual(['你在吗？', '在的，怎么了？']);
    expect(chat.messages[0]!.swipes[0]!.edited).toBe(true);
    expect(chat.title).toBe('深夜闲聊');
    expect(chat.persona).toEqual({ name: '小林' });
    expect(greetingTurns(chat.messages)).toBe(0);
    expect(summarizeChat(chat)).toMatchObject({ title: '深夜闲聊', messageCount: 2, preview: '在的，怎么了？' });
  });
});
