// Why the runtime computes where it does, as data: the status bar words it in the user's language, the
// CLI and the benches in English through `backendReasonText`.

export type BackendReason =
  | { code: 'not-started' }
  | { code: 'gpu-off' }
  | { code: 'no-gpu' }
  /** The GPU build loaded but lists no device it offloads to (e.g. only a software Vulkan device). */
  | { code: 'deviceless'; gpu: string }
  | { code: 'device-found'; gpu: string }
  /** A GPU build took none of the loaded model's layers: the setting asked for 0, or memory was short. */
  | { code: 'no-layers'; gpu: string; model: string; totalLayers: number; why: 'setting' | 'memory'; devices: string[] };

/** The reason in English. */
export function backendReasonText(reason: BackendReason): string {
  switch (reason.code) {
    case 'not-started':
      return 'not started yet';
    case 'gpu-off':
      return 'GPU turned off in Settings';
    case 'no-gpu':
      return 'no CUDA, Vulkan or Metal device found';
    case 'deviceless':
      return `the ${reason.gpu.toUpperCase()} runtime found no device it can offload to`;
    case 'device-found':
      return `${reason.gpu.toUpperCase()} device found`;
    case 'no-layers': {
      const why = reason.why === 'setting' ? 'GPU layers are set to 0 in Settings' : `too little free memory on ${reason.devices.join(', ') || 'the device'}`;
      return `${reason.gpu.toUpperCase()} took none of ${reason.model}'s ${reason.totalLayers} layers (${why}): it runs on the CPU`;
    }
  }
}
