import type { LossPoint, TrainingJobView } from '../../../shared/training/training-job';
import type { RunRecord } from './run-record';
import type { TrainerLine } from './trainer-process';

// Folds the trainer's lines into what the UI shows: the job view and the new points of the loss curve.

/** A fresh view for a run record. */
export function initialView(record: RunRecord, message: string | null): TrainingJobView {
  const { path: _path, ...base } = record.baseModel;
  return {
    runId: record.runId, characterId: record.characterId, adapterName: record.adapterName, state: record.state, message,
    step: record.step, totalSteps: record.totalSteps, epoch: 0, trainLoss: null, heldOutLoss: null,
    tokensPerSecond: null, etaSeconds: null, peakMemoryBytes: null, elapsedSeconds: 0,
    settings: record.settings, datasets: record.datasets.map((d) => d.name), baseModel: base, startedAt: record.startedAt, windows: record.windows,
    device: null,
  };
}

/** The view after one trainer line, and the curve point it adds (if any). */
export function applyLine(view: TrainingJobView, line: TrainerLine): { view: TrainingJobView; point: LossPoint | null } {
  switch (line.type) {
    case 'start':
      return { view: { ...view, state: 'training', message: null, step: line.step, totalSteps: line.totalSteps }, point: null };
    case 'step':
      return {
        view: {
          ...view, state: 'training', step: line.step, totalSteps: line.totalSteps, epoch: line.epoch,
          trainLoss: line.trainLoss ?? view.trainLoss, tokensPerSecond: line.tokensPerSecond, etaSeconds: line.etaSeconds,
          peakMemoryBytes: line.peakMemoryBytes, elapsedSeconds: line.elapsedSeconds,
        },
        point: line.trainLoss === null ? null : { step: line.step, train: line.trainLoss },
      };
    case 'eval':
      return { view: { ...view, heldOutLoss: line.heldOutLoss }, point: line.heldOutLoss === null ? null : { step: line.step, heldOut: line.heldOutLoss } };
    case 'done':
      return { view: { ...view, step: line.step, etaSeconds: 0, elapsedSeconds: line.elapsedSeconds, peakMemoryBytes: line.peakMemoryBytes }, point: null };
    case 'cancelled':
      return { view: { ...view, step: line.step }, point: null };
    default:
      return { view, point: null };
  }
}
