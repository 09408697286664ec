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

/** Which compute backend is active and why, plus the loaded model. */
export interface RuntimeStatus {
  /** The backend that computes: CPU when a GPU runtime took none of the loaded model's layers. */
  backend: GpuBackend | null;
  backendReason: string;
  threads: number;
  state: 'idle' | 'loading' | 'ready' | 'error';
  model: { id: string; name: string; architecture: string } | null;
  loadProgress: number;
  error: string | null;
  /** Null on the CPU runtime and while no model is loaded. */
  offload: RuntimeOffload | null;
}
