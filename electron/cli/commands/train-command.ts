import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { TrainingJobEvent, TrainingStatus } from '../../../shared/training/training-job';
import { resolveSettings, TRAINING_PRESETS, type TrainingPreset } from '../../../shared/training/training-settings';
import { assertFileName } from '../../services/paths/confine';
import { baseFromFile, requireBaseModel } from '../../services/training/base-model';
import type { TrainingService } from '../../services/training/training-service';
import type { CliCommand, CliContext } from '../command';

// `studio train CHARACTER --dataset FILE`: imports the file as a dataset of the character (or uses a stored
// dataset of that name), trains a LoRA adapter with JSON-lines progress, and ends with the adapter's path
// and final losses. Ctrl-C stops at a checkpoint; `--resume RUN` continues it.

const number = (ctx: CliContext, key: string): number | undefined => {
  const raw = ctx.values[key];
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new StudioError('invalid_input', `--${key} expects a number, got "${raw}"`);
  return value;
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

async function datasetFor(training: TrainingService, characterId: string, file: string): Promise<string> {
  const stored = await training.listDatasets(characterId);
  if (stored.some((d) => d.name === file)) return file;
  const content = await readFile(file, 'utf8').catch(() => {
    throw new StudioError('not_found', `${file}: no such file, and no dataset of that name`);
  });
  const stem = basename(file, extname(file)).replace(/^\.+/, '') || 'dataset';
  let name = stem;
  for (let n = 2; stored.some((d) => d.name === name); n++) name = `${stem}-${n}`;
  await training.importDataset({ characterId, fileName: basename(file), content, name });
  return name;
}

function progressText(e: TrainingJobEvent): string {
  const j = e.job;
  if (j.state === 'preparing' || (j.state === 'training' && j.step === 0)) return j.message ?? 'preparing';
  const loss = j.trainLoss === null ? '' : ` loss ${j.trainLoss.toFixed(3)}`;
  const held = j.heldOutLoss === null ? '' : `, held-out ${j.heldOutLoss.toFixed(3)}`;
  const speed = j.tokensPerSecond ? `, ${Math.round(j.tokensPerSecond)} tokens/s` : '';
  const eta = j.etaSeconds ? `, ${Math.round(j.etaSeconds)}s left` : '';
  const memory = j.peakMemoryBytes ? `, ${formatBytes(j.peakMemoryBytes)}` : '';
  return `step ${j.step}/${j.totalSteps} (epoch ${j.epoch.toFixed(2)})${loss}${held}${speed}${eta}${memory}`;
}

async function follow(ctx: CliContext, training: TrainingService, runId: string): Promise<TrainingStatus> {
  let last = 0;
  const off = training.onJob((e) => {
    const now = Date.now();
    if (e.job.state === 'training' && e.points.every((p) => p.heldOut === undefined) && now - last < 500) return;
    last = now;
    const { settings: _settings, baseModel: _base, ...job } = e.job;
    ctx.progress({ type: 'progress', ...job, points: e.points }, progressText(e));
  });
  const onSigint = (): void => void training.cancel();
  process.once('SIGINT', onSigint);
  try {
    return await training.waitFor(runId);
  } finally {
    process.off('SIGINT', onSigint);
    off();
  }
}

export const trainCommand: CliCommand = {
  words: ['train'],
  summary: 'Train a LoRA adapter for a character on a dataset file (JSONL, session JSON, transcript or CSV)',
  usage: 'studio train CHARACTER --dataset FILE [--dataset FILE…] [--model FILE] [--preset quick|balanced|thorough] [--epochs N] [--rank R] [--lr X] [--window N] [--name ADAPTER] [--json]\n       studio train CHARACTER --resume RUN_ID [--json]',
  options: {
    dataset: { type: 'string', multiple: true }, model: { type: 'string' }, preset: { type: 'string' }, epochs: { type: 'string' },
    rank: { type: 'string' }, lr: { type: 'string' }, window: { type: 'string' }, name: { type: 'string' }, resume: { type: 'string' },
  },
  async run(ctx) {
    const ref = ctx.args[0];
    if (!ref) throw new StudioError('invalid_input', 'name the character to train (its id or exact name)');
    const studio = await ctx.studio();
    const training = studio.services.training;
    const character = await studio.services.characters.resolve(ref);

    let runId: string;
    if (typeof ctx.values.resume === 'string') {
      runId = (await training.resume(character.id, ctx.values.resume)).runId;
    } else {
      const files = list(ctx.values.dataset);
      if (files.length === 0) throw new StudioError('invalid_input', 'give the dialogues to learn from with --dataset FILE');
      const preset = (ctx.values.preset ?? 'balanced') as TrainingPreset;
      if (!TRAINING_PRESETS.includes(preset)) throw new StudioError('invalid_input', `--preset must be one of ${TRAINING_PRESETS.join(', ')}`);
      const rank = number(ctx, 'rank');
      const epochs = number(ctx, 'epochs');
      const learningRate = number(ctx, 'lr');
      const windowTokens = number(ctx, 'window');
      const settings = resolveSettings(preset, {
        ...(rank !== undefined ? { rank, alpha: rank * 2 } : {}), ...(epochs !== undefined ? { epochs } : {}),
        ...(learningRate !== undefined ? { learningRate } : {}), ...(windowTokens !== undefined ? { windowTokens } : {}),
      });
      const model = typeof ctx.values.model === 'string'
        ? await baseFromFile(ctx.values.model, await studio.services.models.list())
        : await requireBaseModel(studio.services.models, undefined);
      // --name is checked before any dataset is saved, so a bad name leaves the library as it was.
      const named = typeof ctx.values.name === 'string' ? assertFileName(ctx.values.name, '--name') : undefined;
      if (named !== undefined && (await training.adapters.exists(character.id, named))) {
        throw new StudioError('conflict', `--name: an adapter named "${named}" exists already: pick another name`);
      }
      const datasets: string[] = [];
      for (const file of files) datasets.push(await datasetFor(training, character.id, file));
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      const adapterName = named ?? `${datasets[0]}-${stamp}`;
      runId = (await training.start({ characterId: character.id, datasets, adapterName, model, settings })).runId;
    }

    const { job } = await follow(ctx, training, runId);
    if (job.state === 'cancelled') {
      throw new StudioError('cancelled', `stopped at step ${job.step}/${job.totalSteps}; continue with: studio train ${character.id} --resume ${job.runId}`);
    }
    if (job.state !== 'done') throw new StudioError('failed', `training failed: ${job.message ?? 'unknown reason'} (resume with --resume ${job.runId})`);
    const adapter = (await training.listAdapters(character.id)).find((a) => a.name === job.adapterName)!;
    const path = training.adapters.path(character.id, job.adapterName);
    const results = adapter.metadata?.results;
    ctx.result(
      { adapter: job.adapterName, path, steps: job.step, finalTrainLoss: results?.finalTrainLoss ?? null, initialHeldOutLoss: results?.initialHeldOutLoss ?? null, finalHeldOutLoss: results?.finalHeldOutLoss ?? null, baseModel: adapter.metadata?.baseModel ?? null },
      `Trained ${job.adapterName} in ${Math.round(job.elapsedSeconds)}s: ${path}\n` +
        `final loss ${results?.finalTrainLoss?.toFixed(3) ?? '?'}${results?.finalHeldOutLoss != null ? `, held-out ${results.initialHeldOutLoss?.toFixed(3)} → ${results.finalHeldOutLoss.toFixed(3)}` : ''}`,
    );
  },
};
