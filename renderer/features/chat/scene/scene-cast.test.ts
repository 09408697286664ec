import { describe, expect, it } from 'vitest';
import { newCharacter } from '../../../../shared/character/new-character';
import type { ChatMessage, ChatSummary } from '../../../../shared/chat/chat-state';
import { sceneLines } from '../../../../shared/scene/next-speaker';
import { castNames, chatHost, sceneBadgeNames, sceneParticipants, speakerName, whoseTurn } from './scene-cast';

const now = '2026-01-01T00:00:00.000Z';
const lin = newCharacter({ id: 'lin', now, name: '林若溪', nickname: '阿溪' });
const lu = newCharacter({ id: 'lu', now, name: '陆沉' });
const line = (id: string, role: ChatMessage['role'], text: string, speaker?: string): ChatMessage => ({
  id, role, ...(speaker ? { speaker } : {}), swipes: [{ text, status: 'done', at: '' }], active: 0, at: '',
});

describe('scene cast', () => {
  it('names each character as the prompts do (nickname first), keeps scene order, and falls back to the id', () => {
    const participants = sceneParticipants(['lu', 'lin', 'gone'], [lin, lu]);
    expect(participants).toEqual([{ id: 'lu', name: '陆沉' }, { id: 'lin', name: '阿溪' }, { id: 'gone', name: 'gone' }]);
    expect(castNames(participants).get('lin')).toBe('阿溪');
  });

  it('shows a line’s speaker, the chat’s own character for a line without one, and the user', () => {
    const names = { bot: '陆沉', user: '小周', cast: castNames(sceneParticipants(['lu', 'lin'], [lin, lu])) };
    expect(speakerName(line('1', 'character', '哦', 'lin'), names)).toBe('阿溪');
    expect(speakerName(line('2', 'character', '嗯'), names)).toBe('陆沉');
    expect(speakerName(line('3', 'user', '你好'), names)).toBe('小周');
    expect(speakerName(line('4', 'character', '嗯', 'stranger'), names)).toBe('stranger');
  });

  it('works out whose turn it is like the studio: next in turn after the host’s opening, or whoever was named', () => {
    const participants = sceneParticipants(['lu', 'lin'], [lin, lu]);
    const chat = { characterId: 'lu' };
    expect(whoseTurn(participants, sceneLines(chat.characterId, [line('o', 'character', '坐吧。')]))?.speaker).toBe('lin');
    const named = sceneLines(chat.characterId, [line('o', 'character', '坐吧。'), line('u', 'user', '陆沉，你怎么看？')]);
    expect(whoseTurn(participants, named)).toEqual({ speaker: 'lu', reason: 'named' });
    expect(whoseTurn([], [])).toBeNull();
  });

  it('finds the host of a scene in another character’s list, and the list’s own character for a chat', () => {
    const chats = [
      { id: 'scene-1', scene: { host: 'lu', participants: ['lu', 'lin'] } },
      { id: 'chat-1' },
    ] as ChatSummary[];
    expect(chatHost(chats, 'scene-1', 'lin')).toBe('lu');
    expect(chatHost(chats, 'chat-1', 'lin')).toBe('lin');
    expect(chatHost(chats, 'unknown', 'lin')).toBe('lin');
    expect(sceneBadgeNames(chats[0]!, new Map([['lu', '陆沉']]))).toEqual(['陆沉', 'lin']);
  });
});
