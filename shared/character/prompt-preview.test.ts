import { describe, expect, it } from 'vitest';
import { newCharacter } from './new-character';
import { previewPrompt } from './prompt-preview';
import { estimateTokens } from './token-estimate';

const NOW = '2024-01-01T00:00:00.000Z';

describe('previewPrompt', () => {
  it('renders the first turn of a new chat: header, greeting, the sample message and the open reply', () => {
    const c = newCharacter({ id: 'a', name: '林若溪', now: NOW, greeting: '欢迎光临。', attributes: { identity: '茶馆老板' } });
    const preview = previewPrompt(c, '你好');
    expect(preview.botInfo).toBe('身份：茶馆老板');
    expect(preview.profileText).toBe('以下是一段林若溪和用户之间的对话。\n关于林若溪的信息：身份：茶馆老板');
    expect(preview.promptText).toBe(`${preview.profileText}\n[林若溪]欢迎光临。\n[用户]你好\n[林若溪]`);
    expect(preview.prefixTokens).toEqual(['[gMASK]', 'sop']);
  });

  it('leaves out an empty greeting and an empty message', () => {
    const c = newCharacter({ id: 'a', name: 'A', now: NOW });
    expect(previewPrompt(c, ' ').promptText).toBe('以下是一段A和用户之间的对话。\n[A]');
  });
});

describe('estimateTokens', () => {
  it('counts one token per Chinese character and one per four other characters', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('你好，世界')).toBe(5);
    expect(estimateTokens('hello world!')).toBe(3);
    expect(estimateTokens('[林若溪]hi')).toBe(3 + 1);
  });
});
