import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { StudioApi } from '../../../shared/contract/api';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { TrainingJobEvent, TrainingJobView } from '../../../shared/training/training-job';
import type { TrainingPreset } from '../../../shared/training/training-settings';
import { assertFileName } from '../../services/paths/confine';
import { listOption, numberOption, textOption } from '../cli-values';
import type { CliCommand, CliContext } from '../command';

// `studio train CHARACTER --dataset FILE`: imports the file as a dataset of the character (or uses a stored
// dataset of that name), trains a LoRA adapter with JSON-lines progress, and ends with the adapter's path
// and final losses. Ctrl-C stops at a checkpoint; `--resume RUN` continues it. Every step is a contract
// call (training.importDataset, training.start…) checked by the dispatcher; progress is the
// `training.job` event the studio window follows too.


async function datasetFor(api: StudioApi, characterId: string, file: string): Promise<string> {
  const stored = await api.training.listDatasets({ characterId });
  if (stored.some((d) => d.name === file)) return file;
  const content = await readFile(file, 'utf8').catch(() => {
    throw new StudioError('not_found', `${file}: no such file, and no dataset of that name`);
  });
  const stem = basename(file, extname(file)).replace(/^\.+/, '') || 'dataset';
  let name = stem;
  for (let n = 2; stored.some((d) => d.name === name); n++) name = `${stem}-${n}`;
  await api.training.importDataset({ characterId, fileName: basename(file), content, name });
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

const ENDED = new Set(['done', 'cancelled', 'failed']);

/**
 * Follows the `training.job` events from before the run starts (its first events may come before its id is
 * known): prints progress, stops the run at Ctrl-C, and resolves with the run's last view once it ends.
 */
function follow(ctx: CliContext, api: StudioApi): { until: (runId: string) => Promise<TrainingJobView>; stop: () => void } {
  const seen: TrainingJobEvent[] = [];
  let waiting: { runId: string; resolve: (job: TrainingJobView) => void } | null = null;
  let last = 0;
  const off = api.on('training.job', (e) => {
    seen.push(e);
    if (waiting && e.job.runId === waiting.runId) show(e);
    if (waiting && e.job.runId === waiting.runId && ENDED.has(e.job.state)) waiting.resolve(e.job);
  });
  const show = (e: TrainingJobEvent): void => {
    const now = Date.now();
    if (e.job.state === 'training' && e.points.every((p) => p.heldOut === undefined) && now - last < 500) return;
    last = now;
    const { settings: _settings, baseModel: _base, ...job } = e.job;
    ctx.progress({ type: 'progress', ...job, points: e.points }, progressText(e));
  };
  const onSigint = (): void => void api.training.cancel({});
  process.once('SIGINT', onSigint);
  const stop = (): void => {
    process.off('SIGINT', onSigint);
    off();
  };
  const until = (runId: string): Promise<TrainingJobView> => new Promise((resolve) => {
    const earlier = seen.filter((e) => e.job.runId === runId);
    earlier.forEach(show);
    const ended = earlier.find((e) => ENDED.has(e.job.state));
    if (ended) resolve(ended.job);
    else waiting = { runId, resolve };
  });
  return { until, stop };
}

/** Imports the dataset files and starts a run; checks what it can before anything is saved. */
async function start(ctx: CliContext, api: StudioApi, characterId: string): Promise<string> {
  const files = listOption(ctx, 'dataset');
  if (files.length === 0) throw new StudioError('invalid_input', 'give the dialogues to learn from with --dataset FILE');
  const rank = numberOption(ctx, 'rank');
  const epochs = numberOption(ctx, 'epochs');
  const learningRate = numberOption(ctx, 'lr');
  const windowTokens = numberOption(ctx, 'window');
  const settings = {
    ...(rank !== undefined ? { rank, alpha: rank * 2 } : {}), ...(epochs !== undefined ? { epochs } : {}),
    ...(learningRate !== undefined ? { learningRate } : {}), ...(windowTokens !== undefined ? { windowTokens } : {}),
  };
  const modelFile = textOption(ctx, 'model');
  if (modelFile === undefined && (await api.models.list({})).length === 0) {
    throw new StudioError('not_found', 'no model installed yet: install the demo model or import a GGUF in Models');
  }
  // --name is checked before any dataset is saved, so a bad name leaves the library as it was.
  const name = textOption(ctx, 'name');
  const named = name === undefined ? undefined : assertFileName(name, '--name');
  if (named !== undefined && (await api.training.listAdapters({ characterId })).some((a) => a.name === named)) {
    throw new StudioError('conflict', `--name: an adapter named "${named}" exists already: pick another name`);
  }
  const datasets: string[] = [];
  for (const file of files) datasets.push(await datasetFor(api, characterId, file));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const adapterName = named ?? `${datasets[0]}-${stamp}`;
  // The contract checks the preset's name.
  const preset = textOption(ctx, 'preset') as TrainingPreset | undefined;
  return (await api.training.start({
    characterId, datasets, adapterName, ...(modelFile !== undefined ? { modelFile } : {}), ...(preset !== undefined ? { preset } : {}), settings,
  })).runId;
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
    const character = await studio.services.characters.resolve(ref);
    const { api } = studio;
    const run = follow(ctx, api);
    let job: TrainingJobView;
    try {
      const resume = textOption(ctx, 'resume');
      job = await run.until(resume !== undefined
        ? (await api.training.resume({ characterId: character.id, runId: resume })).runId
        : await start(ctx, api, character.id));
    } finally {
      run.stop();
    }
    if (job.state === 'cancelled') {
      throw new StudioError('cancelled', `stopped at step ${job.step}/${job.totalSteps}; continue with: studio train ${character.id} --resume ${job.runId}`);
    }
    if (job.state !== 'done') throw new StudioError('failed', `training failed: ${job.message ?? 'unknown reason'} (resume with --resume ${job.runId})`);
    const adapter = (await api.training.listAdapters({ characterId: character.id })).find((a) => a.name === job.adapterName)!;
    const path = studio.services.training.adapters.path(character.id, job.adapterName);
    const results = adapter.metadata?.results;
    ctx.result(
      { adapter: job.adapterName, path, steps: job.step, finalTrainLoss: results?.finalTrainLoss ?? null, initialHeldOutLoss: results?.initialHeldOutLoss ?? null, finalHeldOutLoss: results?.finalHeldOutLoss ?? null, baseModel: adapter.metadata?.baseModel ?? null },
      `Trained ${job.adapterName} in ${Math.round(job.elapsedSeconds)}s: ${path}\n` +
        `final loss ${results?.finalTrainLoss?.toFixed(3) ?? '?'}${results?.finalHeldOutLoss != null ? `, held-out ${results.initialHeldOutLoss?.toFixed(3)} → ${results.finalHeldOutLoss.toFixed(3)}` : ''}`,
    );
  },
};
