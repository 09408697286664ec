import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_FORMAT_VERSION, cutAtNewSpeaker, renderPrompt, type SessionMeta } from './characterglm-format';

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

  it('stops a reply where the model starts a new speaker line', () => {
    expect(cutAtNewSpeaker('好的。\n[用户]然后呢')).toEqual({ text: '好的。', stopped: true });
    expect(cutAtNewSpeaker('好的 [注] 没问题')).toEqual({ text: '好的 [注] 没问题', stopped: false });
  });
});
