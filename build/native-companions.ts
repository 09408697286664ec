import type { NativeBuildSpec } from '../electron/services/native/native-build';
import { studioToolsSpec } from '../electron/services/native/studio-tools';

// The native companions a packaged app ships, built from node-llama-cpp's bundled llama.cpp source
// by build/stage-native.ts; the packaged app finds them under resources/native/ instead of compiling.

/** Build specs of everything staged for packaging. */
export const NATIVE_COMPANIONS: readonly NativeBuildSpec[] = [
  // Trains LoRA adapters (Training) and quantises converted checkpoints (Models › Convert): one tree
  // with our patch set. CUDA comes from STUDIO_CUDA=1.
  { ...studioToolsSpec(), targets: ['studio-trainer', 'llama-quantize'] },
];
