import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatState } from '../../../shared/chat/chat-state';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { displayMessages } from './display-messages';

const msg = (id: string, role: ChatMessage['role'], ...texts: string[]): ChatMessage => ({
  id, role, swipes: texts.map((text) => ({ text, status: 'done', at: '' })), active: texts.length - 1, at: '',
});
const chat = (messages: ChatMessage[]): ChatState => ({
  id: 'c', characterId: 'x', title: '', createdAt: '', updatedAt: '', branchedFrom: null, persona: null,
  settings: { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: null }, messages, problems: [],
});

describe('displayMessages', () => {
  it('shows the sent message and a new streaming reply after it', () => {
    const shown = displayMessages(chat([msg('g', 'character', '你好')]), msg('u', 'user', '在吗'), { messageId: 'r', swipe: 0, base: '', text: '在' });
    expect(shown.map((m) => [m.id, m.swipes[m.active]!.text, m.swipes[m.active]!.status])).toEqual([
      ['g', '你好', 'done'], ['u', '在吗', 'done'], ['r', '在', 'streaming'],
    ]);
  });

  it('gives a new streaming reply in a scene its speaker', () => {
    const shown = displayMessages(chat([msg('g', 'character', '你好')]), null, { messageId: 'r', swipe: 0, base: '', text: '嗯', speaker: 'lu' });
    expect(shown[1]!.speaker).toBe('lu');
  });

  it('streams a regeneration into a new swipe and a continuation onto the reply', () => {
    const base = chat([msg('u', 'user', '在吗'), msg('r', 'character', '在的')]);
    const regen = displayMessages(base, null, { messageId: 'r', swipe: 1, base: '', text: '嗯' });
    expect(regen[1]!.swipes.map((s) => s.text)).toEqual(['在的', '嗯']);
    expect(regen[1]!.active).toBe(1);
    const cont = displayMessages(base, null, { messageId: 'r', swipe: 0, base: '在的', text: '，怎么了' });
    expect(cont[1]!.swipes[0]!.text).toBe('在的，怎么了');
  });
});
