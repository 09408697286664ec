import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';
import { writeTinyModel } from '../models/demo-model';
import { CharacterGlmPromptFormat } from '../runtime/characterglm-prompt-format';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dialoguePieces, tokenizeDialogue } from './dialogue-tokens';
import { encodeWindows } from './windows-file';

// The adapter must learn the tokens chat shows the model: the training tokens of every reply's context
// are exactly the chat prompt format's tokens for that turn.

let dir: string;
let llama: Llama;
let model: LlamaModel;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-tokens-'));
  await writeTinyModel(join(dir, 'tiny.gguf'));
  llama = await getLlama({ gpu: false });
  model = await llama.loadModel({ modelPath: join(dir, 'tiny.gguf'), vocabOnly: true });
});
afterAll(async () => {
  await model.dispose();
  await llama.dispose();
  await rm(dir, { recursive: true, force: true });
});

const meta: SessionMeta = { botName: '小花', userName: '用户', botInfo: '小花是一只猫，喜欢花。', userInfo: '' };
const turns: DialogueTurn[] = [
  { speaker: 'character', text: '你好！' },
  { speaker: 'user', text: '你是谁' },
  { speaker: 'character', text: '我是小花。' },
  { speaker: 'user', text: 'hello friend' },
  { speaker: 'character', text: '你好，friend！' },
];

describe('training tokens', () => {
  it('give every reply exactly the context tokens the chat prompt has before it', () => {
    const format = new CharacterGlmPromptFormat(model);
    const d = tokenizeDialogue(model, meta, turns);
    const eos = model.tokens.eos!;
    const { pieces } = dialoguePieces(d, turns.map((t) => t.speaker), 512, eos);
    expect(pieces).toHaveLength(1);
    const { tokens, labels } = pieces![0]!;
    for (const replyTurn of [2, 4]) {
      const chat = format.render({ meta, turns: turns.slice(0, replyTurn), keepFirst: 0, drop: 0, partial: '', ledger: new Map() }).tokens;
      expect(tokens.slice(0, chat.length)).toEqual(chat);
      // the reply starts right after that context and is what the labels ask for
      const reply = d.turns[replyTurn]!.body;
      expect(tokens.slice(chat.length, chat.length + reply.length)).toEqual(reply);
      expect(labels.slice(chat.length - 1, chat.length - 1 + reply.length)).toEqual(reply);
    }
    // the greeting and the user's lines teach nothing; the end of each reply does
    const taught = labels.filter((l) => l >= 0);
    expect(taught.at(-1)).toBe(eos);
    const firstReplyEnd = tokens.indexOf(d.turns[3]!.tag[0]!, format.render({ meta, turns: turns.slice(0, 2), keepFirst: 0, drop: 0, partial: '', ledger: new Map() }).tokens.length);
    expect(labels[firstReplyEnd - 1]).toBe(d.turns[3]!.tag[0]);
    expect(labels.filter((l) => l >= 0)).toHaveLength(d.turns[2]!.body.length + 1 + d.turns[4]!.body.length + 1);
  });

  it('encode windows in the layout the trainer reads', () => {
    const buf = encodeWindows(16, [[{ tokens: [5, 6], labels: [6, -1] }, { tokens: [7], labels: [-1] }]], [[{ tokens: [8], labels: [-1] }]]);
    const ints = Array.from({ length: buf.length / 4 }, (_, i) => buf.readInt32LE(i * 4));
    expect(ints).toEqual([0x57545343, 1, 16, 1, 1, 3, 5, 6, 7, 0, 1, 0, 0, 0, 1, 6, -1, -1, 1, 8, 0, 0, -1]);
  });
});
