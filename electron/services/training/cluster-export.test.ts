import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LlamaModel, Token } from 'node-llama-cpp';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_RECORD_KEY } from '../../../shared/cards/card-record';
import { resolveSettings } from '../../../shared/training/training-settings';
import type { LabelledTokens } from '../../../shared/training/token-labels';
import { useTempDir } from '../../test-support/temp-dir';
import { exportForCluster } from './cluster-export';
import { trainingFixture, type TrainingFixture } from './test-support/training-fixture';
import { trainingPaths } from './training-paths';

// The export for a GPU cluster against what the studio's own trainer is handed: the windows file a run
// writes before its trainer starts. Each exported record, tokenised as TRL does (the tokenizer's
// [gMASK] sop, the prompt and completion read as one text, end-of-sequence appended, loss after the
// prompt), must be the start of one of those pieces token for token and learn the tokens it learns.

const tempDir = useTempDir('studio-cluster-export-');
let fixture: TrainingFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

const EXCHANGES = [
  ['你是谁', '我是小花，我是你的朋友。'], ['你喜欢什么', '我喜欢花，也喜欢听音乐。'],
  ['今天天气怎么样', '今天天气很好，我们去公园。'], ['你在做什么', '我在看书，这本书很好看。'],
] as const;

/** Multi-turn dialogues (pieces with several replies), one long enough to be cut, one mentioning the lore's key. */
function dialoguesJsonl(): string {
  const dialogue = (pairs: ReadonlyArray<readonly [string, string]>, greeting?: string) => JSON.stringify({
    messages: [...(greeting ? [{ role: 'assistant', content: greeting }] : []), ...pairs.flatMap(([q, a]) => [{ role: 'user', content: q }, { role: 'assistant', content: a }])],
  });
  return [
    dialogue([EXCHANGES[0], EXCHANGES[1]], '你好！'),
    dialogue([EXCHANGES[2], EXCHANGES[3], EXCHANGES[0]]),
    dialogue([...EXCHANGES, ...EXCHANGES, ...EXCHANGES]),
    dialogue([['公园在哪里', '公园在学校旁边。'], EXCHANGES[1]]),
    dialogue([EXCHANGES[3]]),
    dialogue([EXCHANGES[1], EXCHANGES[2]]),
  ].join('\n');
}

/** Reads back the trainer's windows file (electron/services/training/windows-file.ts): each piece by its sequence id. */
function decodeWindows(buffer: Buffer): { train: LabelledTokens[]; heldOut: LabelledTokens[] } {
  let at = 0;
  const u32 = (): number => (at += 4, buffer.readUInt32LE(at - 4));
  const i32s = (n: number): number[] => Array.from({ length: n }, () => (at += 4, buffer.readInt32LE(at - 4)));
  expect(u32()).toBe(0x57545343);
  u32();
  u32();
  const trainCount = u32();
  const heldCount = u32();
  const windows = Array.from({ length: trainCount + heldCount }, () => {
    const n = u32();
    const tokens = i32s(n);
    i32s(n);
    const seqs = i32s(n);
    const labels = i32s(n);
    const pieces = new Map<number, LabelledTokens>();
    seqs.forEach((seq, i) => {
      const piece = pieces.get(seq) ?? { tokens: [], labels: [] };
      piece.tokens.push(tokens[i]!);
      piece.labels.push(labels[i]!);
      pieces.set(seq, piece);
    });
    return [...pieces.values()];
  });
  return { train: windows.slice(0, trainCount).flat(), heldOut: windows.slice(trainCount).flat() };
}

interface Record {
  prompt: string;
  completion: string;
}

/** A record as TRL tokenises it: ids, and where the completion (the learnt part) starts. */
function trlTokens(model: LlamaModel, r: Record): { ids: number[]; promptLength: number } {
  const prefix = [...model.tokenize('[gMASK]sop', true)];
  const prompt = [...prefix, ...model.tokenize(r.prompt)];
  const ids = [...prefix, ...model.tokenize(r.prompt + r.completion), model.tokens.eos!];
  expect(ids.slice(0, prompt.length), `the prompt's tokens start the record's: ${r.prompt}`).toEqual(prompt);
  return { ids, promptLength: prompt.length };
}

/**
 * Matches every record to the trainer's piece that starts with its tokens and checks the learnt tokens:
 * each learnt position of every piece is learnt by exactly one record, with the same context and target,
 * except the end of a reply the piece goes on after (the studio learns the newline that opens the next
 * line there; the record ends, and learns end-of-sequence).
 */
function compareWithTrainer(model: LlamaModel, records: readonly Record[], pieces: readonly LabelledTokens[]): { continued: number } {
  const eos = model.tokens.eos!;
  const covered = pieces.map((p) => p.labels.map(() => false));
  let continued = 0;
  for (const r of records) {
    const { ids, promptLength } = trlTokens(model, r);
    const text = ids.slice(0, -1);
    const match = pieces.findIndex((p) => text.every((t, i) => p.tokens[i] === t));
    expect(match, `a piece of the trainer starts with the tokens of the record for "${r.completion}"`).toBeGreaterThanOrEqual(0);
    const piece = pieces[match]!;
    for (let i = promptLength - 1; i < ids.length - 1; i++) {
      // TRL's loss at i predicts ids[i + 1] from ids[0..i]; the trainer's label at i is what it learns there
      const label = piece.labels[i]!;
      expect(label, `learnt at ${i} in "${r.completion}"`).toBeGreaterThanOrEqual(0);
      expect(covered[match]![i], 'learnt by one record only').toBe(false);
      covered[match]![i] = true;
      if (i < ids.length - 2) expect(label).toBe(ids[i + 1]);
      else if (label !== eos) {
        expect(ids[i + 1]).toBe(eos);
        expect(model.detokenize([label as Token])).toBe('\n');
        continued++;
      }
    }
  }
  pieces.forEach((p, j) => p.labels.forEach((l, i) => expect(l < 0 || covered[j]![i], `piece ${j} position ${i} is learnt by a record`).toBe(true)));
  return { continued };
}

async function setup(): Promise<TrainingFixture> {
  fixture = await trainingFixture(await tempDir(), async () => {
    throw new Error('the windows file is what these tests read; the trainer never starts');
  });
  const { characters, training } = fixture;
  const character = await characters.save({
    ...fixture.character,
    extensions: { [CARD_RECORD_KEY]: { spec: 'v2', fields: { character_book: { entries: [{ keys: ['公园'], content: '小花家在公园旁边。', enabled: true, insertion_order: 1 }] } } } },
  });
  fixture.character = character;
  await training.importDataset({ characterId: character.id, fileName: 'talks.jsonl', content: dialoguesJsonl(), name: 'talks' });
  await training.variants.add(character.id, { kind: 'paraphrase', text: '小花是一个喜欢花和音乐的女孩。', accepted: true, sourceRevision: character.revision, createdAt: new Date().toISOString() });
  return fixture;
}

const SETTINGS = resolveSettings('balanced', { windowTokens: 160, heldOutFraction: 0.2 });

describe('exporting a character\'s dialogues for a GPU cluster', () => {
  it('writes TRL prompt–completion records that tokenise to exactly the trainer\'s pieces and learn its tokens', async () => {
    const { training, character, model, dir } = await setup();
    const run = { characterId: character.id, datasets: ['talks'], model, settings: SETTINGS };
    const exported = await exportForCluster(training, { ...run, characterName: character.name, format: 'trl', outDir: join(dir, 'out-trl'), hubModel: 'thu-coai/CharacterGLM-6B' });
    expect(exported).toMatchObject({ format: 'trl', dialogues: 6, files: ['train.jsonl', 'test.jsonl', 'sft.yaml', 'accelerate-zero2.yaml', 'README.md'] });
    const read = async (file: string): Promise<Record[]> => (await readFile(join(exported.path, file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record);
    const train = await read('train.jsonl');
    const test = await read('test.jsonl');
    expect([train.length, test.length]).toEqual([exported.records.train, exported.records.eval]);

    // what the studio's trainer is handed for the same datasets and settings
    const job = await training.start({ ...run, adapterName: 'local' });
    await training.waitFor(job.runId);
    const windows = decodeWindows(await readFile(trainingPaths(join(dir, 'characters'), character.id).run(job.runId).windows));
    const vocab = await (await fixture!.runtime.llama()).loadModel({ modelPath: model.path, vocabOnly: true });
    try {
      const learnt = compareWithTrainer(vocab, train, windows.train);
      compareWithTrainer(vocab, test, windows.heldOut);
      // the long dialogue was cut into several windows, and several pieces go on after a reply
      expect(windows.train.length + windows.heldOut.length).toBeGreaterThan(6);
      expect(learnt.continued).toBeGreaterThan(0);
    } finally {
      await vocab.dispose();
    }
    const all = [...train, ...test];
    // the profile and its accepted variant take turns; the lore joins bot_info where the dialogue triggers it
    expect(all.some((r) => r.prompt.includes('小花是一个喜欢花和音乐的女孩。'))).toBe(true);
    const withLore = all.filter((r) => r.prompt.includes('小花家在公园旁边。'));
    expect(withLore.some((r) => r.prompt.includes('[用户]公园在哪里'))).toBe(true);
    expect(withLore.length).toBeLessThan(all.length);
    expect(all[0]!.prompt.startsWith('以下是一段小花和用户之间的对话。')).toBe(true);
    expect(all.every((r) => r.prompt.endsWith('\n[小花]'))).toBe(true);

    const config = await readFile(join(exported.path, 'sft.yaml'), 'utf8');
    expect(config).toContain('lora_target_modules: ["query_key_value", "dense", "dense_h_to_4h", "dense_4h_to_h"]');
    expect(config).toMatch(/lora_r: 8\nlora_alpha: 16\n/);
    expect(config).toContain('max_length: 160');
    expect(config).toContain('completion_only_loss: true');
    expect(await readFile(join(exported.path, 'accelerate-zero2.yaml'), 'utf8')).toContain('distributed_type: "DEEPSPEED"\ndeepspeed_config:\n  zero_stage: 2\n');
  }, 120_000);

  it('writes the same records for LLaMA-Factory with dataset_info.json, a training YAML and DeepSpeed ZeRO-2', async () => {
    const { training, character, model, dir } = await setup();
    const request = { characterId: character.id, characterName: character.name, datasets: ['talks'], model, settings: SETTINGS, hubModel: 'thu-coai/CharacterGLM-6B' };
    const trl = await exportForCluster(training, { ...request, format: 'trl', outDir: join(dir, 'trl') });
    const lf = await exportForCluster(training, { ...request, format: 'llama-factory', outDir: join(dir, 'lf') });
    expect(lf.files).toEqual(['train.jsonl', 'eval.jsonl', 'dataset_info.json', 'lora_sft.yaml', 'ds_z2_config.json', 'README.md']);
    const lines = async (path: string): Promise<unknown[]> => (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    const alpaca = (await lines(join(lf.path, 'train.jsonl'))) as Array<{ instruction: string; input: string; output: string }>;
    expect(alpaca.map((r) => ({ prompt: r.instruction, completion: r.output }))).toEqual(await lines(join(trl.path, 'train.jsonl')));
    expect(JSON.parse(await readFile(join(lf.path, 'dataset_info.json'), 'utf8'))).toEqual({
      studio_train: { file_name: 'train.jsonl', formatting: 'alpaca', columns: { prompt: 'instruction', query: 'input', response: 'output' } },
      studio_eval: { file_name: 'eval.jsonl', formatting: 'alpaca', columns: { prompt: 'instruction', query: 'input', response: 'output' } },
    });
    const yaml = await readFile(join(lf.path, 'lora_sft.yaml'), 'utf8');
    for (const line of [
      'model_name_or_path: "thu-coai/CharacterGLM-6B"', 'finetuning_type: "lora"', 'lora_rank: 8', 'lora_alpha: 16',
      'lora_target: "query_key_value,dense,dense_h_to_4h,dense_4h_to_h"', 'deepspeed: "ds_z2_config.json"', 'dataset: "studio_train"',
      'eval_dataset: "studio_eval"', 'template: "codegeex2"', 'cutoff_len: 160', 'learning_rate: 0.001', 'num_train_epochs: 3',
    ]) expect(yaml).toContain(`\n${line}\n`);
    expect(JSON.parse(await readFile(join(lf.path, 'ds_z2_config.json'), 'utf8'))).toMatchObject({ zero_optimization: { stage: 2 } });
    expect(await readFile(join(lf.path, 'README.md'), 'utf8')).toContain('studio adapters import adapter --character "小花"');
  }, 120_000);

  it('writes nothing into a folder that holds files, nor anything at all for a dataset the trainer would refuse', async () => {
    const { training, character, model, dir } = await setup();
    const request = { characterId: character.id, characterName: character.name, model, settings: SETTINGS, hubModel: 'x/y', format: 'trl' as const };
    const full = join(dir, 'full');
    await mkdir(full);
    await writeFile(join(full, 'mine.txt'), 'keep me');
    await expect(exportForCluster(training, { ...request, datasets: ['talks'], outDir: full })).rejects.toThrow(`${full} is not empty`);
    expect(await readdir(full)).toEqual(['mine.txt']);
    const long = JSON.stringify({ messages: [{ role: 'user', content: '你是谁'.repeat(40) }, { role: 'assistant', content: '我是小花。' }] });
    await training.importDataset({ characterId: character.id, fileName: 'long.jsonl', content: `${long}\n`, name: 'long' });
    await expect(exportForCluster(training, { ...request, datasets: ['long'], outDir: join(dir, 'never') }))
      .rejects.toThrow(/dataset "long" line 1: turn 2 needs \d+ tokens .* more than the 160-token training window/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('.never'))).toEqual([]);
  }, 120_000);
});
