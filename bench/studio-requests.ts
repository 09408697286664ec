import { EXAMPLE_CHARACTERS } from '../shared/character/examples';
import { newCharacter } from '../shared/character/new-character';
import { sessionMetaFor } from '../shared/character/render-profile';
import type { DialogueTurn } from '../shared/prompt/characterglm-format';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../shared/prompt/sampling-defaults';
import type { ChatSampler } from '../shared/runtime/sampler-schema';
import type { ChatEngine, ReplyRequest } from '../electron/services/runtime/chat-engine';

// What the runtime benches ask the studio's chat engine: the first example character, a scripted user and
// the model's own reply settings, as a writer's chat would.

export const USER_LINES = [
  '你好，今天店里忙吗？', '有什么推荐的茶吗？', '这茶是哪里产的？', '你平时几点开门？', '你喜欢听评弹吗？',
  '这家店开了多少年了？', '你奶奶身体还好吗？', '能给我讲讲你在上海的日子吗？', '你觉得城市和小镇哪个好？', '外面雨停了吗？',
  '这个茶饼多少钱？', '你最喜欢哪一种茶？', '有没有什么点心？', '阿满今天来了吗？', '你写毛笔字多久了？',
  '我下次还能来吗？', '镇上还有什么好玩的地方？', '你相信缘分吗？', '能再给我续一杯吗？', '谢谢你，今天很开心。',
];

export const never = new AbortController().signal;

/** Requests for `engine`: the character's greeting, a sampler per reply length, and histories of a given size. */
export function studioRequests(engine: ChatEngine) {
  const example = EXAMPLE_CHARACTERS[0]!;
  const character = newCharacter({ ...example.fields, id: example.exampleId, now: new Date(0).toISOString() });
  const meta = sessionMetaFor(character);
  const greeting: DialogueTurn = { speaker: 'character', text: character.greeting };
  /** The model's own reply settings, end-of-sequence banned so every reply runs its full length. */
  const sampler = (maxTokens: number, seed = 1): ChatSampler => ({ ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens, seed, banEos: true });
  const request = (session: string, turns: DialogueTurn[], extra: Partial<ReplyRequest> = {}): ReplyRequest => ({
    session, kvFile: null, meta, turns, keepFirst: 1, partial: '', sampler: sampler(16), adapter: null, ...extra,
  });
  /** A synthetic history of at least `tokens` prompt tokens (the scripted lines, repeated). */
  const historyOf = async (tokens: number): Promise<DialogueTurn[]> => {
    const turns: DialogueTurn[] = [greeting];
    for (let i = 0; (await engine.preview(request('measure', turns))).tokens < tokens; i++) {
      turns.push({ speaker: 'user', text: USER_LINES[i % USER_LINES.length]! }, { speaker: 'character', text: `${USER_LINES[(i + 7) % USER_LINES.length]!}我想想，慢慢说给你听。` });
    }
    return turns;
  };
  return { greeting, sampler, request, historyOf };
}
