import type { LlamaModel } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';
import { heldOutIndices } from '../../../shared/training/held-out-split';
import { packWindows } from '../../../shared/training/pack-windows';
import type { TrainingSettings } from '../../../shared/training/training-settings';
import { sampleMeta } from '../../../shared/training/sample-segments';
import type { ParsedDataset, TrainingSample } from '../../../shared/training/training-sample';
import type { LabelledTokens } from '../../../shared/training/token-labels';
import { tokeniseSamples, type DialogueResult } from './dataset-tokens';
import type { Window } from './windows-file';

// From the chosen datasets to the trainer's windows: tokenise every dialogue, refuse what cannot be
// trained on (naming dataset and line), hold out whole dialogues, cut and pack the rest.

/** The windows of a run and what went into them. */
export interface PreparedWindows {
  train: Window[];
  heldOut: Window[];
  dialogues: Array<{ name: string; dialogues: number }>;
  /** Labelled (learnt) tokens per epoch. */
  trainTokens: number;
}

const MAX_LISTED = 5;

function pack(pieces: LabelledTokens[], windowTokens: number): Window[] {
  return packWindows(pieces.map((p) => p.tokens.length), windowTokens).map((idx) => idx.map((i) => pieces[i]!));
}

/** One dialogue of a run: where it came from, the session meta it is rendered with, and its tokenised pieces. */
export interface RunDialogue {
  dataset: string;
  sample: TrainingSample;
  /** The character's meta (or the profile variant whose turn it is), with the sample's own fields on top. */
  meta: SessionMeta;
  result: DialogueResult;
}

/**
 * Tokenises every dialogue of `datasets` as a run does, or throws a message that names every problem found.
 * `metas` are the profile as written and its accepted variants (prompt augmentation): dialogue i of the
 * run is rendered with metas[i % metas.length].
 */
export function runDialogues(
  model: LlamaModel, metas: readonly SessionMeta[], datasets: ReadonlyArray<{ name: string; parsed: ParsedDataset }>, windowTokens: number,
  lore: (meta: SessionMeta, turns: readonly DialogueTurn[]) => SessionMeta = (meta) => meta,
): RunDialogue[] {
  const problems: string[] = [];
  const all: RunDialogue[] = [];
  let index = 0;
  for (const { name, parsed } of datasets) {
    for (const issue of parsed.issues) problems.push(`dataset "${name}" line ${issue.line}: ${issue.message}`);
    for (const sample of parsed.samples) {
      const meta = lore(sampleMeta(metas[index++ % metas.length]!, sample.meta), sample.turns);
      const { meta: _own, ...bare } = sample;
      const tokenised = tokeniseSamples(model, meta, [bare], windowTokens);
      for (const issue of tokenised.issues) problems.push(`dataset "${name}" line ${issue.line}: ${issue.message}`);
      for (const result of tokenised.dialogues) all.push({ dataset: name, sample, meta, result });
    }
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
    throw new StudioError('invalid_input', `${problems.slice(0, MAX_LISTED).join('; ')}${more}`);
  }
  if (all.length === 0) throw new StudioError('invalid_input', 'the chosen datasets hold no dialogue with a character reply to learn from');
  return all;
}

/** Which of a run's dialogues are held out (whole dialogues, before cutting and packing). */
export function heldOutDialogues(count: number, settings: Pick<TrainingSettings, 'heldOutFraction' | 'seed'>): Set<number> {
  return new Set(heldOutIndices(count, settings.heldOutFraction, settings.seed));
}

/** Tokenises and packs `datasets` for a run (see runDialogues). */
export function prepareWindows(
  model: LlamaModel, metas: readonly SessionMeta[], datasets: ReadonlyArray<{ name: string; parsed: ParsedDataset }>, settings: TrainingSettings,
  lore?: (meta: SessionMeta, turns: readonly DialogueTurn[]) => SessionMeta,
): PreparedWindows {
  const all = runDialogues(model, metas, datasets, settings.windowTokens, lore);
  const held = heldOutDialogues(all.length, settings);
  const trainPieces = all.filter((_, i) => !held.has(i)).flatMap((d) => d.result.pieces);
  const heldPieces = all.filter((_, i) => held.has(i)).flatMap((d) => d.result.pieces);
  return {
    train: pack(trainPieces, settings.windowTokens),
    heldOut: pack(heldPieces, settings.windowTokens),
    dialogues: datasets.map(({ name, parsed }) => ({ name, dialogues: parsed.samples.length })),
    trainTokens: trainPieces.reduce((n, p) => n + p.labels.filter((l) => l >= 0).length, 0),
  };
}
