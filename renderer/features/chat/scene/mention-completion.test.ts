import { describe, expect, it } from 'vitest';
import { completeMention, mentionChoices, mentionDraft } from './mention-completion';

const cast = ['林若溪', '老陆', 'Mira Voss'];

describe('@-completion', () => {
  it('finds the mention being typed before the caret, and none once a space ends it', () => {
    expect(mentionDraft('你好 @老', 5)).toEqual({ start: 3, query: '老' });
    expect(mentionDraft('@老陆 你好', 7)).toBeNull();
    expect(mentionDraft('没有点名', 4)).toBeNull();
  });

  it('offers the names that begin with it, case-insensitively, and nothing for a name typed out', () => {
    expect(mentionChoices(cast, { start: 0, query: '' })).toEqual(cast);
    expect(mentionChoices(cast, { start: 0, query: 'mi' })).toEqual(['Mira Voss']);
    expect(mentionChoices(cast, { start: 0, query: '老陆' })).toEqual([]);
    expect(mentionChoices(cast, null)).toEqual([]);
  });

  it('writes the name in place of the partial word and puts the caret after it', () => {
    const text = '你好 @老，吃了吗';
    const draft = mentionDraft(text, 5)!;
    expect(completeMention(text, 5, draft, '老陆')).toEqual({ text: '你好 @老陆 ，吃了吗', caret: 7 });
  });
});
