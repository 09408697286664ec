import { describe, expect, it } from 'vitest';
import { CARD_RECORD_KEY } from '../cards/card-record';
import { renderHeader, type SessionMeta } from '../prompt/characterglm-format';
import { withDialogueLore, withTriggeredLore } from './session-lore';

const meta: SessionMeta = { botName: '灯塔看守', userName: '旅人', botInfo: '身份：老灯塔的看守人', userInfo: '' };
const character = {
  extensions: {
    [CARD_RECORD_KEY]: {
      spec: 'v2',
      fields: { character_book: { entries: [{ keys: ['灯塔'], content: '灯塔建于1890年。', enabled: true, insertion_order: 1 }] } },
    },
  },
};

describe('withTriggeredLore', () => {
  it('appends the lore the recent messages trigger to bot_info, which the header then flattens into one line', () => {
    const withLore = withTriggeredLore(meta, character, ['你好', '这座灯塔有多老？']);
    expect(withLore.botInfo).toBe('身份：老灯塔的看守人\n灯塔建于1890年。');
    expect(renderHeader(withLore)[1]).toBe('关于灯塔看守的信息：身份：老灯塔的看守人 灯塔建于1890年。');
  });

  it('leaves the meta as it is when nothing triggers or the character has no lorebook', () => {
    expect(withTriggeredLore(meta, character, ['今天天气不错'])).toBe(meta);
    expect(withTriggeredLore(meta, { extensions: {} }, ['灯塔'])).toBe(meta);
  });
});

describe('withDialogueLore', () => {
  it('takes the lore of the messages before the dialogue\'s last reply, as chat shows it when that reply is generated', () => {
    const asked = withDialogueLore(meta, character, [
      { speaker: 'user', text: '这座灯塔有多老？' }, { speaker: 'character', text: '很老了。' }, { speaker: 'user', text: '谢谢' }, { speaker: 'character', text: '不客气。' },
    ]);
    expect(asked.botInfo).toBe('身份：老灯塔的看守人\n灯塔建于1890年。');
    // a key only in the last reply itself has not been said yet when that reply is written
    expect(withDialogueLore(meta, character, [{ speaker: 'user', text: '你好' }, { speaker: 'character', text: '欢迎来到灯塔。' }])).toBe(meta);
  });
});
