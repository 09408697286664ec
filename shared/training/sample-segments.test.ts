import { describe, expect, it } from 'vitest';
import { renderPrompt, type DialogueTurn, type SessionMeta } from '../prompt/characterglm-format';
import { sampleMeta, sampleSegments, trainedTurns } from './sample-segments';

const meta: SessionMeta = { botName: '小明', userName: '用户', botInfo: '小明是学生\n喜欢画画', userInfo: '' };

describe('sample segments', () => {
  const turns: DialogueTurn[] = [
    { speaker: 'character', text: '你好！' },
    { speaker: 'user', text: '在吗\n在吗' },
    { speaker: 'character', text: '在的' },
    { speaker: 'user', text: '  ' },
    { speaker: 'character', text: '还有事吗' },
  ];

  it('joins to exactly the prompt text the chat renders', () => {
    const text = sampleSegments(meta, turns).map((s) => s.text).join('');
    expect(text).toBe(renderPrompt(meta, turns, false));
  });

  it('trains replies after the first user turn, never the greeting or the user', () => {
    expect(trainedTurns(turns)).toEqual([false, false, true, false, true]);
    const trained = sampleSegments(meta, turns).filter((s) => s.trained).map((s) => s.text);
    expect(trained).toEqual(['在的', '还有事吗']);
  });

  it('lets a sample carry its own names and profile', () => {
    expect(sampleMeta(meta, { userName: '老师' })).toEqual({ ...meta, userName: '老师' });
    expect(sampleMeta(meta, undefined)).toEqual(meta);
  });
});
