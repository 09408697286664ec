import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the studio keeps its data. `--library DIR` (CLI/serve) or Electron's userData folder picks the
// root; everything else is derived here so no service invents its own paths.

export const APP_FOLDER_NAME = 'character-studio';

/** Folder layout inside one data root. */
export interface DataLayout {
  root: string;
  settingsFile: string;
  modelsDir: string;
  modelsIndex: string;
  /** Repositories being fetched from the model hub (resumable; Models → Clean up empties it). */
  hubDownloadsDir: string;
  /** Hub checkpoints kept after conversion (`models get --keep-checkpoint`). */
  checkpointsDir: string;
  /** The model hub token set in Settings (owner-only permissions; never sent to the page). */
  hubTokenFile: string;
  /** The remote inference server's API key (Settings → Runtime), owner-only like the hub token. */
  remoteKeyFile: string;
  charactersDir: string;
  trashDir: string;
  /** The trainer's transposed copies of base models (one file per model and type; safe to delete). */
  backwardWeightsDir: string;
  /** The desktop window's remembered size and place. */
  windowStateFile: string;
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    settingsFile: join(root, 'settings.json'),
    modelsDir: join(root, 'models'),
    modelsIndex: join(root, 'models', 'models.json'),
    hubDownloadsDir: join(root, 'models', '.hub'),
    checkpointsDir: join(root, 'models', 'checkpoints'),
    hubTokenFile: join(root, 'hub-token'),
    remoteKeyFile: join(root, 'remote-api-key'),
    charactersDir: join(root, 'characters'),
    trashDir: join(root, 'trash'),
    backwardWeightsDir: join(root, 'cache', 'backward-weights'),
    windowStateFile: join(root, 'window-state.json'),
  };
}

/** The platform's per-user app-data folder, matching Electron's `userData` for the same app name. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STUDIO_LIBRARY) return env.STUDIO_LIBRARY;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}
