import type { BackendReason } from './backend-reason';

// The runtime's state as the status bar shows it.

export type GpuBackend = 'cuda' | 'vulkan' | 'metal' | 'cpu';

/** Where the loaded model's layers went on a GPU runtime, from node-llama-cpp's own figures. */
export interface RuntimeOffload {
  /** The GPU devices llama.cpp uses (names as the driver gives them). */
  devices: string[];
  /** Layers on the GPU, of the model's total (the output layer counts as one). */
  layers: number;
  totalLayers: number;
  vramUsedBytes: number;
  vramTotalBytes: number;
}

/** The chat context the loaded model got: its window per chat, how many chats at once, and whether memory cut it. */
export interface RuntimeContext {
  tokens: number;
  sequences: number;
  /** The most the setting asked for; above `tokens` when free memory was too short for it. */
  askedTokens: number;
}

/** Which compute backend is active and why, plus the loaded model. */
export interface RuntimeStatus {
  /** The backend that computes: CPU when a GPU runtime took none of the loaded model's layers. */
  backend: GpuBackend | null;
  backendReason: BackendReason;
  threads: number;
  state: 'idle' | 'loading' | 'ready' | 'error';
  model: { id: string; name: string; architecture: string } | null;
  loadProgress: number;
  error: string | null;
  /** Null on the CPU runtime and while no model is loaded. */
  offload: RuntimeOffload | null;
  /** Null until the first chat context of the loaded model exists. */
  context: RuntimeContext | null;
}
