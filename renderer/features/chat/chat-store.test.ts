import i18next from 'i18next';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatState } from '../../../shared/chat/chat-state';
import type { ChatPacket } from '../../../shared/contract/domains/chat';
import { StudioError, type UnsavedChange } from '../../../shared/contract/errors';
import { useChat } from './chat-store';
import { chatStrings } from './strings';

// The studio could not save (disk full): the store must say so in the UI language and hand the user's
// text back to the composer when their own message is what was lost.

const studio = vi.hoisted(() => ({ chat: { send: vi.fn(), get: vi.fn(), list: vi.fn() } }));
vi.mock('../../transport/studio-client', () => ({ studio }));

const chat = { id: 'chat-1', title: 'Tea house', messages: [] } as unknown as ChatState;

/** A send whose stream emits `packets` and then fails with the studio's `message` (and what it could not save). */
function failingSend(message: string, packets: ChatPacket[] = [], unsaved?: UnsavedChange): void {
  studio.chat.send.mockImplementation((_input: unknown, onPacket: (p: ChatPacket) => void) => {
    for (const packet of packets) onPacket(packet);
    return { result: Promise.reject(new StudioError('failed', message, undefined, unsaved ? { unsaved } : undefined)), cancel: () => undefined };
  });
}

beforeAll(async () => {
  await i18next.init({ lng: 'zh-CN', fallbackLng: 'en', ns: ['chat'], resources: { en: { chat: chatStrings.en }, 'zh-CN': { chat: chatStrings['zh-CN'] } } });
});

beforeEach(() => {
  studio.chat.get.mockResolvedValue(chat);
  studio.chat.list.mockResolvedValue([]);
  useChat.setState({ characterId: 'tea-house', chat, error: null, unsent: null, pending: false });
});

describe('chat store, when the studio could not save', () => {
  it('gives an unsaved message back to the composer, with the reason in the UI language', async () => {
    failingSend('chat "Tea house": the disk is full (ENOSPC); your message was not saved', [], { change: 'message', osCode: 'ENOSPC' });
    await useChat.getState().send('一壶茉莉花茶');
    expect(useChat.getState().unsent).toBe('一壶茉莉花茶');
    expect(useChat.getState().error).toBe('你的消息没有保存：磁盘已满。文字已放回输入框，问题解决后可以再次发送。');
    expect(useChat.getState().pending).toBe(false);
  });

  it('keeps the text in the chat (not the composer) when only the reply was lost', async () => {
    const saved = { id: 'm1', role: 'user', swipes: [{ text: 'hi', status: 'done', at: '' }], active: 0, at: '' };
    failingSend('chat "Tea house": the disk is read-only (EROFS); the reply was not saved', [{ type: 'user', message: saved } as ChatPacket], { change: 'reply', osCode: 'EROFS' });
    await useChat.getState().send('hi');
    expect(useChat.getState().unsent).toBeNull();
    expect(useChat.getState().error).toBe('回复没有保存：磁盘是只读的。问题解决后可以重新生成。');
  });

  it('shows other failures as the studio worded them', async () => {
    await i18next.changeLanguage('en');
    failingSend('no model installed yet: install the demo model or import a GGUF in Models');
    await useChat.getState().send('hello');
    expect(useChat.getState().error).toBe('no model installed yet: install the demo model or import a GGUF in Models');
    expect(useChat.getState().unsent).toBe('hello');
  });
});
