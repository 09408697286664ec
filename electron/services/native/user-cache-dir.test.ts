import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userCacheDir } from './user-cache-dir';

describe('userCacheDir', () => {
  it('follows each platform’s convention', () => {
    expect(userCacheDir({}, 'linux', '/home/a')).toBe(join('/home/a', '.cache', 'character-studio'));
    expect(userCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a')).toBe(join('/xdg', 'character-studio'));
    expect(userCacheDir({ XDG_CACHE_HOME: '' }, 'linux', '/home/a')).toBe(join('/home/a', '.cache', 'character-studio'));
    expect(userCacheDir({}, 'darwin', '/Users/a')).toBe(join('/Users/a', 'Library', 'Caches', 'character-studio'));
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\Users\\a')).toBe(join('C:\\L', 'character-studio', 'Cache'));
  });
});
