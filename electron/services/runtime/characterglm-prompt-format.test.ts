import { LlamaText, SpecialToken, type ChatHistoryItem, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPrompt, type DialogueTurn, type SessionMeta } from '../../../shared/prompt/characterglm-format';
import { useTempDir } from '../../test-support/temp-dir';
import { CharacterGlmChatWrapper } from './characterglm-chat-wrapper';
import { CharacterGlmPromptFormat } from './characterglm-prompt-format';
import type { LlamaRuntime } from './llama-runtime';
import { tinyRuntime } from './test-runtime';

const meta: SessionMeta = { botName: '苏梦远', userName: '用户', botInfo: '当红歌手。\n性格活泼。', userInfo: '' };
const turns: DialogueTurn[] = [
  { speaker: 'character', text: '你好呀！' },
  { speaker: 'user', text: '今天\n过得怎么样？' },
  { speaker: 'character', text: '' },
  { speaker: 'character', text: 'say hello!' },
  { speaker: 'user', text: '那就好' },
];

describe('CharacterGlmChatWrapper (golden)', () => {
  const history: ChatHistoryItem[] = [
    { type: 'model', response: ['你好呀！'] },
    { type: 'user', text: '今天\n过得怎么样？' },
    { type: 'model', response: [] },
  ];

  it('renders [gMASK]sop and exactly the shared format, ending with the open reply tag', () => {
    const state = new CharacterGlmChatWrapper(meta).generateContextState({ chatHistory: history });
    expect(state.contextText.toString()).toBe(
      '[gMASK]sop以下是一段苏梦远和用户之间的对话。\n关于苏梦远的信息：当红歌手。 性格活泼。\n[苏梦远]你好呀！\n[用户]今天 过得怎么样？\n[苏梦远]',
    );
  });

  it('keeps an unfinished reply open on the last line, and lets a system message replace the profile', () => {
    const state = new CharacterGlmChatWrapper(meta).generateContextState({
      chatHistory: [{ type: 'system', text: '一位作家' }, ...history.slice(0, 2), { type: 'model', response: ['我今天'] }],
    });
    expect(state.contextText.toString()).toBe(
      '[gMASK]sop以下是一段苏梦远和用户之间的对话。\n关于苏梦远的信息：一位作家\n[苏梦远]你好呀！\n[用户]今天 过得怎么样？\n[苏梦远]我今天',
    );
  });

  it('stops on end-of-sequence and at the end of the reply line', () => {
    const { stopGenerationTriggers } = new CharacterGlmChatWrapper(meta).generateContextState({ chatHistory: history });
    expect(stopGenerationTriggers.map((t) => t.toJSON())).toEqual([LlamaText(new SpecialToken('EOS')).toJSON(), LlamaText('\n').toJSON()]);
  });
});

describe('CharacterGlmPromptFormat on the tiny model', () => {
  const tempDir = useTempDir();
  let runtime: LlamaRuntime;
  let model: LlamaModel;
  beforeAll(async () => {
    ({ runtime } = await tinyRuntime(await tempDir()));
    model = runtime.currentModel()!.model;
  });
  afterAll(() => runtime.dispose());

  const request = { meta, turns, keepFirst: 1, drop: 0, partial: '', ledger: new Map() };

  it('renders the shared format text and tokens that decode back to it, after [gMASK] sop', () => {
    const prompt = new CharacterGlmPromptFormat(model).render(request);
    expect(prompt.text).toBe(renderPrompt(meta, turns));
    expect(model.detokenize(prompt.tokens.slice(0, 2), true)).toBe('[gMASK]sop');
    expect(model.detokenize(prompt.tokens.slice(2), false)).toBe(prompt.text);
  });

  it('tokenises line by line exactly as llama.cpp tokenises the whole prompt', () => {
    const prompt = new CharacterGlmPromptFormat(model).render(request);
    expect(prompt.tokens).toEqual([...model.tokenize('[gMASK]sop', true), ...model.tokenize(prompt.text, false)]);
    expect(prompt.turnLengths()[2]).toBe(0);
  });

  it('uses the exact tokens a reply was generated as, and leaves out dropped turns', () => {
    const format = new CharacterGlmPromptFormat(model);
    // A reply generated character by character is not how the tokenizer would split it.
    const generated = [...'say', ' ', ...'hello!'].flatMap((c) => model.tokenize(c, false, 'trimLeadingSpace'));
    expect(model.detokenize(generated, false, model.tokenize('a', false))).toBe('say hello!');
    expect(generated).not.toEqual(model.tokenize('say hello!', false, 'trimLeadingSpace'));
    const withLedger = format.render({ ...request, ledger: new Map([['say hello!', generated]]) });
    const at = withLedger.tokens.findIndex((_, i) => generated.every((t, j) => withLedger.tokens[i + j] === t));
    expect(at).toBeGreaterThan(0);
    const dropped = format.render({ ...request, drop: 2 });
    expect(dropped.text).toBe(renderPrompt(meta, [turns[0]!, ...turns.slice(3)]));
  });
});
