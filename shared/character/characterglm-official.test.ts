import { describe, expect, it } from 'vitest';
import { charactersFromOfficialFile, looksLikeOfficialCharacterFile } from './characterglm-official';
import { renderBotInfo, sessionMetaFor } from './render-profile';

// The core suite's own fixture, in the official shape (including the nulls the real file has).
const officialFile = {
  小白: { user_info: '', bot_info: '小白，17岁。\n头发银白。', user_name: '用户', bot_name: '小白', greeting: '哥哥，我会死吗？' },
  苏婉嫣: { user_info: '我是她的青梅竹马。', bot_info: '傲娇。', user_name: '张凯', bot_name: '婉嫣', greeting: '对不起' },
  倪妮: { user_info: null, bot_info: '演员', user_name: null, bot_name: '倪妮', greeting: null },
};
const NOW = '2024-01-01T00:00:00.000Z';

describe('official CharacterGLM character.json import', () => {
  it('recognises the official shape and nothing else', () => {
    expect(looksLikeOfficialCharacterFile(officialFile)).toBe(true);
    expect(looksLikeOfficialCharacterFile({ spec: 'chara_card_v2', data: {} })).toBe(false);
    expect(looksLikeOfficialCharacterFile({})).toBe(false);
    expect(looksLikeOfficialCharacterFile([officialFile])).toBe(false);
  });

  it('turns every entry into a character with its greeting and the same session meta', () => {
    const characters = charactersFromOfficialFile(officialFile, 'character.json', NOW);
    expect(characters.map((c) => c.name)).toEqual(['小白', '苏婉嫣', '倪妮']);
    const [xiaobai, wanyan, nini] = characters;
    expect(xiaobai!.greeting).toBe('哥哥，我会死吗？');
    expect(sessionMetaFor(xiaobai!)).toEqual({ botName: '小白', userName: '用户', botInfo: '小白，17岁。\n头发银白。', userInfo: '' });
    expect(sessionMetaFor(wanyan!)).toEqual({ botName: '婉嫣', userName: '张凯', botInfo: '傲娇。', userInfo: '我是她的青梅竹马。' });
    // null fields become empty text and the default user name.
    expect(nini!.greeting).toBe('');
    expect(nini!.user).toEqual({ name: '用户', info: '' });
    expect(renderBotInfo(nini!)).toBe('演员');
    expect(characters.every((c) => c.createdAt === NOW && c.profileMode === 'freeText')).toBe(true);
  });

  it('names the entry and field that is wrong', () => {
    expect(() => charactersFromOfficialFile({ 小白: { bot_info: 3 } }, 'a.json', NOW)).toThrow(/^a\.json: 小白\.bot_info: /);
    expect(() => charactersFromOfficialFile({ 小白: 'text' }, 'a.json', NOW)).toThrow(/^a\.json: 小白: /);
    expect(() => charactersFromOfficialFile({}, 'a.json', NOW)).toThrow('a.json: no characters in the file');
  });
});
