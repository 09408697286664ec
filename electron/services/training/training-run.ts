import { rm, stat } from 'node:fs/promises';
import { CHARACTERGLM_FORMAT_VERSION } from '../../../shared/prompt/characterglm-format';
import {
  ADAPTER_METADATA_VERSION, type AdapterMetadata, type LossPoint, type TrainingJobEvent, type TrainingJobView, type TrainingState,
} from '../../../shared/training/training-job';
import type { AdapterStore } from '../adapters/adapter-store';
import { applyLine, initialState, jobView, type LiveProgress, type RunState } from './job-view';
import { modelSha256 } from './model-hash';
import { writeRunRecord, type RunRecord } from './run-record';
import type { TrainerChoice } from './trainer-device';
import { failedBeforeFirstStep, failureReason, startTrainer, type TrainerLine } from './trainer-process';
import { backwardWeightsFile, trainingPaths } from './training-paths';

// One run from the moment its windows are written until the adapter is stored (or the run stops): gets
// the trainer ready, starts it, folds its lines into its state (job-view.ts), keeps run.json current so
// the run can be resumed, and files the finished adapter with its metadata and loss curve.

const EMIT_EVERY_MS = 250;

/** What a run needs from the studio. */
export interface RunEnvironment {
  charactersDir: string;
  adapters: AdapterStore;
  /** The trainer and device for this run (`onBuild`: a variant is being compiled, minutes). */
  trainer: (onBuild: () => void) => Promise<TrainerChoice>;
  threads: () => Promise<number>;
  /** Folder of the trainer's per-model caches of transposed weights; absent: they are kept in memory. */
  backwardWeightsDir?: string;
  emit: (event: TrainingJobEvent) => void;
}

/** A run in progress (or just finished). */
export class TrainingRun {
  private state: RunState;
  readonly curve: LossPoint[];
  /** How much of `curve` has been published: each event carries only the points after it. */
  private published: number;
  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;
  private cancelTrainer: (() => void) | null = null;
  /** The base model file this run trains on. */
  get baseModelPath(): string {
    return this.record.baseModel.path;
  }

  /** What the UI shows: derived from the run's state each time, never kept beside it. */
  get view(): TrainingJobView {
    return jobView(this.state);
  }

  private get record(): RunRecord {
    return this.state.record;
  }

  /** The trainer's process id while it runs (diagnostics, and tests that kill it). */
  trainerPid: number | undefined;
  private cancelRequested = false;
  /** Whether the trainer has reported a step: a GPU run that fails before one starts again on the CPU. */
  private stepped = false;
  private recordWrites: Promise<void> = Promise.resolve();
  readonly finished: Promise<void>;

  constructor(record: RunRecord, curve: LossPoint[], private readonly env: RunEnvironment, resume: boolean) {
    this.state = initialState(record, 'getting ready');
    this.curve = [...curve];
    this.published = this.curve.length;
    this.finished = this.run(resume);
  }

  cancel(): void {
    this.cancelRequested = true;
    this.cancelTrainer?.();
  }

  private paths() {
    return trainingPaths(this.env.charactersDir, this.record.characterId).run(this.record.runId);
  }

  private publish(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < EMIT_EVERY_MS) {
      this.emitTimer ??= setTimeout(() => {
        this.emitTimer = null;
        this.publish(true);
      }, EMIT_EVERY_MS);
      return;
    }
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.lastEmit = now;
    const points = this.curve.slice(this.published);
    this.published = this.curve.length;
    this.env.emit({ job: this.view, points });
  }

  private set(record: Partial<RunRecord>, live: Partial<LiveProgress> = {}): void {
    this.state = { record: { ...this.state.record, ...record }, live: { ...this.state.live, ...live } };
  }

  /** Says what the run is doing now (the UI shows it at once). */
  private update(record: Partial<RunRecord>, live: Partial<LiveProgress> = {}): void {
    this.set(record, live);
    this.publish(true);
  }

  // writes run.json one at a time, in order: a late checkpoint write must never overwrite the final state
  private saveRecord(state: TrainingState, message: string | null): Promise<void> {
    this.set({ state, message });
    const snapshot = this.record; // replaced, never changed in place: later updates do not reach this write
    this.recordWrites = this.recordWrites.catch(() => undefined).then(() => writeRunRecord(this.paths().record, snapshot));
    return this.recordWrites;
  }

  private async run(resume: boolean): Promise<void> {
    try {
      let choice = await this.env.trainer(() => this.update({ message: 'building the trainer (first run only; this takes several minutes)' }));
      this.update({}, { device: choice.device });
      if (!this.record.baseModel.sha256) {
        this.update({ message: 'checking the base model' });
        const sha256 = await modelSha256(this.record.baseModel.path);
        this.update({ baseModel: { ...this.record.baseModel, sha256 } });
      }
      if (this.cancelRequested) return await this.stop('cancelled', 'cancelled before training started');
      await this.saveRecord('training', null);
      this.update({ message: 'starting' });
      let exit = await this.train(choice, resume);
      if (choice.cpuFallback && !this.cancelRequested && failedBeforeFirstStep(exit, this.stepped)) {
        choice = await choice.cpuFallback(failureReason(exit));
        this.update({ message: 'starting on the CPU' }, { device: choice.device });
        exit = await this.train(choice, resume);
      }
      const last = exit.last;
      if (last?.type === 'done') return await this.finish(last);
      if (last?.type === 'cancelled') return await this.stop('cancelled', null);
      await this.stop('failed', failureReason(exit));
    } catch (error) {
      await this.stop('failed', (error as Error).message).catch(() => undefined);
    }
  }

  private async train({ exe, gpuLayers }: TrainerChoice, resume: boolean) {
    const paths = this.paths();
    const trainer = startTrainer({
      exe, model: this.record.baseModel.path, windows: paths.windows, outDir: paths.dir, settings: this.record.settings,
      threads: await this.env.threads(), resume, gpuLayers,
      // a run on the same model (and first layer) maps the same file
      ...(this.env.backwardWeightsDir ? { backwardCache: backwardWeightsFile(this.env.backwardWeightsDir, this.record.baseModel.sha256, this.record.settings) } : {}),
      metadata: {
        'studio.character_id': this.record.characterId,
        'studio.base_model_sha256': this.record.baseModel.sha256,
        'studio.prompt_format': `characterglm-v${CHARACTERGLM_FORMAT_VERSION}`,
      },
      ...(this.record.maxSteps ? { maxSteps: this.record.maxSteps } : {}),
      ...(this.record.checkpointEvery ? { checkpointEvery: this.record.checkpointEvery } : {}),
    }, (line) => this.onLine(line), paths.log);
    this.cancelTrainer = trainer.cancel;
    this.trainerPid = trainer.pid;
    if (this.cancelRequested) trainer.cancel();
    return trainer.exit;
  }

  private onLine(line: TrainerLine): void {
    if (line.type === 'step') this.stepped = true;
    const { run, point } = applyLine(this.state, line);
    this.state = run;
    if (point) this.curve.push(point);
    if (line.type === 'checkpoint') void this.saveRecord('training', null).catch(() => undefined);
    this.publish(line.type !== 'step');
  }

  private async finish(done: Extract<TrainerLine, { type: 'done' }>): Promise<void> {
    this.update({ message: 'saving the adapter' });
    // The curve this run has held since it started (a resumed run: the points up to its checkpoint, then
    // its own), not the progress file again: that one also keeps what a cancelled attempt wrote past it.
    const curve = this.curve;
    const heldOut = curve.filter((p) => p.heldOut !== undefined);
    const metadata: AdapterMetadata = {
      formatVersion: ADAPTER_METADATA_VERSION,
      name: this.record.adapterName,
      createdAt: new Date().toISOString(),
      characterId: this.record.characterId,
      characterRevision: this.record.characterRevision,
      promptFormat: `characterglm-v${CHARACTERGLM_FORMAT_VERSION}`,
      baseModel: {
        name: this.record.baseModel.name, sha256: this.record.baseModel.sha256,
        architecture: this.record.baseModel.architecture, quantization: this.record.baseModel.quantization,
      },
      settings: { ...this.record.settings },
      datasets: this.record.datasets,
      profileVariants: this.record.profileVariants,
      results: {
        steps: done.step,
        trainTokens: this.record.trainTokens,
        finalTrainLoss: done.finalTrainLoss,
        initialHeldOutLoss: heldOut[0]?.heldOut ?? null,
        finalHeldOutLoss: done.finalHeldOutLoss,
        elapsedSeconds: done.elapsedSeconds,
        tokensPerSecond: this.state.live.tokensPerSecond,
        peakMemoryBytes: done.peakMemoryBytes,
        device: this.state.live.device?.name ?? 'cpu',
      },
    };
    await this.env.adapters.store(this.record.characterId, done.adapterPath, metadata, curve);
    await rm(this.paths().dir, { recursive: true, force: true });
    this.update({ state: 'done', message: null });
  }

  private async stop(state: 'cancelled' | 'failed', message: string | null): Promise<void> {
    const hasCheckpoint = await stat(this.paths().checkpoint).then(() => true, () => false);
    if (!hasCheckpoint) this.set({ checkpointStep: null });
    await this.saveRecord(state, message);
    this.publish(true);
  }
}
