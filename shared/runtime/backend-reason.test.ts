import { describe, expect, it } from 'vitest';
import { backendReasonText } from './backend-reason';

describe('backendReasonText', () => {
  it('names the GPU build, the model, its layers and why none went to the device', () => {
    expect(backendReasonText({ code: 'no-layers', gpu: 'cuda', model: 'CharacterGLM-6B', totalLayers: 29, why: 'memory', devices: ['NVIDIA RTX 3060'] }))
      .toBe("CUDA took none of CharacterGLM-6B's 29 layers (too little free memory on NVIDIA RTX 3060): it runs on the CPU");
    expect(backendReasonText({ code: 'no-layers', gpu: 'vulkan', model: 'tiny', totalLayers: 3, why: 'setting', devices: [] }))
      .toBe("VULKAN took none of tiny's 3 layers (GPU layers are set to 0 in Settings): it runs on the CPU");
  });

  it('says which build found no device, and which found one', () => {
    expect(backendReasonText({ code: 'deviceless', gpu: 'vulkan' })).toBe('the VULKAN runtime found no device it can offload to');
    expect(backendReasonText({ code: 'device-found', gpu: 'metal' })).toBe('METAL device found');
    expect(backendReasonText({ code: 'gpu-off' })).toBe('GPU turned off in Settings');
  });
});
