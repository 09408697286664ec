import { describe, expect, it } from 'vitest';
import { CHAT_TITLE_MAX, fitTitle } from './chat-records';

describe('fitTitle', () => {
  it('keeps a title that fits as it is, with its mark after a space', () => {
    expect(fitTitle('雨夜')).toBe('雨夜');
    expect(fitTitle('雨夜', '↳')).toBe('雨夜 ↳');
  });

  it('cuts a long title to the limit with an ellipsis, keeping the mark whole', () => {
    const long = '长'.repeat(CHAT_TITLE_MAX + 5);
    expect(fitTitle(long)).toHaveLength(CHAT_TITLE_MAX);
    expect(fitTitle(long).endsWith('长…')).toBe(true);
    const branched = fitTitle(long, '⟳');
    expect(branched).toHaveLength(CHAT_TITLE_MAX);
    expect(branched.endsWith('长… ⟳')).toBe(true);
    expect(fitTitle('长'.repeat(CHAT_TITLE_MAX - 2), '↳')).toBe(`${'长'.repeat(CHAT_TITLE_MAX - 2)} ↳`);
  });
});
