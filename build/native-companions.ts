import type { NativeBuildSpec } from '../electron/services/native/native-build';

// The native companions a packaged app ships, built from node-llama-cpp's bundled llama.cpp source
// by build/stage-native.ts. Add the trainer here when its build spec is final (variant, patches,
// sources): the packaged app then finds it under resources/native/ instead of compiling it.

/** Build specs of everything staged for packaging. */
export const NATIVE_COMPANIONS: readonly NativeBuildSpec[] = [
  // Quantises converted checkpoints (Models › Convert).
  { variant: 'stock', targets: ['llama-quantize'] },
];
