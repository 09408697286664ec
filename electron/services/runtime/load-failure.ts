import type { GpuLayers } from '../../../shared/settings/settings';

// A load that fails for want of GPU memory says what to change: node-llama-cpp's own message names the
// memory, not the setting that asked for it.

/** The reason a load failed, with what to change when it did not fit in GPU memory. */
export function loadFailure(error: Error, gpuLayers: GpuLayers): string {
  const message = error.message;
  if (gpuLayers === 'auto' || !/vram|gpu memory|out of (device )?memory|not enough memory|failed to allocate/i.test(message)) return message;
  const asked = gpuLayers === 'max' ? 'all layers' : `${gpuLayers} layers`;
  return `${message} — ${asked} on the GPU do not fit in its memory: choose Auto or fewer GPU layers in Settings`;
}
