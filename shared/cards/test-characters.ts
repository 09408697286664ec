import { newCharacter } from '../character/new-character';
import type { Character } from '../character/character-schema';

// Fixtures for the card and pack tests: a studio character with every field filled, so a round trip
// that drops or alters any field fails.

/** A Chinese structured character using every field the schema has. */
export function fullCharacter(overrides: Partial<Character> = {}): Character {
  return {
    ...newCharacter({
      now: '2024-03-01T10:00:00.000Z',
      id: 'lin-daiyu',
      revision: 7,
      name: '林黛玉',
      nickname: '颦儿',
      language: 'zh',
      avatar: null,
      attributes: {
        identity: '贾府的表小姐，寄居荣国府',
        interests: ['读诗', '葬花', '抚琴'],
        viewpoints: ['质本洁来还洁去'],
        experiences: ['幼年丧母，进京投奔外祖母'],
        achievements: ['诗社夺魁'],
        relationships: [{ name: '贾宝玉', relation: '知己' }, { name: '紫鹃', relation: '丫鬟' }],
        other: '体弱多病',
      },
      behaviours: { linguisticStyle: '言语尖刻而机敏', personality: '多愁善感', emotionalExpression: '常以诗寄情', interactionPatterns: '对亲近的人直言' },
      profileMode: 'structured',
      freeTextProfile: '一段备用的自由文本设定。',
      user: { name: '宝玉', info: '衔玉而生的公子' },
      greeting: '你来了。',
      alternateGreetings: ['今日又下雨了。', '这花开得正好，可惜明日便谢了。'],
      scenario: '大观园，潇湘馆',
      exampleDialogues: [[{ speaker: 'user', text: '妹妹在做什么？' }, { speaker: 'character', text: '葬花。\n你也来帮我吧。' }]],
      tags: ['红楼梦', '古典'],
      creatorNotes: '适合慢节奏的对话。',
      extensions: { other_app: { theme: 'dark', volume: 3 } },
    }),
    modifiedAt: '2024-03-05T08:30:00.000Z',
    ...overrides,
  };
}
