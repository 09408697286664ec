import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { StudioApi, StudioHandlers } from '../../shared/contract/api';
import type { AppInfo } from '../../shared/contract/domains/app';
import { StudioError } from '../../shared/contract/errors';
import { CharacterLibrary } from '../services/characters/character-library';
import { charactersHandlers } from '../services/characters/characters-handlers';
import { chatHandlers } from '../services/chat/chat-handlers';
import { ChatService } from '../services/chat/chat-service';
import { createImporterRegistry } from '../services/characters/importers/default-importers';
import type { ImporterRegistry } from '../services/characters/importers/importer-registry';
import { browserDesktopHandlers } from '../desktop/desktop-handlers';
import { refusePrivateHosts } from '../services/models/download/address-guard';
import type { RetryPolicy } from '../services/models/download/http-download';
import { ModelsService } from '../services/models/models-service';
import { cardImporters } from '../services/packs/card-importers';
import { PACK_LIMITS } from '../services/packs/pack-limits';
import { packsHandlers } from '../services/packs/packs-handlers';
import { PacksService } from '../services/packs/packs-service';
import { dataLayout, type DataLayout } from '../services/paths/data-layout';
import { OpenAiService } from '../services/openai/openai-service';
import { ChatEngine } from '../services/runtime/chat-engine';
import { sweepStaleTemps } from '../services/fs/stale-temps';
import { ensureModel, type ChatModel } from '../services/runtime/ensure-model';
import { RemoteEngine, type RemoteConfig } from '../services/runtime/remote/remote-engine';
import { ReplyEngineSwitch } from '../services/runtime/reply-engine';
import { SecretFile } from '../services/settings/secret-file';
import { bearerTokenSchema } from '../../shared/validation/http-endpoint';
import { LlamaRuntime } from '../services/runtime/llama-runtime';
import { SettingsStore } from '../services/settings/settings-file';
import { ClusterService } from '../services/training/cluster-service';
import { ProfileAugmenter } from '../services/training/profile-augmenter';
import { trainingHandlers } from '../services/training/training-handlers';
import { TrainingService } from '../services/training/training-service';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventHub } from './event-hub';
import { localStudioApi } from './local-api';
import { modelInfoForFile } from '../services/runtime/model-file-info';
import { getAndLoadModel } from './get-model';
import { removeModel } from './remove-model';

// Composition root: builds every service for one data folder and maps the contract onto them. The
// Electron main process, `studio serve` and the CLI all start here, so they behave the same.

export interface StudioServices {
  layout: DataLayout;
  settings: SettingsStore;
  models: ModelsService;
  runtime: LlamaRuntime;
  characters: CharacterLibrary;
  /** Formats `characters import` and the Import button read; register more formats here. */
  characterImporters: ImporterRegistry;
  packs: PacksService;
  /** The model loaded here; chat goes through it, or through `remoteEngine`, as Settings → Runtime says. */
  chatEngine: ChatEngine;
  remoteEngine: RemoteEngine;
  /** The remote server's API key (write-only from the page). */
  remoteKey: SecretFile;
  /** What replies are computed with now (loads the default model when the local one is chosen). */
  chatModel: () => Promise<ChatModel>;
  chat: ChatService;
  /** The characters behind the OpenAI-compatible API that `studio serve` answers under /v1. */
  openai: OpenAiService;
  training: TrainingService;
  /** Training data out to GPU clusters, PEFT adapters in and out. */
  cluster: ClusterService;
}

export interface Studio {
  services: StudioServices;
  handlers: StudioHandlers;
  dispatcher: Dispatcher;
  /** The contract as a named API over `dispatcher`, for callers in this process (the CLI). */
  api: StudioApi;
  events: EventHub;
  dispose: () => Promise<void>;
}

export async function createStudio(options: {
  dataDir: string;
  transport: AppInfo['transport'];
  /** Native dialogs and opened files; only the desktop app has them. */
  desktop?: StudioHandlers['desktop'];
  /** Remote serve mode: strangers ask for downloads, so hosts on the server's own network are refused. */
  refusePrivateDownloads?: boolean;
  /** How downloads retry a dropped connection (tests shorten the pauses). */
  downloadRetry?: RetryPolicy;
}): Promise<Studio> {
  const layout = dataLayout(options.dataDir);
  await mkdir(layout.root, { recursive: true });
  // Leftovers of writes killed mid-way, swept in the background: never worth delaying or failing a start.
  void sweepStaleTemps(layout.root).catch(() => undefined);
  const settings = new SettingsStore(layout.settingsFile);
  const models = new ModelsService(
    { modelsDir: layout.modelsDir, indexFile: layout.modelsIndex, hubDownloadsDir: layout.hubDownloadsDir, checkpointsDir: layout.checkpointsDir, hubTokenFile: layout.hubTokenFile, charactersDir: layout.charactersDir },
    settings,
    options.downloadRetry ? { downloadRetry: options.downloadRetry } : {},
  );
  const downloadGuard = options.refusePrivateDownloads ? refusePrivateHosts : undefined;
  const runtime = new LlamaRuntime(async () => {
    const s = await settings.get();
    return {
      gpu: s.gpu, gpuLayers: s.gpuLayers, contextSize: s.contextSize, threads: s.threads,
      gpuMemoryLimitBytes: s.gpuMemoryLimitMiB === null ? null : s.gpuMemoryLimitMiB * 2 ** 20,
    };
  });
  const characters = new CharacterLibrary(layout.charactersDir, layout.trashDir);
  const characterImporters = createImporterRegistry();
  const installedModels = async () => (await models.list()).map((m) => ({ name: m.name, sha256: 'sha256' in m && typeof m.sha256 === 'string' ? m.sha256 : undefined }));
  for (const importer of cardImporters({ limits: PACK_LIMITS, installedModels })) characterImporters.register(importer);
  const packs = new PacksService(characters, { studioVersion: pkg.version, uploadsDir: join(layout.root, '.uploads'), installedModels });
  // Uploads of an earlier run can never be finished (their ids lived in its memory).
  await packs.uploads.clear();
  const chatEngine = new ChatEngine(runtime);
  const remoteKey = new SecretFile(layout.remoteKeyFile, bearerTokenSchema, 'set the API key again in Settings → Runtime');
  const remoteConfig = async (): Promise<RemoteConfig> => {
    const s = await settings.get();
    if (!s.remoteUrl) throw new StudioError('invalid_input', 'Settings → Runtime: the remote server has no address yet');
    return { url: s.remoteUrl, apiKey: await remoteKey.read(), model: s.remoteModel };
  };
  const remoteEngine = new RemoteEngine(remoteConfig, downloadGuard);
  const engine = new ReplyEngineSwitch(chatEngine, remoteEngine, async () => (await settings.get()).engine);
  const loadedOrDefault = () => ensureModel(runtime, () => models.resolveDefault());
  /** What replies are computed with now: Settings → Runtime's remote server, or the model loaded here. */
  const chatModel = async (): Promise<ChatModel> => {
    const s = await settings.get();
    if (s.engine === 'remote') return { kind: 'remote', url: (await remoteConfig()).url };
    return { kind: 'local', info: await loadedOrDefault() };
  };
  const chat = new ChatService({
    charactersDir: layout.charactersDir,
    characters,
    engine,
    ensureModel: chatModel,
  });
  const openai = new OpenAiService({ charactersDir: layout.charactersDir, characters, engine: chatEngine, ensureModel: loadedOrDefault });
  const training = new TrainingService({
    charactersDir: layout.charactersDir,
    backwardWeightsDir: layout.backwardWeightsDir,
    characters,
    llama: () => runtime.llama(),
    threads: () => runtime.threads(),
    trainerConfig: { STUDIO_TRAINER_GPU: process.env.STUDIO_TRAINER_GPU },
    loadedModel: () => {
      const current = runtime.currentModel();
      return current ? { path: current.info.path, model: current.model } : null;
    },
  });
  const cluster = new ClusterService({ training, characters, models, charactersDir: layout.charactersDir });
  const augmenter = new ProfileAugmenter({
    characters, engine, store: training.variants, ensureModel: chatModel,
  });
  const events = new EventHub();
  const unsubscribe = [
    training.onJob((job) => events.emit('training.job', job)),
    runtime.onStatus((status) => events.emit('runtime.status', status)),
    models.onChange((list) => events.emit('models.changed', list)),
    settings.onChange((s) => events.emit('settings.changed', s)),
    characters.onChange((change) => events.emit('characters.changed', change)),
  ];

  const handlers: StudioHandlers = {
    app: {
      info: async () => ({ version: pkg.version, dataDir: layout.root, platform: process.platform, transport: options.transport }),
    },
    settings: {
      get: () => settings.get(),
      update: (patch) => settings.update(patch),
      hubAccess: () => models.hub.view(),
      setHubToken: ({ token }) => models.hub.setToken(token),
      remoteKey: async () => ({ hasApiKey: (await remoteKey.read()) !== null }),
      setRemoteKey: async ({ key }) => {
        await remoteKey.write(key, 'API key');
        return { hasApiKey: key !== null };
      },
    },
    models: {
      list: () => models.list(),
      installDemo: () => models.installDemo(),
      setDefault: ({ id }) => models.setDefault(id),
      remove: ({ id }) => removeModel(id, { models, runtime, chatEngine, training }),
      catalog: () => models.catalog(),
      acceptLicence: ({ id }) => models.acceptLicence(id),
      inspectCheckpoint: ({ dir }) => models.inspectCheckpoint(dir),
      import: (input, emit, signal) => models.importModel(input, emit, signal),
      download: (input, emit, signal) => models.download(input, emit, signal, downloadGuard),
      convert: (input, emit, signal) => models.convert(input, emit, signal),
      get: (input, emit, signal) => getAndLoadModel(input, { models, runtime }, emit, signal, downloadGuard),
      leftovers: () => models.leftovers(),
      cleanUp: () => models.cleanUp(),
    },
    runtime: {
      status: async () => {
        await runtime.llama();
        return runtime.getStatus();
      },
      loadModel: async ({ id, file }) => {
        const info = file ? await modelInfoForFile(file) : id ? await models.get(id) : await models.resolveDefault();
        if (!info) throw new StudioError('not_found', 'no model installed yet: install the demo model or import a GGUF in Models');
        await runtime.load(info);
        return runtime.getStatus();
      },
      checkRemote: async () => {
        const info = await remoteEngine.check();
        return { url: info.url, models: info.models.slice(0, 50), contextSize: info.contextSize, adapters: info.adapters?.slice(0, 50).map((a) => a.path) ?? null };
      },
      cancelLoad: async () => {
        runtime.cancelLoad();
        return runtime.getStatus();
      },
    },
    characters: charactersHandlers(characters, characterImporters, runtime, packs.uploads),
    desktop: options.desktop ?? browserDesktopHandlers(),
    packs: packsHandlers(packs),
    chat: chatHandlers(chat),
    training: trainingHandlers(training, models, augmenter, cluster),
  };

  const dispatcher = createDispatcher(handlers);
  return {
    services: { layout, settings, models, runtime, characters, characterImporters, packs, chatEngine, remoteEngine, remoteKey, chatModel, chat, openai, training, cluster },
    handlers,
    dispatcher,
    api: localStudioApi(dispatcher, events),
    events,
    dispose: async () => {
      for (const off of unsubscribe) off();
      // A summary being written uses the engine: stop it first (it saves nothing half-written).
      await chat.close();
      await training.dispose();
      await engine.dispose();
      await runtime.dispose();
      await packs.dispose();
    },
  };
}
