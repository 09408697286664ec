import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariantPacket } from '../../../shared/contract/domains/training';
import { parseDataset } from '../../../shared/training/parse-dataset';
import { trainingMetas } from '../../../shared/training/profile-variants';
import { resolveSettings } from '../../../shared/training/training-settings';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import { ChatEngine } from '../runtime/chat-engine';
import { modelInfoFor } from '../runtime/test-runtime';
import { ProfileAugmenter } from './profile-augmenter';
import { catDialoguesJsonl } from './test-support/cat-dialogues';
import { trainingFixture, type TrainingFixture } from './test-support/training-fixture';
import { prepareWindows } from './training-windows';

// Prompt augmentation with the tiny model: the model writes variants of the profile, the writer reviews
// them, and a run renders its dialogues with the profile and the accepted variants in turn.

let f: TrainingFixture;
let engine: ChatEngine;
let augmenter: ProfileAugmenter;
const never = new AbortController().signal;

beforeAll(async () => {
  f = await trainingFixture(await mkdtemp(join(tmpdir(), 'studio-augment-')));
  const info = await modelInfoFor(f.model.path);
  engine = new ChatEngine(f.runtime, { contextSize: 1024 });
  augmenter = new ProfileAugmenter({
    characters: f.characters, engine, store: f.training.variants,
    ensureModel: async () => {
      await f.runtime.load(info);
      return { kind: 'local' as const, info };
    },
  });
});
afterAll(async () => {
  await engine?.dispose();
  await f?.dispose();
  if (f) await rm(f.dir, { recursive: true, force: true });
});

describe('profile augmentation', () => {
  it('writes variants with the loaded model, streamed and stored unaccepted, then lets the writer edit, accept and delete', async () => {
    const character = await f.characters.create({ name: '小猫', attributes: { identity: '一只爱晒太阳的猫' } as never });
    const packets: VariantPacket[] = [];
    const made = await augmenter.generate({ characterId: character.id, kinds: ['paraphrase', 'summary'] }, (p) => packets.push(p), never);
    expect(made.length).toBeGreaterThanOrEqual(1);
    for (const variant of made) {
      expect(variant).toMatchObject({ accepted: false, sourceRevision: character.revision });
      const streamed = packets.filter((p) => p.type === 'token' && p.kind === variant.kind).map((p) => (p.type === 'token' ? p.text : '')).join('');
      expect(streamed.trim()).toContain(variant.text.slice(0, 5));
    }
    expect(await f.training.variants.list(character.id)).toEqual(made);

    const id = made[0]!.id;
    const accepted = await f.training.variants.update(character.id, id, { text: '一只总在窗台上晒太阳的猫。', accepted: true });
    expect(accepted.find((v) => v.id === id)).toMatchObject({ text: '一只总在窗台上晒太阳的猫。', accepted: true });
    await expect(f.training.variants.update(character.id, id, { text: '  ' })).rejects.toThrow(/cannot be empty/);
    await expect(f.training.variants.update(character.id, 'pv-00000000', { accepted: true })).rejects.toThrow(/no profile variant/);
    if (made[1]) expect((await f.training.variants.remove(character.id, made[1].id)).map((v) => v.id)).toEqual([id]);
  });

  it('refuses an empty profile, and names a damaged variants file without touching it', async () => {
    const blank = await f.characters.create({ name: '空白' });
    await expect(augmenter.generate({ characterId: blank.id, kinds: ['paraphrase'] }, () => undefined, never)).rejects.toThrow(/空白: the profile is empty/);
    await writeFile(join(f.dir, 'characters', blank.id, 'profile-variants.json'), '{"version": 1, "variants": [{"id": 3}]}');
    await expect(f.training.variants.list(blank.id)).rejects.toThrow(/profile-variants.json: variants.0.id: .* \(left untouched\)/);
  });

  it('renders dialogue i of a run with the profile as written and the accepted variants in turn', async () => {
    const model = await f.runtime.llama().then((l) => l.loadModel({ modelPath: f.model.path, vocabOnly: true }));
    try {
      const meta = sessionMetaFor(f.character);
      const metas = trainingMetas({ ...meta, botInfo: '小花是一只猫。' }, [
        { id: 'pv-1', kind: 'paraphrase', text: '小花是一只爱看书的猫。', accepted: true, sourceRevision: 1, createdAt: '' },
      ]);
      const parsed = parseDataset('cat.jsonl', catDialoguesJsonl(4), ['小花']);
      const prepared = prepareWindows(model, metas, [{ name: 'cat', parsed }], resolveSettings('balanced', { windowTokens: 128, heldOutFraction: 0 }));
      const texts = prepared.train.flat().map((piece) => model.detokenize(piece.tokens as never));
      expect(texts).toHaveLength(4);
      // Packing reorders windows; each wording must carry half of the dialogues.
      expect(texts.filter((t) => t.includes('小花是一只爱看书的猫。'))).toHaveLength(2);
      expect(texts.filter((t) => t.includes('小花是一只猫。'))).toHaveLength(2);
      expect(texts.every((t) => t.includes('关于小花的信息：小花是一只'))).toBe(true);
    } finally {
      await model.dispose();
    }
  });
});
