import { describe, expect, it } from 'vitest';
import { jsonlLine, parseJsonl } from './jsonl';

describe('parseJsonl', () => {
  it('reads every complete line', () => {
    const text = jsonlLine({ a: 1 }) + jsonlLine({ b: '二' });
    expect(parseJsonl(text)).toEqual({ entries: [{ line: 1, value: { a: 1 } }, { line: 2, value: { b: '二' } }], torn: null, bad: [] });
  });

  it('recognises a torn last line (crash mid-append) and keeps every earlier line', () => {
    const good = jsonlLine({ a: 1 }) + jsonlLine({ b: 2 });
    const parsed = parseJsonl(`${good}{"c": "半个`);
    expect(parsed.entries.map((e) => e.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parsed.torn).toEqual({ text: '{"c": "半个', keepChars: good.length });
    expect(parsed.bad).toEqual([]);
  });

  it('accepts a complete last line that only lacks its newline', () => {
    expect(parseJsonl('{"a":1}\n{"b":2}').entries.map((e) => e.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('names a damaged line in the middle by number and still reads the lines after it', () => {
    const parsed = parseJsonl('{"a":1}\nnot json\n{"b":2}\n');
    expect(parsed.entries).toEqual([{ line: 1, value: { a: 1 } }, { line: 3, value: { b: 2 } }]);
    expect(parsed.bad).toHaveLength(1);
    expect(parsed.bad[0]!.line).toBe(2);
    expect(parsed.torn).toBeNull();
  });
});
