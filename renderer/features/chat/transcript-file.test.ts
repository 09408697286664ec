import { describe, expect, it } from 'vitest';
import { transcriptFile } from './transcript-file';

describe('transcript file', () => {
  it('adds the format’s extension unless the name has it', () => {
    expect(transcriptFile('茶馆相遇', 'text')).toEqual({ fileName: '茶馆相遇.txt', mediaType: 'text/plain' });
    expect(transcriptFile('scene.jsonl', 'jsonl')).toEqual({ fileName: 'scene.jsonl', mediaType: 'application/jsonl' });
  });
});
