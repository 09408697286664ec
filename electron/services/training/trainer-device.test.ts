import { describe, expect, it } from 'vitest';
import { chooseTrainer, deviceFromStart } from './trainer-device';

describe('chooseTrainer', () => {
  const built: Array<string | undefined> = [];
  const build = async (gpu?: string): Promise<string> => {
    built.push(gpu);
    if (gpu === 'cuda') throw new Error('cmake -S … failed with exit code 1: CUDA Toolkit not found\nmore');
    return `/bin/trainer-${gpu ?? 'cpu'}`;
  };

  it('uses the variant of the GPU the runtime found, with every layer offloaded', async () => {
    const vulkan = await chooseTrainer('vulkan', build, {});
    expect(vulkan).toMatchObject({ exe: '/bin/trainer-vulkan', gpuLayers: 999, device: { name: 'Vulkan', gpu: true, note: null } });
    // a run that fails on the GPU before its first step starts again on the CPU, quoting the reason
    expect(await vulkan.cpuFallback!('out of memory')).toEqual({ exe: '/bin/trainer-cpu', gpuLayers: 0, device: { name: 'CPU', gpu: false, note: 'on Vulkan the run failed before its first step (out of memory), so it trains on the CPU' }, cpuFallback: null });
  });

  it('trains on the CPU, saying why, when the GPU variant cannot be built', async () => {
    const choice = await chooseTrainer('cuda', build, {});
    expect(choice).toMatchObject({ exe: '/bin/trainer-cpu', gpuLayers: 0, device: { name: 'CPU', gpu: false }, cpuFallback: null });
    expect(choice.device.note).toBe('the CUDA trainer could not be built (cmake -S … failed with exit code 1: CUDA Toolkit not found)');
  });

  it('trains on the CPU when the runtime found no GPU, or when told to', async () => {
    expect((await chooseTrainer(false, build, {})).device).toEqual({ name: 'CPU', gpu: false, note: 'the runtime found no CUDA, Vulkan or Metal device' });
    built.length = 0;
    expect((await chooseTrainer('metal', build, { STUDIO_TRAINER_GPU: 'off' })).device.note).toBe('STUDIO_TRAINER_GPU=off');
    expect(built).toEqual([undefined]);
  });
});

describe('deviceFromStart', () => {
  it('names the GPU the trainer offloaded to, and falls back to the CPU with the trainer\'s reason', () => {
    const vulkan = { name: 'Vulkan', gpu: true, note: null };
    expect(deviceFromStart(vulkan, { gpu: 'Vulkan0 (llvmpipe (LLVM 15.0.6, 256 bits))', gpuProblem: '' })).toEqual({ name: 'Vulkan0 (llvmpipe (LLVM 15.0.6, 256 bits))', gpu: true, note: null });
    expect(deviceFromStart(vulkan, { gpu: '', gpuProblem: 'this trainer build found no GPU device' })).toEqual({ name: 'CPU', gpu: false, note: 'this trainer build found no GPU device' });
    const cpu = { name: 'CPU', gpu: false, note: 'the runtime found no CUDA, Vulkan or Metal device' };
    expect(deviceFromStart(cpu, { gpu: '', gpuProblem: '' })).toBe(cpu);
  });
});
