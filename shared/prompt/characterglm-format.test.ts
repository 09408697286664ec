import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_FORMAT_VERSION, CHARACTERGLM_STOP_STRINGS, renderPrompt, type SessionMeta } from './characterglm-format';

const meta: SessionMeta = {
  botName: '苏梦远',
  userName: '用户',
  botInfo: '苏梦远，本名苏远心，是一位当红的国内女歌手及演员。\n她性格活泼。',
  userInfo: '',
};

describe('CharacterGLM prompt format (golden)', () => {
  it('is version 1', () => {
    // Changing the text below changes what adapters were trained on: bump the version with it.
    expect(CHARACTERGLM_FORMAT_VERSION).toBe(1);
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
});
