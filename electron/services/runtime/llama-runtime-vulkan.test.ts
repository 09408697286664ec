import { join } from 'node:path';
import { LlamaCompletion } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { softwareVulkanMissing } from '../../test-support/software-vulkan';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyModel } from '../models/demo-model';
import { backendReasonText } from '../../../shared/runtime/backend-reason';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import type { ContextSizeSetting } from '../../../shared/settings/settings';
import { ChatEngine, type ReplyRequest } from './chat-engine';
import { LlamaRuntime } from './llama-runtime';
import { modelInfoFor, TEST_THREADS } from './test-runtime';

// The runtime on Mesa's software Vulkan device (llvmpipe; DESIGN.md §7): node-llama-cpp's own Vulkan binary
// offloads the tiny model to it, the status names the device and the layers, and the greedy reply is the
// CPU's. llama.cpp accepts that CPU-type device only when it is named, before node-llama-cpp starts.
process.env.GGML_VK_VISIBLE_DEVICES = '0';

const reason = softwareVulkanMissing();
const tempDir = useTempDir('studio-runtime-vulkan-');

async function greedyReply(runtime: LlamaRuntime, path: string): Promise<string> {
  const model = await runtime.load(await modelInfoFor(path));
  const context = await model.createContext({ contextSize: 256 });
  try {
    return await new LlamaCompletion({ contextSequence: context.getSequence() }).generateCompletion('你好，小花', { maxTokens: 16, temperature: 0 });
  } finally {
    await context.dispose();
  }
}

describe.skipIf(reason !== null)(`the runtime on the software Vulkan device${reason ? ` (skipped: ${reason})` : ''}`, { timeout: 5 * 60_000 }, () => {
  it('offloads every layer of the tiny model, says where they went, and replies as the CPU does', async () => {
    const path = join(await tempDir(), 'tiny.gguf');
    await writeTinyModel(path);

    const cpu = new LlamaRuntime(async () => ({ gpu: 'off', threads: TEST_THREADS }));
    let onCpu: string;
    try {
      onCpu = await greedyReply(cpu, path);
      expect(cpu.getStatus()).toMatchObject({ backend: 'cpu', offload: null });
    } finally {
      await cpu.dispose();
    }

    const vulkan = new LlamaRuntime(async () => ({ gpu: 'auto', threads: TEST_THREADS }));
    try {
      const onDevice = await greedyReply(vulkan, path);
      const status = vulkan.getStatus();
      expect(status.backend).toBe('vulkan');
      expect(status.offload!.devices).toEqual([expect.stringMatching(/llvmpipe/)]);
      expect(status.offload!.totalLayers).toBeGreaterThan(1);
      expect(status.offload!.layers).toBe(status.offload!.totalLayers);
      expect(status.offload!.vramTotalBytes).toBeGreaterThan(0);
      expect(onDevice.length).toBeGreaterThan(0);
      expect(onDevice).toBe(onCpu);

      await vulkan.unload();
      expect(vulkan.getStatus()).toMatchObject({ backend: 'vulkan', offload: null, model: null });
    } finally {
      await vulkan.dispose();
    }
  });

  it('puts the number of layers the setting asks for on the device, at the next load', async () => {
    const path = join(await tempDir(), 'tiny.gguf');
    await writeTinyModel(path);
    let gpuLayers: number | 'auto' = 1;
    const runtime = new LlamaRuntime(async () => ({ gpu: 'auto', gpuLayers, threads: TEST_THREADS }));
    try {
      await runtime.load(await modelInfoFor(path));
      expect(runtime.getStatus()).toMatchObject({ backend: 'vulkan', offload: { layers: 1 } });
      gpuLayers = 0;
      await runtime.unload();
      await runtime.load(await modelInfoFor(path));
      // none on the device: the CPU computes, and the status says so
      expect(runtime.getStatus()).toMatchObject({ backend: 'cpu', offload: { layers: 0 } });
      expect(runtime.getStatus().backendReason).toMatchObject({ code: 'no-layers', gpu: 'vulkan', why: 'setting', totalLayers: 3 });
      expect(backendReasonText(runtime.getStatus().backendReason)).toMatch(/^VULKAN took none of .+'s 3 layers \(GPU layers are set to 0 in Settings\): it runs on the CPU$/);
    } finally {
      await runtime.dispose();
    }
  });

  it('fits the chat context to the free device memory, and says what to change when a fixed size does not fit', async () => {
    const path = join(await tempDir(), 'tiny.gguf');
    await writeTinyModel(path);
    // A GPU memory limit between what four chats of 1,024 and of 4,096 tokens need beside the model, by
    // node-llama-cpp's own estimate (llvmpipe reports a fixed heap and none of it used, so the limit is
    // exactly what is free): 4,096 does not fit, Auto finds a window in between.
    const probe = new LlamaRuntime(async () => ({ gpu: 'auto', gpuLayers: 'max', threads: TEST_THREADS }));
    let limit: number;
    try {
      const { fileInsights, gpuLayers } = await probe.load(await modelInfoFor(path));
      const need = async (contextSize: number) =>
        (await fileInsights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: gpuLayers, sequences: 4, flashAttention: 'auto' })).gpuVram;
      const [small, large] = [await need(1024), await need(4096)];
      limit = Math.round((small + large) / 2);
    } finally {
      await probe.dispose();
    }
    let contextSize: ContextSizeSetting = 4096;
    const runtime = new LlamaRuntime(async () => ({ gpu: 'auto', gpuLayers: 'max', contextSize, threads: TEST_THREADS, gpuMemoryLimitBytes: limit }));
    const request: ReplyRequest = {
      session: 'fit', kvFile: null, meta: { botName: '小花', userName: '小林', botInfo: '茶馆老板', userInfo: '客人' },
      turns: [{ speaker: 'user', text: '你好' }], keepFirst: 0, partial: '', sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 4, seed: 1 }, adapter: null,
    };
    const never = new AbortController().signal;
    try {
      await runtime.load(await modelInfoFor(path));
      const fixed = new ChatEngine(runtime);
      await expect(fixed.reply(request, () => undefined, never)).rejects.toThrow(
        /a chat context of 4096 tokens \(4 chats at once\) does not fit in free memory beside the model .*: choose Auto or a smaller context size, or fewer GPU layers, in Settings/,
      );
      await fixed.dispose();
      expect(runtime.getStatus()).toMatchObject({ state: 'ready', context: null });

      // the same loaded model, the setting on Auto: the window shrinks to what fits, and replies work
      contextSize = 'auto';
      const fitted = new ChatEngine(runtime);
      const reply = await fitted.reply(request, () => undefined, never);
      expect(reply.stats.generatedTokens).toBeGreaterThan(0);
      expect(reply.stats.contextSize).toBeGreaterThanOrEqual(1024);
      expect(reply.stats.contextSize).toBeLessThan(4096);
      expect(runtime.getStatus().context).toEqual({ tokens: reply.stats.contextSize, sequences: 4, askedTokens: 4096 });
      await fitted.dispose();
    } finally {
      await runtime.dispose();
    }
  });
});
