import { describe, expect, it } from 'vitest';
import { resolveLanguage } from './i18n';

describe('resolveLanguage', () => {
  it('follows the system: Chinese for any zh variant, English otherwise', () => {
    expect(resolveLanguage('system', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['de-DE', 'en-US'])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en'])).toBe('zh-CN');
  });
});
