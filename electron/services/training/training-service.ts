import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import type { GpuBuild } from '../native/native-build';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import { withDialogueLore } from '../../../shared/chat/session-lore';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';
import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import type { DatasetPreview, DatasetSummary } from '../../../shared/training/dataset-view';
import { parseDataset } from '../../../shared/training/parse-dataset';
import type { LossPoint, TrainingEstimate, TrainingJobEvent, TrainingJobView, TrainingRunSummary, TrainingStatus } from '../../../shared/training/training-job';
import type { TrainingSettings } from '../../../shared/training/training-settings';
import { trainingMetas } from '../../../shared/training/profile-variants';
import type { DatasetFormat } from '../../../shared/training/training-sample';
import { AdapterStore } from '../adapters/adapter-store';
import { assertAdapterName } from '../adapters/adapter-layout';
import { datasetPreview } from './dataset-preview';
import { DatasetStore } from './dataset-store';
import { modelSha256 } from './model-hash';
import { ProfileVariantsStore } from './profile-variants-store';
import { readCurve, readRunRecord, runSummary, writeRunRecord, type RunRecord } from './run-record';
import { ensureTrainer } from './trainer-build';
import { chooseTrainer, deviceFromStart, type TrainerChoice, type TrainerConfig } from './trainer-device';
import { failedBeforeFirstStep, failureReason, startTrainer, type TrainerLine } from './trainer-process';
import { TrainingRun } from './training-run';
import { backwardWeightsFile, trainingPaths } from './training-paths';
import { heldOutDialogues, prepareWindows, runDialogues, type RunDialogue } from './training-windows';
import { VocabModels } from './vocab-models';
import { writeWindowsFile } from './windows-file';

// The training service: datasets, runs (one at a time: training uses every core) and adapters of the
// characters in one library. Runs outlive the request that started them; progress goes to listeners.

/** The base model of a run: an installed model, or (from the CLI) any GGUF file. */
export interface BaseModelRef {
  name: string;
  path: string;
  sha256?: string;
  architecture: string;
  quantization: string;
}

export interface TrainingDeps {
  charactersDir: string;
  characters: { get(id: string): Promise<Character> };
  llama: () => Promise<Llama>;
  threads: () => Promise<number>;
  /** The model the runtime has loaded, whose tokenizer can be reused. */
  loadedModel: () => { path: string; model: LlamaModel } | null;
  trainerExe?: (log: (line: string) => void, gpu?: GpuBuild, onBuild?: () => void) => Promise<string>;
  /** The trainer's settings from the environment (the host reads them; services never read process.env). */
  trainerConfig?: TrainerConfig;
  /** Where the trainer keeps each base model's transposed weights (made once per model, memory-mapped). */
  backwardWeightsDir?: string;
}

/** A run to start. */
export interface StartRequest {
  characterId: string;
  datasets: string[];
  adapterName: string;
  model: BaseModelRef;
  settings: TrainingSettings;
  /** Tests: cap the steps and checkpoint more often. */
  maxSteps?: number;
  checkpointEvery?: number;
}

const DEFAULT_WINDOW = 512;

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export class TrainingService {
  // Callers reach datasets, adapters and profile variants through these stores; the service itself
  // adds only what spans them (tokenising, runs, estimates).
  readonly datasets: DatasetStore;
  readonly adapters: AdapterStore;
  readonly variants: ProfileVariantsStore;
  private readonly vocab: VocabModels;
  private active: TrainingRun | null = null;
  private last: TrainingRun | null = null;
  private readonly listeners = new Set<(event: TrainingJobEvent) => void>();

  constructor(private readonly deps: TrainingDeps) {
    this.datasets = new DatasetStore(deps.charactersDir);
    this.adapters = new AdapterStore(deps.charactersDir);
    this.variants = new ProfileVariantsStore(deps.charactersDir);
    this.vocab = new VocabModels(deps.llama, deps.loadedModel);
  }

  onJob(listener: (event: TrainingJobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: TrainingJobEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- datasets

  private async parseUpload(characterId: string, fileName: string, content: string, format?: DatasetFormat) {
    const character = await this.deps.characters.get(characterId);
    return { character, parsed: parseDataset(fileName, content, [character.name, character.nickname], format) };
  }

  private async tokenizer(model: BaseModelRef | null): Promise<{ model: LlamaModel; name: string } | null> {
    return model ? { model: await this.vocab.get(model.path), name: model.name } : null;
  }

  async inspectImport(input: { characterId: string; fileName: string; content: string; format?: DatasetFormat; windowTokens?: number }, model: BaseModelRef | null): Promise<DatasetPreview> {
    const { character, parsed } = await this.parseUpload(input.characterId, input.fileName, input.content, input.format);
    return datasetPreview(parsed, sessionMetaFor(character), await this.tokenizer(model), input.windowTokens ?? DEFAULT_WINDOW);
  }

  async importDataset(input: { characterId: string; fileName: string; content: string; format?: DatasetFormat; name: string }): Promise<DatasetSummary> {
    const { parsed } = await this.parseUpload(input.characterId, input.fileName, input.content, input.format);
    if (parsed.issues.length > 0) {
      const list = parsed.issues.slice(0, 5).map((i) => `line ${i.line}: ${i.message}`).join('; ');
      throw new StudioError('invalid_input', `${input.fileName} has ${parsed.issues.length} problem(s), nothing was saved: ${list}`);
    }
    return this.datasets.save(input.characterId, input.name, parsed, input.fileName);
  }

  async previewDataset(input: { characterId: string; name: string; windowTokens?: number }, model: BaseModelRef | null): Promise<DatasetPreview> {
    const character = await this.deps.characters.get(input.characterId);
    const parsed = await this.datasets.read(input.characterId, input.name);
    return datasetPreview(parsed, sessionMetaFor(character), await this.tokenizer(model), input.windowTokens ?? DEFAULT_WINDOW);
  }

  // ---- runs

  private assertIdle(): void {
    if (this.active) {
      throw new StudioError('conflict', `a training run is going already (adapter "${this.active.view.adapterName}"): wait for it to finish or cancel it`);
    }
  }

  private launch(record: RunRecord, curve: LossPoint[], resume: boolean): TrainingJobView {
    const run = new TrainingRun(record, curve, {
      charactersDir: this.deps.charactersDir,
      adapters: this.adapters,
      trainer: (onBuild) => this.chooseTrainer(onBuild),
      threads: this.deps.threads,
      ...(this.deps.backwardWeightsDir ? { backwardWeightsDir: this.deps.backwardWeightsDir } : {}),
      emit: (event) => this.emit(event),
    }, resume);
    this.active = run;
    void run.finished.finally(() => {
      if (this.active === run) this.active = null;
      this.last = run;
    });
    return run.view;
  }

  /** The trainer for the runtime's GPU, else the CPU one. The runtime's llama.cpp is a GPU one only where it
   * lists a device to offload to (LlamaRuntime takes the CPU binary otherwise), so its backend is the answer. */
  private async chooseTrainer(onBuild?: () => void): Promise<TrainerChoice> {
    const llama = await this.deps.llama();
    return chooseTrainer(llama.gpu, (variant) => (this.deps.trainerExe ?? ensureTrainer)(() => undefined, variant, onBuild), this.deps.trainerConfig);
  }

  /** The datasets, the base model's tokenizer and the session metas (profile, then accepted variants) of a run. */
  private async inputs(request: Omit<StartRequest, 'adapterName'>, character: Character) {
    const datasets = await Promise.all(request.datasets.map(async (name) => ({ name, parsed: await this.datasets.read(request.characterId, name) })));
    const model = await this.vocab.get(request.model.path);
    const metas = trainingMetas(sessionMetaFor(character), await this.variants.list(request.characterId));
    // a card's lorebook joins bot_info as in chat
    const lore = (meta: SessionMeta, turns: readonly DialogueTurn[]): SessionMeta => withDialogueLore(meta, character, turns);
    return { datasets, model, metas, lore };
  }

  private async prepare(request: Omit<StartRequest, 'adapterName'>, character: Character) {
    const { datasets, model, metas, lore } = await this.inputs(request, character);
    return { prepared: prepareWindows(model, metas, datasets, request.settings, lore), metas };
  }

  /**
   * A run's dialogues exactly as the trainer would cut them (profile variants in turn, the window, the
   * held-out split), for exporting them to a trainer elsewhere.
   */
  async runDialogues(request: Omit<StartRequest, 'adapterName'>): Promise<{ dialogues: RunDialogue[]; heldOut: Set<number> }> {
    const character = await this.deps.characters.get(request.characterId);
    const { datasets, model, metas, lore } = await this.inputs(request, character);
    const dialogues = runDialogues(model, metas, datasets, request.settings.windowTokens, lore);
    return { dialogues, heldOut: heldOutDialogues(dialogues.length, request.settings) };
  }

  /**
   * What a run would take, measured: the trainer it would use trains two steps on the run's own first
   * windows (same model, rank, window and device), and the second step, times the run's steps, is the
   * estimate. Tens of seconds on a 6B model (loading it is most of that); refused while a run goes.
   */
  async estimate(request: Omit<StartRequest, 'adapterName'>): Promise<TrainingEstimate> {
    this.assertIdle();
    const character = await this.deps.characters.get(request.characterId);
    const { prepared } = await this.prepare(request, character);
    let choice = await this.chooseTrainer();
    const sha256 = request.model.sha256 ?? (await modelSha256(request.model.path));
    const dir = join(trainingPaths(this.deps.charactersDir, request.characterId).runsDir, `estimate-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(dir, { recursive: true });
      const windows = join(dir, 'windows.bin');
      await writeWindowsFile(windows, request.settings.windowTokens, prepared.train.slice(0, 2), []);
      const warmUp = async (trainerChoice: TrainerChoice) => {
        const steps: Array<Extract<TrainerLine, { type: 'step' }>> = [];
        let start: Extract<TrainerLine, { type: 'start' }> | null = null;
        const trainer = startTrainer({
          exe: trainerChoice.exe, model: request.model.path, windows, outDir: dir, settings: request.settings, threads: await this.deps.threads(),
          resume: false, gpuLayers: trainerChoice.gpuLayers, metadata: {}, maxSteps: 2,
          ...(this.deps.backwardWeightsDir ? { backwardCache: backwardWeightsFile(this.deps.backwardWeightsDir, sha256, request.settings) } : {}),
        }, (line) => {
          if (line.type === 'step') steps.push(line);
          if (line.type === 'start') start = line;
        });
        return { exit: await trainer.exit, steps, start: start as Extract<TrainerLine, { type: 'start' }> | null };
      };
      let { exit, steps, start } = await warmUp(choice);
      // as a run does: a GPU that fails before the first step (too little memory, say) gives way to the CPU
      if (choice.cpuFallback && failedBeforeFirstStep(exit, steps.length > 0)) {
        choice = await choice.cpuFallback(failureReason(exit));
        ({ exit, steps, start } = await warmUp(choice));
      }
      if (exit.last?.type !== 'done' || steps.length < 2 || !start) {
        throw new StudioError('failed', `the warm-up steps failed: ${failureReason(exit)}`);
      }
      const secondsPerStep = steps[1]!.elapsedSeconds - steps[0]!.elapsedSeconds;
      const totalSteps = Math.ceil(prepared.train.length / request.settings.gradAccum) * request.settings.epochs;
      const anon = Math.max(...steps.map((s) => s.anonMemoryBytes));
      return {
        device: deviceFromStart(choice.device, start), totalSteps, secondsPerStep, seconds: secondsPerStep * totalSteps,
        memoryBytes: Math.max(...steps.map((s) => s.peakMemoryBytes)), anonMemoryBytes: anon >= 0 ? anon : null,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Validates, tokenises and packs, then starts the run in the background. */
  async start(request: StartRequest): Promise<TrainingJobView> {
    this.assertIdle();
    const character = await this.deps.characters.get(request.characterId);
    const paths = trainingPaths(this.deps.charactersDir, request.characterId);
    assertAdapterName(request.adapterName);
    if (await this.adapters.exists(request.characterId, request.adapterName)) {
      throw new StudioError('conflict', `an adapter named "${request.adapterName}" exists already: pick another name`);
    }
    const { prepared, metas } = await this.prepare(request, character);
    this.assertIdle();

    const runId = newRunId();
    const run = paths.run(runId);
    await writeWindowsFile(run.windows, request.settings.windowTokens, prepared.train, prepared.heldOut);
    const stepsPerEpoch = Math.ceil(prepared.train.length / request.settings.gradAccum);
    const record: RunRecord = {
      runId, characterId: request.characterId, characterRevision: character.revision, adapterName: request.adapterName,
      state: 'preparing', message: null, settings: request.settings, datasets: prepared.dialogues,
      baseModel: { ...request.model, sha256: request.model.sha256 ?? '' },
      startedAt: new Date().toISOString(),
      windows: { train: prepared.train.length, heldOut: prepared.heldOut.length },
      trainTokens: prepared.trainTokens,
      profileVariants: metas.length - 1,
      step: 0,
      totalSteps: request.maxSteps ?? stepsPerEpoch * request.settings.epochs,
      checkpointStep: null,
      ...(request.maxSteps ? { maxSteps: request.maxSteps } : {}),
      ...(request.checkpointEvery ? { checkpointEvery: request.checkpointEvery } : {}),
    };
    await writeRunRecord(run.record, record);
    return this.launch(record, [], false);
  }

  /** Continues a stopped run from its checkpoint, on the same base model. */
  async resume(characterId: string, runId: string): Promise<TrainingJobView> {
    this.assertIdle();
    const run = trainingPaths(this.deps.charactersDir, characterId).run(runId);
    const record = await readRunRecord(run.record);
    if (!record) throw new StudioError('not_found', `there is no resumable run ${runId}`);
    if (record.state === 'done') throw new StudioError('conflict', `run ${runId} has finished already`);
    const exists = await stat(record.baseModel.path).then(() => true, () => false);
    if (!exists) throw new StudioError('not_found', `the base model ${record.baseModel.name} is gone (${record.baseModel.path}); the run cannot continue`);
    if (record.baseModel.sha256 && (await modelSha256(record.baseModel.path)) !== record.baseModel.sha256) {
      throw new StudioError('conflict', `the base model file ${record.baseModel.path} changed since the run started; start a new run instead`);
    }
    const checkpoint = record.checkpointStep ?? 0;
    const curve = (await readCurve(run.progress)).filter((p) => p.step <= checkpoint);
    return this.launch({ ...record, state: 'preparing', message: null, step: checkpoint }, curve, true);
  }

  /** Asks the running job to stop (after a checkpoint); returns its view. */
  cancel(): TrainingJobView | null {
    this.active?.cancel();
    return this.active?.view ?? null;
  }

  /** The running trainer's process id (diagnostics, and tests that kill it). */
  trainerPid(): number | undefined {
    return this.active?.trainerPid;
  }

  /** Whether the running job (if any) trains on the model file at `path`. */
  isTrainingOn(path: string): boolean {
    return this.active?.baseModelPath === path;
  }

  status(): TrainingStatus | null {
    const run = this.active ?? this.last;
    return run ? { job: run.view, curve: run.curve } : null;
  }

  /** Resolves when the run `runId` (the active one) has ended. */
  async waitFor(runId: string): Promise<TrainingStatus> {
    const run = this.active?.view.runId === runId ? this.active : this.last?.view.runId === runId ? this.last : null;
    if (!run) throw new StudioError('not_found', `run ${runId} is not running`);
    await run.finished;
    return { job: run.view, curve: run.curve };
  }

  async runs(characterId: string): Promise<TrainingRunSummary[]> {
    const { runsDir } = trainingPaths(this.deps.charactersDir, characterId);
    const ids = await readdir(runsDir).catch(() => [] as string[]);
    const records = await Promise.all(ids.filter((id) => id.startsWith('run-')).map((id) => readRunRecord(trainingPaths(this.deps.charactersDir, characterId).run(id).record)));
    return records
      .filter((r): r is RunRecord => r !== null && r.state !== 'done' && r.runId !== this.active?.view.runId)
      .map((r) => (r.state === 'training' || r.state === 'preparing' ? { ...r, state: 'failed' as const, message: r.message ?? 'the studio stopped while this run was going' } : r))
      .map(runSummary)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async discardRun(characterId: string, runId: string): Promise<TrainingRunSummary[]> {
    if (this.active?.view.runId === runId) throw new StudioError('conflict', 'cancel the run before discarding it');
    await rm(trainingPaths(this.deps.charactersDir, characterId).run(runId).dir, { recursive: true, force: true });
    return this.runs(characterId);
  }

  /** Stops a running job (it checkpoints) and frees the tokenizer models. */
  async dispose(): Promise<void> {
    const run = this.active;
    run?.cancel();
    await run?.finished;
    await this.vocab.dispose();
  }
}
