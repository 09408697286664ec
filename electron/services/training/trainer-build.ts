import type { GpuBuild } from '../native/native-build';
import { ensureStudioTools } from '../native/studio-tools';

// The LoRA trainer: a target of the studio's native tools (native/trainer on our patched llama.cpp).

/** Path of the trainer executable, building it first when needed (minutes, once); `log` gets compiler lines. */
export async function ensureTrainer(log: (line: string) => void = () => undefined, gpu?: GpuBuild, onBuild?: () => void): Promise<string> {
  if (process.env.STUDIO_TRAINER_BIN) return process.env.STUDIO_TRAINER_BIN;
  const exe = (await ensureStudioTools(['studio-trainer'], log, gpu, onBuild))['studio-trainer'];
  if (!exe) throw new Error('studio-trainer missing from the build result');
  return exe;
}
