import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { LlamaCompletion } from 'node-llama-cpp';
import { beforeAll, describe, expect, it } from 'vitest';
import { softwareVulkanMissing } from '../../test-support/software-vulkan';
import { useTempDir } from '../../test-support/temp-dir';
import { builtExecutables, type NativeBuildSpec } from '../native/native-build';
import { ensureStudioTools, studioToolsSpec } from '../native/studio-tools';
import { LlamaRuntime } from '../runtime/llama-runtime';
import { modelInfoFor, TEST_THREADS } from '../runtime/test-runtime';
import { resolveSettings } from '../../../shared/training/training-settings';
import { catDialoguesJsonl } from './test-support/cat-dialogues';
import { largestLossDifference, trainTinyRun, writeTinyRun } from './test-support/tiny-device-run';
import { trainingFixture } from './test-support/training-fixture';

// The trainer's Vulkan variant on Mesa's software Vulkan device (llvmpipe; DESIGN.md §7): the same short run
// on the tiny model as on the CPU gives the same losses within 1%, on the device, and the adapter it writes
// loads and answers. The test builds the Vulkan variant where it is not cached (about 9 minutes on two cores,
// measured from an empty cache) and is reported skipped, with the reason, only where the software device or
// the shader compiler is missing.

const VULKAN_SPEC: NativeBuildSpec = { ...studioToolsSpec('vulkan'), targets: ['studio-trainer'] };

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

async function skipReason(): Promise<string | null> {
  const missing = softwareVulkanMissing();
  if (missing) return missing;
  if (await builtExecutables(VULKAN_SPEC)) return null;
  if (!onPath('glslc')) return 'the Vulkan trainer is not built and glslc, which compiles its shaders, is not installed (apt install glslc libvulkan-dev spirv-headers)';
  return null;
}
const reason = await skipReason();
const tempDir = useTempDir('studio-trainer-vulkan-');

describe.skipIf(reason !== null)(`studio-trainer on Vulkan${reason ? ` (skipped: ${reason})` : ''}`, { timeout: 15 * 60_000 }, () => {
  let vulkan: string;
  let cpu: Record<string, string>;
  beforeAll(async () => {
    vulkan = (await ensureStudioTools(['studio-trainer'], () => undefined, 'vulkan'))['studio-trainer']!;
    cpu = await ensureStudioTools(['studio-trainer', 'llama-quantize']);
  }, 90 * 60_000);

  it('trains the tiny model on the software Vulkan device with the CPU run\'s losses (within 1%), and the adapter answers', async () => {
    const dir = await tempDir();
    const files = await writeTinyRun(dir, cpu['llama-quantize']!, TEST_THREADS);
    const env = { GGML_VK_VISIBLE_DEVICES: '0' };
    const onCpu = await trainTinyRun(cpu['studio-trainer']!, files, join(dir, 'cpu'), { gpuLayers: 0, threads: TEST_THREADS, env });
    const onVulkan = await trainTinyRun(vulkan, files, join(dir, 'vulkan'), { gpuLayers: 999, threads: TEST_THREADS, env });
    expect(onCpu.last).toMatchObject({ type: 'done', step: 8 });
    expect(onVulkan.last).toMatchObject({ type: 'done', step: 8 });
    expect(onVulkan.start.gpu).toMatch(/^Vulkan0 \(llvmpipe/);
    expect(onCpu.start.gpu).toBe('');
    expect(onVulkan.losses).toHaveLength(8);
    expect(onVulkan.losses.at(-1)!).toBeLessThan(onVulkan.losses[0]!);
    expect(largestLossDifference(onVulkan.losses, onCpu.losses), `Vulkan ${onVulkan.losses.join(', ')} vs CPU ${onCpu.losses.join(', ')}`).toBeLessThanOrEqual(0.01);

    // the adapter trained on the GPU loads in the runtime and the model answers through it
    const runtime = new LlamaRuntime(async () => ({ gpu: 'off', threads: TEST_THREADS }));
    try {
      const base = await runtime.load(await modelInfoFor(files.model));
      const context = await base.createContext({ contextSize: 256, lora: { adapters: [{ filePath: join(dir, 'vulkan', 'adapter.gguf') }] } });
      const text = await new LlamaCompletion({ contextSequence: context.getSequence() }).generateCompletion('你好', { maxTokens: 8, temperature: 0 });
      expect(text.length).toBeGreaterThan(0);
      await context.dispose();
    } finally {
      await runtime.dispose();
    }
  });

  it('trains on the CPU, saying why, when the run does not fit in the Vulkan device\'s memory: before Start and in the run', async () => {
    // the runtime finds the software device as a GPU (node-llama-cpp's Vulkan build); for the Vulkan trainer
    // alone that device's buffers are capped at 64 KiB, so the trainer's context cannot be allocated on it
    const saved = process.env.GGML_VK_VISIBLE_DEVICES;
    process.env.GGML_VK_VISIBLE_DEVICES = '0';
    const dir = await tempDir();
    const capped = join(dir, 'vulkan-trainer-with-64-KiB-buffers');
    await writeFile(capped, `#!/bin/sh\nGGML_VK_FORCE_MAX_BUFFER_SIZE=65536 exec '${vulkan}' "$@"\n`, { mode: 0o755 });
    const f = await trainingFixture(dir, async (_log, gpu) => (gpu === 'vulkan' ? capped : cpu['studio-trainer']!), 'auto');
    try {
      expect((await f.runtime.llama()).gpu).toBe('vulkan');
      await f.training.importDataset({ characterId: f.character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(6), name: 'cat' });
      const settings = resolveSettings('quick', { windowTokens: 128 });
      const why = /^on Vulkan the run failed before its first step \(cannot create a training context of 128 tokens \(not enough memory\?\): .*failed to allocate Vulkan0 buffer of size \d+\), so it trains on the CPU$/;
      const estimate = await f.training.estimate({ characterId: f.character.id, datasets: ['cat'], model: f.model, settings });
      expect(estimate.device).toEqual({ name: 'CPU', gpu: false, note: expect.stringMatching(why) });
      expect(estimate.secondsPerStep).toBeGreaterThan(0);

      const job = await f.training.start({ characterId: f.character.id, datasets: ['cat'], adapterName: 'cat', model: f.model, settings, maxSteps: 4 });
      const done = await f.training.waitFor(job.runId);
      expect(done.job.state).toBe('done');
      expect(done.job.device).toEqual({ name: 'CPU', gpu: false, note: expect.stringMatching(why) });
      expect(done.curve.filter((p) => p.train !== undefined).map((p) => p.step)).toEqual([1, 2, 3, 4]);
      expect((await f.training.adapters.list(f.character.id)).map((a) => a.name)).toEqual(['cat']);
    } finally {
      await f.dispose();
      if (saved === undefined) delete process.env.GGML_VK_VISIBLE_DEVICES;
      else process.env.GGML_VK_VISIBLE_DEVICES = saved;
    }
  });
});
