import { event } from './define';
import { appContract } from './domains/app';
import { charactersContract } from './domains/characters';
import { chatContract } from './domains/chat';
import { desktopContract, type DesktopCommand } from './domains/desktop';
import { modelsContract } from './domains/models';
import { packsContract } from './domains/packs';
import { runtimeContract } from './domains/runtime';
import { settingsContract } from './domains/settings';
import { trainingContract } from './domains/training';
import type { CharactersChange } from '../character/library-types';
import type { ModelInfo } from '../models/model-info';
import type { RuntimeStatus } from '../runtime/runtime-status';
import type { Settings } from '../settings/settings';
import type { TrainingJobEvent } from '../training/training-job';

// The single map of everything the renderer may ask of the services (`domain.method`) and everything
// the services push back. Preload, WebSocket server, CLI and renderer are all derived from it.

export const contract = {
  app: appContract,
  settings: settingsContract,
  models: modelsContract,
  runtime: runtimeContract,
  characters: charactersContract,
  desktop: desktopContract,
  packs: packsContract,
  chat: chatContract,
  training: trainingContract,
};

export const events = {
  'runtime.status': event<RuntimeStatus>(),
  'models.changed': event<ModelInfo[]>(),
  'settings.changed': event<Settings>(),
  'characters.changed': event<CharactersChange>(),
  /** A menu command for the UI (desktop app only). */
  'desktop.command': event<DesktopCommand>(),
  /** The system handed the app files to open; take them with `desktop.takeOpenedFiles`. */
  'desktop.filesOpened': event<{ count: number }>(),
  /** A training run's state and its new loss-curve points. */
  'training.job': event<TrainingJobEvent>(),
};

export type Contract = typeof contract;
export type Events = typeof events;
