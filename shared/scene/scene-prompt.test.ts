import { describe, expect, it } from 'vitest';
import { newCharacter } from '../character/new-character';
import type { ChatMessage } from '../chat/chat-state';
import { renderPrompt } from '../prompt/characterglm-format';
import { sceneMeta, sceneStops, sceneTurns, type SceneView } from './scene-prompt';

const NOW = '2024-01-01T00:00:00.000Z';
const tea = newCharacter({
  id: 'tea', now: NOW, language: 'zh', name: '沈掌柜',
  attributes: { identity: '老茶馆的掌柜', interests: ['品茶'] } as never,
  behaviours: { personality: '热情周到' } as never,
  user: { name: '小林', info: '常来的客人' },
});
const detective = newCharacter({
  id: 'detective', now: NOW, language: 'zh', name: '陆川', nickname: '陆探长',
  attributes: { identity: '退休的老探长', experiences: ['破过三十年的悬案'] } as never,
  behaviours: { personality: '沉稳多疑', linguisticStyle: '话少' } as never,
});
const msg = (id: string, role: ChatMessage['role'], text: string, speaker?: string): ChatMessage => ({
  id, role, ...(speaker ? { speaker } : {}), swipes: [{ text, status: 'done', at: NOW }], active: 0, at: NOW,
});
const messages = [
  msg('m1', 'character', '两位里边请，今天的龙井刚到。', 'tea'),
  msg('m2', 'character', '掌柜的，昨晚\n后门那盏灯是谁点的？', 'detective'),
  msg('m3', 'user', '我也看见了。'),
];
const view = (speakerId: string, withUser = true): SceneView => ({
  scene: { participants: ['tea', 'detective'], withUser, description: '雨夜的茶馆，客人都走了' }, cast: [tea, detective], speakerId, persona: null,
});

describe('the scene prompt (golden)', () => {
  it("is the detective's view: his profile, the others named with short profiles, every line tagged, his tag open", async () => {
    const v = view('detective');
    await expect(renderPrompt(sceneMeta(v), sceneTurns(v, messages))).toMatchFileSnapshot('golden/scene-detective.txt');
  });

  it("is the host's view without the user: the user's lines keep their tag, the user is not in the header", async () => {
    const v = view('tea', false);
    await expect(renderPrompt(sceneMeta(v), sceneTurns(v, messages))).toMatchFileSnapshot('golden/scene-host-no-user.txt');
  });

  it("trains only the speaker: its lines are the character's, the others' are named user lines", () => {
    expect(sceneTurns(view('detective'), messages)).toEqual([
      { speaker: 'user', name: '沈掌柜', text: '两位里边请，今天的龙井刚到。' },
      { speaker: 'character', text: '掌柜的，昨晚\n后门那盏灯是谁点的？' },
      { speaker: 'user', text: '我也看见了。' },
    ]);
  });

  it("stops at every participant's tag", () => {
    expect(sceneStops(sceneMeta(view('tea')))).toEqual(['[沈掌柜]', '[陆探长]', '[小林]']);
  });
});
