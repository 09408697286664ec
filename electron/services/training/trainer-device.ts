import type { TrainingDevice } from '../../../shared/training/training-job';
import type { GpuBuild } from '../native/native-build';

// Which trainer a run uses: the variant for the GPU the runtime found (built on first use, or shipped), or
// the CPU one, saying why. A GPU variant that cannot be built (no toolkit) never stops a run: it trains on
// the CPU instead, and the reason is shown before Start and during the run. Nor does a GPU run that fails
// before its first step (the model, the copies and the window did not fit in the card's memory, say): it
// starts again on the CPU, and the note quotes the trainer's reason.

/** The trainer a run starts, and the device it is expected to use. */
export interface TrainerChoice {
  exe: string;
  gpuLayers: number;
  device: TrainingDevice;
  /** The CPU trainer for a GPU run that failed before its first step, with `reason` in its note; null on the CPU. */
  cpuFallback: ((reason: string) => Promise<TrainerChoice>) | null;
}

/** The trainer's settings from the studio's environment, read once by the host and passed in. */
export interface TrainerConfig {
  STUDIO_TRAINER_GPU?: string | undefined;
}

const GPU_NAMES: Record<GpuBuild, string> = { cuda: 'CUDA', vulkan: 'Vulkan', metal: 'Metal' };

/**
 * `runtimeGpu`: the backend node-llama-cpp picked (false: none). `build(gpu)` returns the trainer of that
 * variant (building it when needed) and throws when it cannot; `build()` returns the CPU trainer.
 * `config.STUDIO_TRAINER_GPU=off` (the host passes the environment's) trains on the CPU whatever the runtime found.
 */
export async function chooseTrainer(
  runtimeGpu: GpuBuild | false,
  build: (gpu?: GpuBuild) => Promise<string>,
  config: TrainerConfig = {},
): Promise<TrainerChoice> {
  const onCpu = async (note: string): Promise<TrainerChoice> => ({ exe: await build(), gpuLayers: 0, device: { name: 'CPU', gpu: false, note }, cpuFallback: null });
  if (config.STUDIO_TRAINER_GPU === 'off') return onCpu('STUDIO_TRAINER_GPU=off');
  if (!runtimeGpu) return onCpu('the runtime found no CUDA, Vulkan or Metal device');
  try {
    const name = GPU_NAMES[runtimeGpu];
    return {
      exe: await build(runtimeGpu), gpuLayers: 999, device: { name, gpu: true, note: null },
      cpuFallback: (reason) => onCpu(`on ${name} the run failed before its first step (${reason}), so it trains on the CPU`),
    };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.slice(0, 300);
    return onCpu(`the ${GPU_NAMES[runtimeGpu]} trainer could not be built (${reason})`);
  }
}

/** The device after the trainer's start line: the GPU it offloaded to, or the CPU with the reason it gave. */
export function deviceFromStart(expected: TrainingDevice, line: { gpu?: string; gpuProblem?: string }): TrainingDevice {
  if (line.gpu) return { name: line.gpu, gpu: true, note: null };
  if (expected.gpu) return { name: 'CPU', gpu: false, note: line.gpuProblem || `the ${expected.name} trainer offloaded nothing` };
  return expected;
}
