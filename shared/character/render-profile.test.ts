import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../prompt/characterglm-format';
import type { Character } from './character-schema';
import { newCharacter } from './new-character';
import { renderBotInfo, sessionMetaFor } from './render-profile';

const NOW = '2024-01-01T00:00:00.000Z';

function full(language: 'zh' | 'en'): Character {
  const zh = language === 'zh';
  return newCharacter({
    id: 'su',
    now: NOW,
    language,
    name: zh ? '苏梦远' : 'Su Mengyuan',
    attributes: {
      identity: zh ? '当红的国内女歌手及演员' : 'a popular singer and actress',
      interests: zh ? ['唱歌', ' 演戏 ', ''] : ['singing', ' acting ', ''],
      viewpoints: zh ? ['努力比天赋重要'] : ['effort beats talent'],
      experiences: zh ? ['参加选秀节目后出道'] : ['debuted after a talent show'],
      achievements: zh ? ['发行三张专辑'] : ['released three albums'],
      relationships: zh
        ? [{ name: '林晓', relation: '经纪人' }, { name: '苏母', relation: '' }]
        : [{ name: 'Lin Xiao', relation: 'manager' }, { name: 'her mother', relation: '' }],
      other: zh ? '喜欢猫' : 'likes cats',
    },
    behaviours: {
      linguisticStyle: zh ? '说话轻快，常用语气词' : 'light, chatty sentences',
      personality: zh ? '活泼开朗\n偶尔任性' : 'cheerful\nsometimes wilful',
      emotionalExpression: zh ? '情绪外露' : 'wears her heart on her sleeve',
      interactionPatterns: zh ? '主动关心对方' : 'asks about the other person first',
    },
    scenario: zh ? '演唱会后台' : 'backstage after a concert',
    user: { name: zh ? '小王' : 'Wang', info: zh ? '一名粉丝' : 'a fan' },
  });
}

describe('renderBotInfo (golden files)', () => {
  it('renders every structured field in Chinese, in the paper order', async () => {
    await expect(renderBotInfo(full('zh'))).toMatchFileSnapshot('golden/bot-info-zh-full.txt');
  });

  it('renders English labels for an English character', async () => {
    await expect(renderBotInfo(full('en'))).toMatchFileSnapshot('golden/bot-info-en-full.txt');
  });

  it('uses the free-text profile as written in free-text mode (scenario still appended)', async () => {
    const c = { ...full('zh'), profileMode: 'freeText' as const, freeTextProfile: '  苏梦远，本名苏远心。\n她性格活泼。 ' };
    await expect(renderBotInfo(c)).toMatchFileSnapshot('golden/bot-info-zh-free-text.txt');
  });

  it('gives the full prompt the next turn would send', async () => {
    const c = full('zh');
    await expect(renderPrompt(sessionMetaFor(c), [{ speaker: 'user', text: '你好' }])).toMatchFileSnapshot('golden/prompt-zh-full.txt');
  });

  it('leaves out empty fields and renders an empty character as empty text', () => {
    expect(renderBotInfo(newCharacter({ id: 'x', name: 'X', now: NOW }))).toBe('');
    const c = newCharacter({ id: 'x', name: 'X', now: NOW, attributes: { interests: ['  ', ''], other: '有' } });
    expect(renderBotInfo(c)).toBe('其他：有');
  });

  it('keeps both texts when switching modes (rendering reads only the active one)', () => {
    const c = { ...full('zh'), freeTextProfile: '自由文本' };
    expect(renderBotInfo(c)).not.toContain('自由文本');
    expect(renderBotInfo({ ...c, profileMode: 'freeText' })).toBe('自由文本\n场景：演唱会后台');
  });
});

describe('sessionMetaFor', () => {
  it('uses the character name and its user persona', () => {
    expect(sessionMetaFor(full('zh'))).toEqual({
      botName: '苏梦远',
      userName: '小王',
      botInfo: renderBotInfo(full('zh')),
      userInfo: '一名粉丝',
    });
  });

  it('prefers the nickname, and lets a persona override the user fields one by one', () => {
    const c = { ...full('zh'), nickname: ' 梦梦 ' };
    expect(sessionMetaFor(c, { name: '阿明' })).toMatchObject({ botName: '梦梦', userName: '阿明', userInfo: '一名粉丝' });
    expect(sessionMetaFor(c, { info: '' })).toMatchObject({ userName: '小王', userInfo: '' });
  });

  it('falls back to a default user name in the character language when none is set', () => {
    expect(sessionMetaFor({ ...full('zh'), user: { name: ' ', info: '' } }).userName).toBe('用户');
    expect(sessionMetaFor({ ...full('en'), user: { name: '', info: '' } }).userName).toBe('User');
  });
});
