import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import type { TrainingSettings } from '../../../shared/training/training-settings';
import { characterPaths } from '../characters/character-paths';

// Where training keeps its files inside a character's folder: datasets/<name>.jsonl (shared with the
// chat's dataset export) and training-runs/<run id>/ (the windows, progress log and checkpoints of a run
// until it finishes or is discarded). Adapters are the adapters module's (services/adapters/).

const NAME = /^[^/\\\0.][^/\\\0]{0,99}$/;
const RUN_ID = /^run-[a-z0-9-]{1,60}$/;

function assertName(kind: string, name: string): void {
  if (!NAME.test(name) || name.trim() !== name) throw new StudioError('invalid_input', `"${name}" is not a valid ${kind} name`);
}

/** The training folders of one character. */
export function trainingPaths(charactersDir: string, characterId: string) {
  const { dir } = characterPaths(charactersDir, characterId);
  const datasetsDir = join(dir, 'datasets');
  const runsDir = join(dir, 'training-runs');
  return {
    dir,
    datasetsDir,
    runsDir,
    /** The profile variants for prompt augmentation, with the writer's review. */
    variants: join(dir, 'profile-variants.json'),
    dataset: (name: string): string => {
      assertName('dataset', name);
      return join(datasetsDir, `${name}.jsonl`);
    },
    run: (runId: string) => {
      if (!RUN_ID.test(runId)) throw new StudioError('invalid_input', `"${runId}" is not a training run id`);
      const runDir = join(runsDir, runId);
      return {
        dir: runDir,
        record: join(runDir, 'run.json'),
        windows: join(runDir, 'windows.bin'),
        progress: join(runDir, 'progress.jsonl'),
        checkpoint: join(runDir, 'checkpoint'),
        adapter: join(runDir, 'adapter.gguf'),
        log: join(runDir, 'trainer.log'),
      };
    },
  };
}

/**
 * The trainer's transposed copies of a base model's weights (native/trainer/backward-weights.cpp): one file
 * per model content, copy type and first trained layer (layers below it get no copy), shared by all runs.
 */
export function backwardWeightsFile(dir: string, sha256: string, settings: Pick<TrainingSettings, 'layers'>): string {
  const first = settings.layers?.first ?? 0;
  return join(dir, `${sha256}.q8_0${first > 0 ? `.from-layer-${first}` : ''}.bwt`);
}
