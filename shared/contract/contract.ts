import { event } from './define';
import { appContract } from './domains/app';
import { charactersContract } from './domains/characters';
import { modelsContract } from './domains/models';
import { runtimeContract } from './domains/runtime';
import { settingsContract } from './domains/settings';
import type { CharactersChange } from '../character/library-types';
import type { ModelInfo } from '../models/model-info';
import type { RuntimeStatus } from '../runtime/runtime-status';
import type { Settings } from '../settings/settings';

// The single map of everything the renderer may ask of the services (`domain.method`) and everything
// the services push back. Preload, WebSocket server, CLI and renderer are all derived from it.

export const contract = {
  app: appContract,
  settings: settingsContract,
  models: modelsContract,
  runtime: runtimeContract,
  characters: charactersContract,
};

export const events = {
  'runtime.status': event<RuntimeStatus>(),
  'models.changed': event<ModelInfo[]>(),
  'settings.changed': event<Settings>(),
  'characters.changed': event<CharactersChange>(),
};

export type Contract = typeof contract;
export type Events = typeof events;
