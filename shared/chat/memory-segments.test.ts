import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-state';
import { emptyMemory, withSummary, type ChatMemory } from './memory';
import { memorySegments } from './memory-segments';

const msg = (id: string, role: ChatMessage['role']): ChatMessage => ({ id, role, swipes: [{ text: id, status: 'done', at: '' }], active: 0, at: '' });
const messages = [msg('g', 'character'), msg('u1', 'user'), msg('c1', 'character'), msg('u2', 'user'), msg('c2', 'character'), msg('u3', 'user'), msg('c3', 'character')];
const ids = (segment: { messages: ChatMessage[] }) => segment.messages.map((m) => m.id);

describe('memorySegments', () => {
  it('is the whole chat with its facts when there is no summary', () => {
    const memory: ChatMemory = { ...emptyMemory(), facts: [{ id: 'f', text: '小林怕猫' }] };
    expect(memorySegments({ messages, memory }, ['常客'])).toEqual([{ messages, memory: { facts: ['常客', '小林怕猫'], summary: '' } }]);
  });

  it('cuts at each summary boundary, keeps the greeting, and lets the writer’s edit stand for the model’s', () => {
    let memory = withSummary(emptyMemory(), { text: 'A', through: 'c1', by: 'model', at: '1' });
    memory = withSummary(memory, { text: 'B', through: 'c2', by: 'model', at: '2' });
    memory = withSummary(memory, { text: 'B edited', through: 'c2', by: 'writer', at: '3' });
    const segments = memorySegments({ messages, memory }, []);
    expect(segments.map(ids)).toEqual([['g', 'u1', 'c1'], ['g', 'u2', 'c2'], ['g', 'u3', 'c3']]);
    expect(segments.map((s) => s.memory.summary)).toEqual(['', 'A', 'B edited']);
  });

  it('holds a carried summary (covering none of this chat) from the start, and skips one of deleted messages', () => {
    let memory = withSummary(emptyMemory(), { text: 'carried', through: null, by: 'writer', at: '1' });
    memory = withSummary(memory, { text: 'gone', through: 'deleted', by: 'model', at: '2' });
    expect(memorySegments({ messages, memory }, []).map((s) => [ids(s).length, s.memory.summary])).toEqual([[7, 'carried']]);
  });
});
