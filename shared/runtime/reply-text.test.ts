import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_STOP_STRINGS } from '../prompt/characterglm-format';
import { ReplyText } from './reply-text';

// A multi-character stop string (as chat templates and API requests give) exercises holding text back;
// CharacterGLM's own stop is the single newline.
const SPEAKER_LINE = ['\n['] as const;

const feed = (parts: string[], stops: readonly string[] = SPEAKER_LINE): { shown: string; stopped: boolean; text: string } => {
  const reply = new ReplyText(stops);
  let full = '';
  let shown = '';
  for (const part of parts) {
    full += part;
    const step = reply.push(full);
    shown += step.emit;
    if (step.stopped) return { shown, stopped: true, text: step.text };
  }
  const end = reply.finish(full);
  return { shown: shown + end.emit, stopped: false, text: end.text };
};

describe('ReplyText (CharacterGLM: a reply ends at the end of its line)', () => {
  it('stops at a newline whatever follows it, and never shows it', () => {
    expect(feed(['第一行', '\n', '第二行'], CHARACTERGLM_STOP_STRINGS)).toEqual({ shown: '第一行', stopped: true, text: '第一行' });
  });

  it('stops where the model starts a new speaker line', () => {
    expect(feed(['你好', '呀', '\n', '[', '用户', ']', '再见'], CHARACTERGLM_STOP_STRINGS)).toEqual({ shown: '你好呀', stopped: true, text: '你好呀' });
  });

  it('stops on a newline inside a token', () => {
    expect(feed(['好的。\n然后', '呢'], CHARACTERGLM_STOP_STRINGS)).toEqual({ shown: '好的。', stopped: true, text: '好的。' });
  });

  it('keeps brackets inside a line and shows text at once (nothing to hold back)', () => {
    const reply = new ReplyText(CHARACTERGLM_STOP_STRINGS);
    expect(reply.push('看 [注] ').emit).toBe('看 [注] ');
    expect(feed(['看 [注] ', '没问题'], CHARACTERGLM_STOP_STRINGS)).toEqual({ shown: '看 [注] 没问题', stopped: false, text: '看 [注] 没问题' });
  });
});

describe('ReplyText (stop behaviour)', () => {
  it('stops where the model starts a new speaker line and never shows the tag', () => {
    expect(feed(['你好', '呀', '\n', '[', '用户', ']', '再见'])).toEqual({ shown: '你好呀', stopped: true, text: '你好呀' });
  });

  it('stops when the newline and bracket arrive in one token', () => {
    expect(feed(['好的。', '\n[', '小明]'])).toEqual({ shown: '好的。', stopped: true, text: '好的。' });
  });

  it('keeps a newline that is not followed by a bracket', () => {
    expect(feed(['第一行', '\n', '第二行'])).toEqual({ shown: '第一行\n第二行', stopped: false, text: '第一行\n第二行' });
  });

  it('keeps brackets inside a line', () => {
    expect(feed(['看 [注] ', '没问题'])).toEqual({ shown: '看 [注] 没问题', stopped: false, text: '看 [注] 没问题' });
  });

  it('holds back a trailing newline until the next token decides it', () => {
    const reply = new ReplyText(SPEAKER_LINE);
    expect(reply.push('好\n').emit).toBe('好');
    expect(reply.push('好\n啊').emit).toBe('\n啊');
  });

  it('holds back half a multi-byte character and drops it if generation ends there', () => {
    const reply = new ReplyText(CHARACTERGLM_STOP_STRINGS);
    expect(reply.push('你\uFFFD').emit).toBe('你');
    expect(reply.push('你好').emit).toBe('好');
    expect(reply.finish('你好\uFFFD').text).toBe('你好');
  });

  it('shows a held-back newline when generation ends on it (EOS after a newline)', () => {
    expect(feed(['好', '\n'])).toEqual({ shown: '好\n', stopped: false, text: '好\n' });
  });
});
