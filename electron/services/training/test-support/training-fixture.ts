import { join } from 'node:path';
import type { Character } from '../../../../shared/character/character-schema';
import { CharacterLibrary } from '../../characters/character-library';
import { writeTinyModel } from '../../models/demo-model';
import type { GpuBuild } from '../../native/native-build';
import { LlamaRuntime } from '../../runtime/llama-runtime';
import { modelInfoFor, TEST_THREADS } from '../../runtime/test-runtime';
import { baseFromModel } from '../base-model';
import { TrainingService, type BaseModelRef } from '../training-service';

/** A library with one character (小花), the tiny model on disk and a training service over them. */
export interface TrainingFixture {
  dir: string;
  characters: CharacterLibrary;
  character: Character;
  runtime: LlamaRuntime;
  training: TrainingService;
  model: BaseModelRef;
  dispose: () => Promise<void>;
}

/** `trainerExe`: the trainer of each variant (default: built on first use); `gpu`: the runtime's GPU setting (`auto` lets it find one). */
export async function trainingFixture(dir: string, trainerExe?: (log: (line: string) => void, gpu?: GpuBuild, onBuild?: () => void) => Promise<string>, gpu: 'auto' | 'off' = 'off'): Promise<TrainingFixture> {
  const charactersDir = join(dir, 'characters');
  const characters = new CharacterLibrary(charactersDir, join(dir, 'trash'));
  const character = await characters.create({ name: '小花', user: { name: '用户', info: '' } });
  const modelPath = join(dir, 'tiny.gguf');
  await writeTinyModel(modelPath);
  const runtime = new LlamaRuntime(async () => ({ gpu, threads: TEST_THREADS }));
  const training = new TrainingService({
    charactersDir,
    backwardWeightsDir: join(dir, 'cache', 'backward-weights'),
    characters,
    llama: () => runtime.llama(),
    threads: async () => TEST_THREADS,
    loadedModel: () => null,
    ...(trainerExe ? { trainerExe } : {}),
  });
  return {
    dir, characters, character, runtime, training, model: baseFromModel(await modelInfoFor(modelPath)),
    dispose: async () => {
      await training.dispose();
      await runtime.dispose();
    },
  };
}
