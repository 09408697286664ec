import type { LossPoint, TrainingJobView } from '../../../shared/training/training-job';
import type { RunRecord } from './run-record';
import { deviceFromStart } from './trainer-device';
import type { TrainerLine } from './trainer-process';

// A run's state is its record (what run.json keeps, held current in memory and written at save points)
// beside what only a live run knows; the job view the UI shows is derived from the two, never kept as
// a second copy that could drift from the record.

/** What the trainer's latest lines say that run.json does not keep: a resumed run learns it again. */
export type LiveProgress = Pick<TrainingJobView,
  'epoch' | 'trainLoss' | 'heldOutLoss' | 'tokensPerSecond' | 'etaSeconds' | 'peakMemoryBytes' | 'elapsedSeconds' | 'device'>;

/** The one state of a run. */
export interface RunState {
  readonly record: RunRecord;
  readonly live: LiveProgress;
}

/** A run that has not heard from its trainer yet. */
export function initialState(record: RunRecord, message: string | null): RunState {
  return {
    record: { ...record, message },
    live: { epoch: 0, trainLoss: null, heldOutLoss: null, tokensPerSecond: null, etaSeconds: null, peakMemoryBytes: null, elapsedSeconds: 0, device: null },
  };
}

/** What the UI shows of a run. */
export function jobView({ record, live }: RunState): TrainingJobView {
  const { path: _path, ...base } = record.baseModel;
  return {
    runId: record.runId, characterId: record.characterId, adapterName: record.adapterName, state: record.state, message: record.message,
    step: record.step, totalSteps: record.totalSteps, ...live,
    settings: record.settings, datasets: record.datasets.map((d) => d.name), baseModel: base, startedAt: record.startedAt, windows: record.windows,
  };
}

/** The state after one trainer line, and the curve point the line adds (if any). */
export function applyLine(run: RunState, line: TrainerLine): { run: RunState; point: LossPoint | null } {
  const { record, live } = run;
  switch (line.type) {
    case 'start':
      return {
        run: {
          record: { ...record, state: 'training', message: null, step: line.step, totalSteps: line.totalSteps },
          live: { ...live, device: deviceFromStart(live.device ?? { name: 'CPU', gpu: false, note: null }, line) },
        },
        point: null,
      };
    case 'step':
      return {
        run: {
          record: { ...record, state: 'training', step: line.step, totalSteps: line.totalSteps },
          live: {
            ...live, epoch: line.epoch, trainLoss: line.trainLoss ?? live.trainLoss, tokensPerSecond: line.tokensPerSecond, etaSeconds: line.etaSeconds,
            peakMemoryBytes: line.peakMemoryBytes, elapsedSeconds: line.elapsedSeconds,
          },
        },
        point: line.trainLoss === null ? null : { step: line.step, train: line.trainLoss },
      };
    case 'eval':
      return { run: { record, live: { ...live, heldOutLoss: line.heldOutLoss } }, point: line.heldOutLoss === null ? null : { step: line.step, heldOut: line.heldOutLoss } };
    case 'checkpoint':
      return { run: { record: { ...record, checkpointStep: line.step }, live }, point: null };
    case 'done':
      return { run: { record: { ...record, step: line.step }, live: { ...live, etaSeconds: 0, elapsedSeconds: line.elapsedSeconds, peakMemoryBytes: line.peakMemoryBytes } }, point: null };
    case 'cancelled':
      return { run: { record: { ...record, step: line.step, checkpointStep: line.step }, live }, point: null };
    default:
      return { run, point: null };
  }
}
