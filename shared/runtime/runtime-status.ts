// The runtime's state as the status bar shows it.

export type GpuBackend = 'cuda' | 'vulkan' | 'metal' | 'cpu';

/** Which compute backend is active and why, plus the loaded model. */
export interface RuntimeStatus {
  backend: GpuBackend | null;
  backendReason: string;
  threads: number;
  state: 'idle' | 'loading' | 'ready' | 'error';
  model: { id: string; name: string; architecture: string } | null;
  loadProgress: number;
  error: string | null;
}
