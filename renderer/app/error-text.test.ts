import { describe, expect, it } from 'vitest';
import { STUDIO_ERROR_CODES, type WireError } from '../../shared/contract/errors';
import { errorStrings } from './error-strings';
import { describeError } from './error-text';

// A translator over the errors namespace alone, as i18next resolves it (`{{name}}` placeholders).
const translator = (language: 'en' | 'zh-CN') => (key: string, values: Record<string, string | number> = {}): string => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], errorStrings[language]);
  if (typeof text !== 'string') throw new Error(`no ${language} string for ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

describe('errors in the user language', () => {
  it('has a Chinese sentence for every error code, unlike the English one', () => {
    for (const code of STUDIO_ERROR_CODES) {
      const zh = describeError({ code, message: 'the English detail' }, 'zh-CN', translator('zh-CN'));
      expect(zh).toContain(errorStrings['zh-CN'].code[code]);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(errorStrings['zh-CN'].code[code]).not.toBe(errorStrings.en.code[code]);
      expect(errorStrings.en.code[code].length).toBeGreaterThan(0);
    }
  });

  it('names the file, line and field the error is about in Chinese, and keeps the English detail', () => {
    const wire: WireError = { code: 'bad_file', message: 'a.jsonl line 3: not JSON', where: { file: 'a.jsonl', line: 3, field: 'bot_info' } };
    expect(describeError(wire, 'zh-CN', translator('zh-CN'))).toBe('这个文件无法使用（文件 a.jsonl，第 3 行，字段 bot_info）。详情（英文）：a.jsonl line 3: not JSON');
  });

  it('keeps the service message in English (the CLI and the logs say the same), or words the code when there is none', () => {
    expect(describeError({ code: 'conflict', message: 'X was changed elsewhere' }, 'en', translator('en'))).toBe('X was changed elsewhere');
    expect(describeError({ code: 'not_found', message: '' }, 'en', translator('en'))).toBe('Not found');
  });
});
