import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../shared/training/training-settings';
import { applyLine, initialState, jobView } from './job-view';
import type { RunRecord } from './run-record';
import type { TrainerLine } from './trainer-process';

// The view is derived from the run's one state, so what run.json keeps and what the UI shows agree.

const record: RunRecord = {
  runId: 'run-1', characterId: 'c1', characterRevision: 1, adapterName: 'cat', state: 'preparing', message: null,
  settings: resolveSettings('quick'), datasets: [{ name: 'talk', dialogues: 3 }],
  baseModel: { name: 'tiny', path: '/models/tiny.gguf', sha256: 'ab', architecture: 'chatglm', quantization: 'Q4_K_M' },
  startedAt: '2026-01-01T00:00:00.000Z', windows: { train: 4, heldOut: 1 }, trainTokens: 100, profileVariants: 0,
  step: 0, totalSteps: 8, checkpointStep: null,
};

describe('a run state', () => {
  it('shows the record and the live progress, without the base model path', () => {
    const view = jobView(initialState(record, 'getting ready'));
    expect(view).toMatchObject({ runId: 'run-1', state: 'preparing', message: 'getting ready', step: 0, totalSteps: 8, datasets: ['talk'], device: null, tokensPerSecond: null });
    expect(view.baseModel).toEqual({ name: 'tiny', sha256: 'ab', architecture: 'chatglm', quantization: 'Q4_K_M' });
  });

  it('folds the trainer lines into the record (step, checkpoint) and the live progress (speed, losses, device)', () => {
    let run = initialState(record, 'starting');
    const fold = (line: TrainerLine) => {
      const next = applyLine(run, line);
      run = next.run;
      return next.point;
    };
    fold({ type: 'start', step: 0, totalSteps: 8, trainWindows: 4, heldOutWindows: 1, trainableParameters: 10, device: 'cpu', resumed: false, gpu: '', gpuProblem: '' } as TrainerLine); // the trainer's diagnostics are left out
    expect(run.record).toMatchObject({ state: 'training', message: null });
    expect(run.live.device).toMatchObject({ name: 'CPU', gpu: false });
    const point = fold({
      type: 'step', step: 2, totalSteps: 8, epoch: 1, trainLoss: 3.5, trainTokens: 50, learningRate: 1e-4, tokensPerSecond: 20, etaSeconds: 12,
      peakMemoryBytes: 1000, elapsedSeconds: 4, anonMemoryBytes: -1,
    });
    expect(point).toEqual({ step: 2, train: 3.5 });
    expect(fold({ type: 'eval', step: 2, heldOutLoss: 3.9, heldOutTokens: 10 })).toEqual({ step: 2, heldOut: 3.9 });
    fold({ type: 'checkpoint', step: 2, path: '/x' });
    expect(run.record).toMatchObject({ step: 2, checkpointStep: 2 });
    expect(jobView(run)).toMatchObject({ step: 2, epoch: 1, trainLoss: 3.5, heldOutLoss: 3.9, tokensPerSecond: 20, etaSeconds: 12 });
    // the record the run started from is never changed in place
    expect(record).toMatchObject({ state: 'preparing', step: 0, checkpointStep: null });
  });
});
