import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_FORMAT_VERSION, type SessionMeta } from '../prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../prompt/sampling-defaults';
import type { ChatMessage, ChatState } from './chat-state';
import { chatDatasetLine, correctionDatasetLine } from './dataset-lines';
import { emptyMemory } from './memory';

const meta: SessionMeta = { botName: '苏梦远', userName: '用户', botInfo: '当红歌手', userInfo: '' };
const msg = (id: string, role: ChatMessage['role'], text: string, status: ChatMessage['swipes'][number]['status'] = 'done'): ChatMessage => ({
  id, role, swipes: [{ text, status, at: '' }], active: 0, at: '',
});
const chat = (messages: ChatMessage[]): ChatState => ({
  id: 'c1', characterId: 'su', title: '', createdAt: '', updatedAt: '', branchedFrom: null, persona: null,
  settings: { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: null }, messages, memory: emptyMemory(), problems: [], scene: null,
});

describe('dataset lines', () => {
  it('exports a chat in the messages format, up to the last reply, with the session meta', () => {
    const out = chatDatasetLine(meta, chat([msg('0', 'character', '你好！'), msg('1', 'user', '在吗'), msg('2', 'character', '在的'), msg('3', 'user', '好')]));
    expect(out).toEqual({
      messages: [
        { role: 'system', content: '当红歌手' },
        { role: 'assistant', content: '你好！' },
        { role: 'user', content: '在吗' },
        { role: 'assistant', content: '在的' },
      ],
      characterglm: { bot_name: '苏梦远', user_name: '用户', bot_info: '当红歌手', user_info: '', format_version: CHARACTERGLM_FORMAT_VERSION },
      source: { kind: 'chat', chatId: 'c1' },
    });
  });

  it('stops before an interrupted reply and skips chats with no reply to learn from', () => {
    const cut = chatDatasetLine(meta, chat([msg('1', 'user', '在吗'), msg('2', 'character', '在的'), msg('3', 'user', '然后'), msg('4', 'character', '然', 'interrupted')]));
    expect(cut!.messages.map((m) => m.content)).toEqual(['当红歌手', '在吗', '在的']);
    expect(chatDatasetLine(meta, chat([msg('0', 'character', '你好！'), msg('1', 'user', '在吗')]))).toBeNull();
  });

  it('exports a correction as its context followed by the corrected reply', () => {
    const out = correctionDatasetLine(meta, {
      id: 'k1', chatId: 'c1', messageId: '2', context: [{ speaker: 'user', text: '在吗' }], original: '嗯', corrected: '在的呀！',
      characterRevision: 3, botName: '梦远', userName: '小林', userInfo: '学生', at: '',
    });
    expect(out.messages).toEqual([{ role: 'system', content: '当红歌手' }, { role: 'user', content: '在吗' }, { role: 'assistant', content: '在的呀！' }]);
    expect(out.characterglm).toMatchObject({ bot_name: '梦远', user_name: '小林', user_info: '学生' });
    expect(out.source).toEqual({ kind: 'correction', correctionId: 'k1', characterRevision: 3 });
  });
});
