import type { NativeBuildSpec } from '../electron/services/native/native-build';
import { trainerBuildSpec } from '../electron/services/training/trainer-build';

// The native companions a packaged app ships, built from node-llama-cpp's bundled llama.cpp source
// by build/stage-native.ts; the packaged app finds them under resources/native/ instead of compiling.

/** Build specs of everything staged for packaging. */
export const NATIVE_COMPANIONS: readonly NativeBuildSpec[] = [
  // Quantises converted checkpoints (Models › Convert).
  { variant: 'stock', targets: ['llama-quantize'] },
  // Trains LoRA adapters (Training); our patch set on the same source. CUDA comes from STUDIO_CUDA=1.
  { ...trainerBuildSpec({}), targets: ['studio-trainer'] },
];
