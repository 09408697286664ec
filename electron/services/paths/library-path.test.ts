import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { libraryLabel, realPathInside } from './library-path';

const tempDir = useTempDir('studio-library-path-');

describe('realPathInside', () => {
  it('names the refused file from the library folder down, and accepts files not made yet', async () => {
    const base = await tempDir();
    const root = join(base, 'characters');
    await mkdir(join(root, 'abc'), { recursive: true });
    await mkdir(join(base, 'outside'));
    await symlink(join(base, 'outside'), join(root, 'abc', 'chats'));
    await expect(realPathInside(root, join(root, 'abc', 'chats', 'c1.jsonl'))).rejects.toThrow(
      'characters/abc/chats/c1.jsonl leads outside the library through a link',
    );
    await expect(realPathInside(root, join(base, 'elsewhere'))).rejects.toThrow('is not inside the library');
    await expect(realPathInside(join(base, 'not-made'), join(base, 'not-made', 'a', 'b.json'))).resolves.toBe(join(base, 'not-made', 'a', 'b.json'));
  });

  it('labels paths with forward slashes under the root folder name', () => {
    expect(libraryLabel(join('/data', 'characters'), join('/data', 'characters', 'abc', 'character.json'))).toBe('characters/abc/character.json');
  });
});
