import { homedir } from 'node:os';
import { join } from 'node:path';

// Native builds take minutes and depend only on their content key, so they live in the user's cache
// folder rather than in a checkout: a fresh clone (CI, a second worktree) on the same machine reuses them.

/** The platform's per-user cache folder for the studio: XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'character-studio', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'character-studio');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'character-studio');
}
