import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { BackendReason } from '../../../shared/runtime/backend-reason';
import type { GpuBackend, RuntimeContext, RuntimeOffload, RuntimeStatus } from '../../../shared/runtime/runtime-status';
import { inspectGguf } from '../models/gguf-inspect';
import { assertChatModel } from './model-compat';
import type { ContextSizeSetting, GpuLayers } from '../../../shared/settings/settings';
import { loadFailure } from './load-failure';
import { vramPadding } from './vram-padding';

/** How the runtime picks its backend and thread count. */
export interface RuntimeOptions {
  gpu: 'auto' | 'off';
  /** Layers on the GPU at the next load (absent: as many as fit). */
  gpuLayers?: GpuLayers;
  /** Tokens per chat for the contexts of the next loaded model (absent: as many as fit). */
  contextSize?: ContextSizeSetting;
  /** GPU memory layers and contexts are fitted into, from the next start of llama.cpp (absent or null: all of it). */
  gpuMemoryLimitBytes?: number | null;
  /** Null: one thread per physical core (llama.cpp's own count of math cores). */
  threads: number | null;
}

/**
 * Owns the one llama.cpp instance and the loaded model. GPU detection is node-llama-cpp's (CUDA, Vulkan,
 * Metal, else CPU); threads default to physical cores, because on small CPUs more threads than cores
 * made decoding many times slower.
 */
export class LlamaRuntime {
  private llamaPromise: Promise<Llama> | null = null;
  private loaded: { info: ModelInfo; model: LlamaModel } | null = null;
  private loading: { id: string; promise: Promise<LlamaModel>; abort: AbortController } | null = null;
  private status: RuntimeStatus = {
    backend: null, backendReason: { code: 'not-started' }, threads: 0, state: 'idle', model: null, loadProgress: 0, error: null, offload: null, context: null,
  };
  /** The backend the llama.cpp instance started with, and why: what the status says while no model is loaded. */
  private started: Pick<RuntimeStatus, 'backend' | 'backendReason'> = { backend: null, backendReason: { code: 'not-started' } };
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();

  constructor(private readonly options: () => Promise<RuntimeOptions>) {}

  getStatus(): RuntimeStatus {
    return this.status;
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<RuntimeStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }

  /** The llama.cpp instance, created on first use. */
  async llama(): Promise<Llama> {
    this.llamaPromise ??= this.startLlama();
    return this.llamaPromise;
  }

  private async startLlama(): Promise<Llama> {
    const { gpu, threads, gpuMemoryLimitBytes } = await this.options();
    let llama = await getLlama({ gpu: gpu === 'off' ? false : 'auto', logLevel: 'error' as never, vramPadding: (total) => vramPadding(total, gpuMemoryLimitBytes ?? null) });
    // A GPU binary can load with no device it will use (a Vulkan loader with only a software device, which
    // llama.cpp skips): it would offload nothing while calling itself a GPU, so take the CPU binary instead.
    let deviceless: string | null = null;
    if (llama.gpu !== false && (await llama.getGpuDeviceNames()).length === 0) {
      deviceless = llama.gpu;
      await llama.dispose();
      llama = await getLlama({ gpu: false, logLevel: 'error' as never });
    }
    const backend: GpuBackend = llama.gpu === false ? 'cpu' : llama.gpu;
    const backendReason: BackendReason =
      gpu === 'off'
        ? { code: 'gpu-off' }
        : deviceless
          ? { code: 'deviceless', gpu: deviceless }
          : backend === 'cpu'
            ? { code: 'no-gpu' }
            : { code: 'device-found', gpu: backend };
    this.started = { backend, backendReason };
    this.update({ backend, backendReason, threads: threads ?? Math.max(1, llama.cpuMathCores) });
    return llama;
  }

  /** Threads for contexts: the setting, or one per physical core. */
  async threads(): Promise<number> {
    await this.llama();
    return this.status.threads;
  }

  /** The context-size setting the chat contexts of the loaded model are created with. */
  async contextSizeSetting(): Promise<ContextSizeSetting> {
    return (await this.options()).contextSize ?? 'auto';
  }

  /** Records the chat context the loaded model got, for the status bar. */
  noteContext(model: LlamaModel, context: RuntimeContext | null): void {
    if (this.loaded?.model === model) this.update({ context });
  }

  currentModel(): { info: ModelInfo; model: LlamaModel } | null {
    return this.loaded;
  }

  /** Loads `info` (checking its header first), replacing the current model; concurrent calls share one load. */
  async load(info: ModelInfo): Promise<LlamaModel> {
    if (this.loaded?.info.id === info.id && this.loaded.info.path === info.path) return this.loaded.model;
    if (this.loading?.id === info.id) return this.loading.promise;
    this.loading?.abort.abort();
    const abort = new AbortController();
    const promise = this.loadFresh(info, abort.signal);
    this.loading = { id: info.id, promise, abort };
    try {
      return await promise;
    } finally {
      if (this.loading?.promise === promise) this.loading = null;
    }
  }

  private async loadFresh(info: ModelInfo, signal: AbortSignal): Promise<LlamaModel> {
    this.update({ state: 'loading', loadProgress: 0, error: null, model: { id: info.id, name: info.name, architecture: info.architecture } });
    let gpuLayers: GpuLayers = 'auto';
    try {
      gpuLayers = (await this.options()).gpuLayers ?? 'auto';
      await inspectGguf(info.path);
      await assertChatModel(info.path);
      const llama = await this.llama();
      const model = await llama.loadModel({
        modelPath: info.path,
        ...(llama.gpu === false ? {} : { gpuLayers }),
        loadSignal: signal,
        onLoadProgress: (loadProgress) => this.update({ loadProgress }),
      });
      const previous = this.loaded;
      this.loaded = { info, model };
      this.update({ state: 'ready', loadProgress: 1, context: null, ...(await this.offloadOf(llama, model, info.name, gpuLayers)) });
      await previous?.model.dispose();
      return model;
    } catch (error) {
      const message = signal.aborted ? 'model load cancelled' : loadFailure(error as Error, gpuLayers);
      this.update({ state: this.loaded ? 'ready' : 'error', error: message, model: this.loaded ? this.describe(this.loaded.info) : null });
      throw error instanceof StudioError ? error : new StudioError(signal.aborted ? 'cancelled' : 'failed', `cannot load ${info.name}: ${message}`);
    }
  }

  /** Where `model`'s layers went: a GPU runtime that took none of them computes on the CPU, and says so. */
  private async offloadOf(llama: Llama, model: LlamaModel, name: string, asked: GpuLayers): Promise<Pick<RuntimeStatus, 'backend' | 'backendReason' | 'offload'>> {
    if (llama.gpu === false) return { ...this.started, offload: null };
    const [devices, vram] = await Promise.all([llama.getGpuDeviceNames(), llama.getVramState()]);
    const offload: RuntimeOffload = {
      devices, layers: model.gpuLayers, totalLayers: model.fileInsights.totalLayers, vramUsedBytes: vram.used, vramTotalBytes: vram.total,
    };
    if (offload.layers > 0) return { ...this.started, offload };
    return {
      backend: 'cpu',
      backendReason: { code: 'no-layers', gpu: llama.gpu, model: name, totalLayers: offload.totalLayers, why: asked === 0 ? 'setting' : 'memory', devices },
      offload,
    };
  }

  private describe(info: ModelInfo): RuntimeStatus['model'] {
    return { id: info.id, name: info.name, architecture: info.architecture };
  }

  /** Stops a load in progress. */
  cancelLoad(): void {
    this.loading?.abort.abort();
  }

  /** Frees the loaded model (and any load in progress); chat loads the default again when next asked. */
  async unload(): Promise<void> {
    this.cancelLoad();
    const previous = this.loaded;
    this.loaded = null;
    this.update({ state: 'idle', model: null, loadProgress: 0, error: null, offload: null, context: null, ...this.started });
    await previous?.model.dispose();
  }

  async dispose(): Promise<void> {
    this.cancelLoad();
    await this.loaded?.model.dispose();
    this.loaded = null;
    if (this.llamaPromise) await (await this.llamaPromise).dispose();
  }
}
