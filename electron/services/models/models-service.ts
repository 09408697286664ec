import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TINY_MODEL_NAME } from '../../../models/tiny-model/tiny-model';
import { StudioError } from '../../../shared/contract/errors';
import type { CatalogView, CheckpointSummary, HubGetInput, ImportInput, ModelLeftovers } from '../../../shared/contract/domains/models';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { ModelJobPacket } from '../../../shared/models/model-job';
import type { SettingsStore } from '../settings/settings-file';
import { inspectCheckpoint } from './checkpoint/checkpoint-folder';
import { writeTinyModel } from './demo-model';
import { catalogLicence, loadCatalog } from './model-catalog';
import { convertCheckpoint, type ConvertInput } from './model-converter';
import type { UrlGuard } from './download/address-guard';
import type { RetryPolicy } from './download/http-download';
import { HubAccessStore } from './hub/hub-access';
import { getFromHub } from './hub/hub-get';
import { listLeftovers, removeLeftovers } from './hub/hub-staging';
import { downloadModel, type DownloadInput } from './model-downloader';
import { checkImportPath, copyIntoModels } from './model-import';
import { ModelRegistry } from './model-registry';
import { scanModelUsage, usageOf } from './model-usage';

type Emit = (packet: ModelJobPacket) => void;

/** Where the Models domain keeps its files (see data-layout.ts). */
export interface ModelsPaths {
  modelsDir: string;
  indexFile: string;
  hubDownloadsDir: string;
  checkpointsDir: string;
  hubTokenFile: string;
  charactersDir?: string;
}

/** The Models domain: installed models, the default, the demo model, import, download, conversion and gets from the hub. */
export class ModelsService {
  readonly registry: ModelRegistry;
  readonly hub: HubAccessStore;
  private readonly modelsDir: string;
  private readonly listeners = new Set<(models: ModelInfo[]) => void>();
  /** Staging folders and `.part` files of jobs running now: Clean up leaves them alone. */
  private readonly running = new Set<string>();

  constructor(
    private readonly paths: ModelsPaths,
    private readonly settings: SettingsStore,
    private readonly options: { downloadRetry?: RetryPolicy } = {},
  ) {
    this.modelsDir = paths.modelsDir;
    this.registry = new ModelRegistry(paths.modelsDir, paths.indexFile);
    this.hub = new HubAccessStore(settings, paths.hubTokenFile);
  }

  /** Marks `path` as in use by a running job until the returned release is called. */
  private claim = (path: string): (() => void) => {
    if (this.running.has(path)) throw new StudioError('conflict', 'this repository is already being fetched');
    this.running.add(path);
    return () => this.running.delete(path);
  };

  async list(): Promise<ModelInfo[]> {
    const models = await this.registry.list((await this.settings.get()).defaultModelId);
    if (!this.paths.charactersDir) return models;
    const scan = await scanModelUsage(this.paths.charactersDir);
    return models.map((m) => ({ ...m, usage: usageOf(scan, m) }));
  }

  async get(id: string): Promise<ModelInfo> {
    const found = (await this.list()).find((m) => m.id === id);
    if (!found) throw new StudioError('not_found', `no installed model with id "${id}"`);
    return found;
  }

  /** The default model, or the only usable one when no default is set. */
  async resolveDefault(): Promise<ModelInfo | null> {
    const models = (await this.list()).filter((m) => !m.problem);
    return models.find((m) => m.isDefault) ?? (models.length === 1 ? models[0]! : null);
  }

  async setDefault(id: string): Promise<ModelInfo> {
    await this.registry.get(id);
    await this.settings.update({ defaultModelId: id });
    await this.changed();
    return this.get(id);
  }

  /** Unregisters a model; its file is deleted only if it lives in the models folder. */
  async remove(id: string): Promise<ModelInfo[]> {
    const record = await this.registry.remove(id);
    if (!record.inPlace) await rm(this.registry.pathOf(record), { force: true });
    if ((await this.settings.get()).defaultModelId === id) await this.settings.update({ defaultModelId: null });
    await this.changed();
    return this.list();
  }

  /** Writes the tiny demo model unless a healthy copy is installed; makes it the default if none is set. */
  async installDemo(): Promise<ModelInfo> {
    const existing = await this.registry.find(TINY_MODEL_NAME);
    const healthy = existing && !(await this.registry.describe(existing, null)).problem;
    if (!healthy) {
      const file = `${TINY_MODEL_NAME}.gguf`;
      await writeTinyModel(join(this.modelsDir, file));
      await this.registry.add({ id: TINY_MODEL_NAME, name: 'Tiny CharacterGLM demo', file, inPlace: false, source: 'demo' });
    }
    if (!(await this.settings.get()).defaultModelId) await this.settings.update({ defaultModelId: TINY_MODEL_NAME });
    await this.changed();
    return this.get(TINY_MODEL_NAME);
  }

  /** The catalog with which licences are already accepted. */
  async catalog(): Promise<CatalogView> {
    const catalog = await loadCatalog();
    return { ...catalog, acceptedLicences: (await this.settings.get()).acceptedLicences };
  }

  /** Records that the user read and accepted a licence. */
  async acceptLicence(id: string): Promise<CatalogView> {
    catalogLicence(await loadCatalog(), id);
    const accepted = (await this.settings.get()).acceptedLicences;
    if (!accepted.includes(id)) await this.settings.update({ acceptedLicences: [...accepted, id] });
    return this.catalog();
  }

  private readonly requireLicence = async (id: string) => {
    const licence = catalogLicence(await loadCatalog(), id);
    if (!(await this.settings.get()).acceptedLicences.includes(id)) {
      throw new StudioError('invalid_input', `accept the ${licence.title} first (${licence.commercialUse ? '' : 'non-commercial research only; '}${licence.url})`);
    }
    return licence;
  };

  /** Header facts of a GGUF path and a checkpoint folder, so the UI can show them before a job starts. */
  async inspectCheckpoint(dir: string): Promise<CheckpointSummary> {
    const ins = await inspectCheckpoint(dir);
    const catalog = await loadCatalog();
    const licence = ins.licenceId ? catalogLicence(catalog, ins.licenceId) : null;
    return {
      dir, name: ins.hparams.name, format: ins.format, files: ins.files.map((f) => basename(f)), tensorCount: ins.tensors.length,
      weightBytes: ins.weightBytes, layers: ins.hparams.blocks, embedding: ins.hparams.embedding, vocabSize: ins.hparams.vocabSize,
      contextLength: ins.hparams.contextLength,
      licence: licence ? { ...licence, ...(ins.licenceText ? { text: ins.licenceText } : {}) } : null,
      licenceAccepted: licence ? (await this.settings.get()).acceptedLicences.includes(licence.id) : true,
    };
  }

  /** Imports a GGUF from a path on the machine running the studio. */
  async importModel(input: ImportInput, emit: Emit, signal?: AbortSignal): Promise<ModelInfo> {
    const summary = await checkImportPath(input.path);
    const existing = await this.registry.findByPath(input.path);
    if (existing) throw new StudioError('conflict', `${input.path} is already installed as "${existing.name}"`);
    const name = input.name?.trim() || summary.name;
    let record;
    if (input.mode === 'inPlace') {
      record = await this.registry.add({ name, file: input.path, inPlace: true, source: 'import' });
    } else {
      const copied = await copyIntoModels(input.path, this.modelsDir, {
        ...(signal ? { signal } : {}),
        onProgress: (p) => emit({ type: 'progress', phase: 'copy', done: p.done, total: p.total, bytesPerSecond: p.bytesPerSecond, etaSeconds: p.etaSeconds }),
      });
      record = await this.registry.add({ name, file: copied.file, inPlace: false, source: 'import', sha256: copied.sha256 });
    }
    return this.added(record.id);
  }

  /** Downloads a GGUF (URL, REPO/FILE or catalog id), resumable and verified; `checkUrl` may refuse hosts. */
  async download(input: DownloadInput, emit: Emit, signal?: AbortSignal, checkUrl?: UrlGuard): Promise<ModelInfo> {
    const done = await downloadModel(input, {
      modelsDir: this.modelsDir, hub: this.hub, requireLicence: this.requireLicence, claim: this.claim,
      ...(this.options.downloadRetry ? { retry: this.options.downloadRetry } : {}),
    }, emit, signal, checkUrl);
    const record = await this.registry.add({ name: done.name, file: done.file, inPlace: false, source: 'download', sha256: done.sha256 });
    return this.added(record.id);
  }

  /**
   * Gets a ChatGLM2-family repository from the hub: listed, downloaded (resumable, verified), converted,
   * quantised and registered; the got model replaces the demo model as the default.
   */
  async getFromHub(input: HubGetInput, emit: Emit, signal?: AbortSignal, checkUrl?: UrlGuard): Promise<ModelInfo> {
    return getFromHub(input, {
      modelsDir: this.modelsDir, hubDir: this.paths.hubDownloadsDir, checkpointsDir: this.paths.checkpointsDir,
      hub: this.hub, requireLicence: this.requireLicence, claim: this.claim,
      ...(this.options.downloadRetry ? { retry: this.options.downloadRetry } : {}),
      register: async (done) => {
        const record = await this.registry.add({ name: done.name, file: done.file, inPlace: false, source: 'hub', sha256: done.sha256 });
        const defaultId = (await this.settings.get()).defaultModelId;
        if (!defaultId || (await this.registry.find(defaultId))?.source === 'demo') await this.settings.update({ defaultModelId: record.id });
        return this.added(record.id);
      },
    }, emit, signal, checkUrl);
  }

  /** What unfinished downloads left in the models folder. */
  async leftovers(): Promise<ModelLeftovers> {
    return listLeftovers(this.modelsDir, this.paths.hubDownloadsDir, (path) => this.running.has(path));
  }

  /** Models → Clean up: removes the leftovers of unfinished downloads, except those running now. */
  async cleanUp(): Promise<ModelLeftovers> {
    return removeLeftovers(this.modelsDir, this.paths.hubDownloadsDir, (path) => this.running.has(path));
  }

  /** Converts a hub checkpoint folder into a GGUF in the models folder. */
  async convert(input: ConvertInput, emit: Emit, signal?: AbortSignal): Promise<ModelInfo> {
    const done = await convertCheckpoint(input, this.modelsDir, this.requireLicence, emit, signal);
    const record = await this.registry.add({ name: done.name, file: done.file, inPlace: false, source: 'convert', sha256: done.sha256 });
    return this.added(record.id);
  }

  private async added(id: string): Promise<ModelInfo> {
    if (!(await this.settings.get()).defaultModelId) await this.settings.update({ defaultModelId: id });
    await this.changed();
    return this.get(id);
  }

  onChange(listener: (models: ModelInfo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async changed(): Promise<void> {
    if (this.listeners.size === 0) return;
    const models = await this.list();
    for (const listener of this.listeners) listener(models);
  }
}
