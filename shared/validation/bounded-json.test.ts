import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonTextDepthProblem, jsonValueProblem, withinJsonBounds } from './bounded-json';

const deepText = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bounded JSON', () => {
  it('measures the nesting of text without parsing it, ignoring brackets inside strings', () => {
    expect(jsonTextDepthProblem('{"a":[1,{"b":[]}]}', 4)).toBeNull();
    expect(jsonTextDepthProblem('{"a":[1,{"b":[]}]}', 3)).toBe('nested deeper than 3 levels');
    expect(jsonTextDepthProblem('{"a":"[[[[[[\\"[[[["}', 1)).toBeNull();
    // A million levels: a loop, not recursion, so no stack overflow.
    expect(jsonTextDepthProblem(deepText(1_000_000), 64)).toBe('nested deeper than 64 levels');
  });

  it('measures a parsed value by depth and size, also 100,000 levels deep', () => {
    const deep = JSON.parse(deepText(100_000)) as unknown;
    expect(jsonValueProblem(deep, { maxDepth: 8, maxBytes: 65536 })).toBe('nested deeper than 8 levels');
    expect(jsonValueProblem({ rank: 8, targets: ['q', 'v'] }, { maxDepth: 2, maxBytes: 65536 })).toBeNull();
    expect(jsonValueProblem({ a: 'x'.repeat(70_000) }, { maxDepth: 8, maxBytes: 65536 })).toBe('larger than 64 KB');
    expect(jsonValueProblem(new Array(1_000_000).fill(0), { maxDepth: 8, maxBytes: 65536 })).toBe('larger than 64 KB');
  });

  it('wraps a schema so its refusal names the field', () => {
    const schema = z.object({ settings: withinJsonBounds(z.record(z.string(), z.unknown()), { maxDepth: 8, maxBytes: 65536 }) });
    expect(schema.safeParse({ settings: { rank: 8 } }).success).toBe(true);
    const result = schema.safeParse({ settings: { x: JSON.parse(deepText(100_000)) as unknown } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['settings'], message: 'nested deeper than 8 levels' });
  });
});
