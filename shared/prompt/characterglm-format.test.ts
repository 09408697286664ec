import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_FORMAT_VERSION, CHARACTERGLM_STOP_STRINGS, renderMemory, renderPrompt, withMemory, type SessionMeta } from './characterglm-format';

const meta: SessionMeta = {
  botName: '苏梦远',
  userName: '用户',
  botInfo: '苏梦远，本名苏远心，是一位当红的国内女歌手及演员。\n她性格活泼。',
  userInfo: '',
};

describe('CharacterGLM prompt format (golden)', () => {
  it('is version 2 (memory at the end of the profile line)', () => {
    // Changing the text below changes what adapters were trained on: bump the version with it.
    expect(CHARACTERGLM_FORMAT_VERSION).toBe(2);
  });

  it('renders header, turns and the open reply tag exactly', () => {
    const text = renderPrompt(meta, [
      { speaker: 'character', text: '你好呀！' },
      { speaker: 'user', text: '今天\n过得怎么样？' },
    ]);
    expect(text).toBe(
      [
        '以下是一段苏梦远和用户之间的对话。',
        '关于苏梦远的信息：苏梦远，本名苏远心，是一位当红的国内女歌手及演员。 她性格活泼。',
        '[苏梦远]你好呀！',
        '[用户]今天 过得怎么样？',
        '[苏梦远]',
      ].join('\n'),
    );
  });

  it('includes the user profile only when it is non-empty, and skips empty messages', () => {
    const text = renderPrompt({ ...meta, botInfo: '', userInfo: '一名大学生' }, [{ speaker: 'user', text: '  ' }], false);
    expect(text).toBe('以下是一段苏梦远和用户之间的对话。\n关于用户的信息：一名大学生');
  });

  it('ends a reply at the end of its line: every turn is one line', () => {
    expect(CHARACTERGLM_STOP_STRINGS).toEqual(['\n']);
  });

  it('puts pinned facts, then the summary, at the end of the character profile line', () => {
    const memory = { facts: ['小林是茶馆的常客。', '  ', '小林的生日是五月三日'], summary: '他们聊了\n新歌。' };
    const text = renderPrompt(withMemory(meta, memory, 'zh'), [{ speaker: 'user', text: '还记得我吗？' }]);
    expect(text).toBe(
      [
        '以下是一段苏梦远和用户之间的对话。',
        '关于苏梦远的信息：苏梦远，本名苏远心，是一位当红的国内女歌手及演员。 她性格活泼。 记住：小林是茶馆的常客；小林的生日是五月三日。 此前的对话：他们聊了 新歌。',
        '[用户]还记得我吗？',
        '[苏梦远]',
      ].join('\n'),
    );
    expect(renderMemory({ facts: ['Alex takes tea black.'], summary: 'They met at the market.' }, 'en'))
      .toBe('Remember: Alex takes tea black. Earlier in the conversation: They met at the market.');
  });

  it('leaves the prompt exactly as before when there is nothing to remember', () => {
    expect(withMemory(meta, { facts: [], summary: ' ' }, 'zh')).toBe(meta);
    expect(withMemory({ ...meta, botInfo: '' }, { facts: ['A'], summary: '' }, 'en').botInfo).toBe('Remember: A.');
  });
});
