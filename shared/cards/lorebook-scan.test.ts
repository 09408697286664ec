import { describe, expect, it } from 'vitest';
import { lorebookSchema } from './card-schema';
import { triggeredLore } from './lorebook-scan';

const book = lorebookSchema.parse({
  scan_depth: 2,
  entries: [
    { keys: ['lighthouse'], content: 'The lighthouse is old.', insertion_order: 20 },
    { keys: 'Beacon, signal', content: 'The beacon fails at night.', insertion_order: 10 },
    { keys: ['dragon'], content: 'Dragons only with gold.', selective: true, secondary_keys: ['gold'], insertion_order: 5 },
    { keys: [], content: 'Always true.', constant: true, insertion_order: 30 },
    { keys: ['storm'], content: 'Disabled.', enabled: false },
    { keys: ['/m[ao]ps?/i'], content: 'Maps are drawn by hand.', use_regex: true, insertion_order: 1 },
    { keys: ['Case'], content: 'Case sensitive.', case_sensitive: true },
  ],
});

describe('triggeredLore', () => {
  it('fires entries whose keys are in the recent messages, in insertion order', () => {
    expect(triggeredLore(book, ['Tell me about the LIGHTHOUSE and its beacon.'])).toEqual([
      'The beacon fails at night.',
      'The lighthouse is old.',
      'Always true.',
    ]);
  });

  it('scans only the last scan_depth messages', () => {
    expect(triggeredLore(book, ['lighthouse', 'hello', 'hi'])).toEqual(['Always true.']);
  });

  it('needs a secondary key for selective entries, honours regex and case sensitivity, skips disabled ones', () => {
    expect(triggeredLore(book, ['a dragon'])).toEqual(['Always true.']);
    expect(triggeredLore(book, ['a dragon with gold', 'a storm'])).toEqual(['Dragons only with gold.', 'Always true.']);
    expect(triggeredLore(book, ['old MAPS'])).toEqual(['Maps are drawn by hand.', 'Always true.']);
    expect(triggeredLore(book, ['case'])).toEqual(['Always true.']);
    expect(triggeredLore(book, ['Case'])).toEqual(['Case sensitive.', 'Always true.']);
  });

  it('returns nothing without a book', () => {
    expect(triggeredLore(null, ['anything'])).toEqual([]);
  });
});
