import { describe, expect, it } from 'vitest';
import { renderPrompt, type SessionMeta } from '../prompt/characterglm-format';
import { cleanVariant, rewriteRequest, rewriterMeta, trainingMetas, type ProfileVariant } from './profile-variants';

const meta: SessionMeta = { botName: '苏梦远', userName: '小林', botInfo: '身份：当红歌手\n兴趣：音乐、旅行', userInfo: '' };
const variant = (id: string, text: string, accepted: boolean): ProfileVariant => ({
  id, kind: 'paraphrase', text, accepted, sourceRevision: 1, createdAt: '2026-11-26T00:00:00Z',
});

describe('profile variants', () => {
  it('asks the model, in the CharacterGLM format, to rewrite the profile as an editor', () => {
    const prompt = renderPrompt(rewriterMeta('zh'), rewriteRequest('summary', meta.botInfo, 'zh'));
    expect(prompt).toContain('以下是一段编辑和作者之间的对话。');
    expect(prompt).toContain('[作者]请把下面这段人物设定压缩成更短的一段话，保留最重要的事实，只输出压缩后的设定。 身份：当红歌手 兴趣：音乐、旅行');
    expect(prompt.endsWith('[编辑]')).toBe(true);
  });

  it('cleans an answer: trims and drops a leading label; nothing left is no variant', () => {
    expect(cleanVariant('  改写后的设定：一位走红的歌手，爱音乐也爱旅行。 ')).toBe('一位走红的歌手，爱音乐也爱旅行。');
    expect(cleanVariant('Rewritten profile: A famous singer.')).toBe('A famous singer.');
    expect(cleanVariant(' \n ')).toBeNull();
  });

  it('trains with the profile as written plus each accepted, non-empty variant', () => {
    const metas = trainingMetas(meta, [variant('a', '走红的歌手。', true), variant('b', '没接受的。', false), variant('c', '  ', true)]);
    expect(metas.map((m) => m.botInfo)).toEqual([meta.botInfo, '走红的歌手。']);
    expect(metas[1]).toMatchObject({ botName: '苏梦远', userName: '小林' });
  });
});
