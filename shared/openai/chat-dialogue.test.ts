import { describe, expect, it } from 'vitest';
import type { Character } from '../character/character-schema';
import { newCharacter } from '../character/new-character';
import { sessionMetaFor } from '../character/render-profile';
import { renderReplyPrompt } from '../runtime/reply-prompt';
import { chatDialogue } from './chat-dialogue';
import { chatCompletionRequestSchema, type ChatMessageInput } from './openai-requests';

const character: Character = newCharacter({
  id: 'su', now: '2024-01-01T00:00:00.000Z', name: '苏梦远', profileMode: 'freeText',
  freeTextProfile: '苏梦远是一位当红的歌手，性格活泼。', user: { name: '小林', info: '一名大学生' },
});

const messages = (list: unknown[]): ChatMessageInput[] => chatCompletionRequestSchema.parse({ model: 'su', messages: list }).messages;

describe('chatDialogue (golden)', () => {
  it('renders system messages into bot_info and the name fields as the speakers, through the studio prompt code', () => {
    const dialogue = chatDialogue(character, messages([
      { role: 'system', content: '你正在和粉丝聊天。\n回答要简短。' },
      { role: 'assistant', name: '梦远', content: '你好呀！' },
      { role: 'user', name: '阿杰', content: '最近\n在忙什么？' },
      { role: 'assistant', name: '梦远', content: '在准备演唱会。' },
      { role: 'developer', content: '不要提到经纪人。' },
      { role: 'user', name: '阿杰', content: [{ type: 'text', text: '在哪里开？' }] },
    ]));
    expect(renderReplyPrompt(dialogue.meta, dialogue.turns)).toBe([
      '以下是一段梦远和阿杰之间的对话。',
      '关于梦远的信息：苏梦远是一位当红的歌手，性格活泼。 你正在和粉丝聊天。 回答要简短。 不要提到经纪人。',
      '关于阿杰的信息：一名大学生',
      '[梦远]你好呀！',
      '[阿杰]最近 在忙什么？',
      '[梦远]在准备演唱会。',
      '[阿杰]在哪里开？',
      '[梦远]',
    ].join('\n'));
    expect(dialogue.keepFirst).toBe(1);
  });

  it('without system messages or names is the character exactly as the studio chat sends it', () => {
    const dialogue = chatDialogue(character, messages([{ role: 'user', content: '你好' }, { role: 'assistant', content: null }]));
    expect(dialogue.meta).toEqual(sessionMetaFor(character));
    expect(dialogue.turns).toEqual([{ speaker: 'user', text: '你好' }, { speaker: 'character', text: '' }]);
    expect(dialogue.keepFirst).toBe(0);
  });

  it('refuses user names that disagree (the format has one user), naming both', () => {
    expect(() => chatDialogue(character, messages([{ role: 'user', name: '阿杰', content: 'a' }, { role: 'user', name: 'Ann', content: 'b' }])))
      .toThrow(expect.objectContaining({ name: 'OpenAiError', status: 400, param: 'messages', message: expect.stringContaining('"阿杰" and "Ann"') }));
  });

  it('keeps one opening while a conversation grows, and another for another system prompt', () => {
    const start = [{ role: 'system', content: '简短' }, { role: 'user', content: '你好' }];
    const first = chatDialogue(character, messages(start)).opening;
    const later = chatDialogue(character, messages([...start, { role: 'assistant', content: '嗨' }, { role: 'user', content: '在吗' }])).opening;
    const other = chatDialogue(character, messages([{ role: 'system', content: '详细' }, ...start.slice(1)])).opening;
    expect(later).toBe(first);
    expect(other).not.toBe(first);
  });
});
