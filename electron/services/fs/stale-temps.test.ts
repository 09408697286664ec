import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { tempPathFor } from './atomic-write';
import { sweepStaleTemps } from './stale-temps';

const tempDir = useTempDir();

describe('sweepStaleTemps', () => {
  it('removes old temp files of killed writes at any depth, and leaves fresh temps and ordinary files', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'a', 'chats'), { recursive: true });
    const old = tempPathFor(join(root, 'a', 'chats', 'c1.jsonl'));
    const fresh = tempPathFor(join(root, 'a', 'character.json'));
    for (const file of [old, fresh, join(root, 'a', 'character.json'), join(root, 'a', '.keep.tmp')]) await writeFile(file, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await utimes(join(root, 'a', '.keep.tmp'), twoHoursAgo, twoHoursAgo);

    expect(await sweepStaleTemps(root)).toEqual([old]);
    expect((await readdir(join(root, 'a', 'chats')))).toEqual([]);
    expect((await readdir(join(root, 'a'))).sort()).toEqual(['.keep.tmp', fresh.split('/').at(-1), 'character.json', 'chats'].sort());
    expect(await sweepStaleTemps(join(root, 'missing'))).toEqual([]);
  });

  it('removes the staging folder of an import killed over an hour ago, with its files, and keeps fresh or foreign ones', async () => {
    const root = await tempDir();
    const characters = join(root, 'characters');
    const killed = join(characters, '.staging-0123456789ab');
    const running = join(characters, '.staging-ba9876543210');
    const foreign = join(characters, '.staging-mine');
    for (const dir of [join(killed, 'adapters', 'a'), running, foreign, join(characters, 'tea-house')]) await mkdir(dir, { recursive: true });
    await writeFile(join(killed, 'adapters', 'a', 'adapter.gguf'), 'x'.repeat(1000));
    await writeFile(join(killed, 'character.json'), '{}');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    for (const dir of [killed, foreign, join(characters, 'tea-house')]) await utimes(dir, twoHoursAgo, twoHoursAgo);

    expect(await sweepStaleTemps(root)).toEqual([killed]);
    expect((await readdir(characters)).sort()).toEqual(['.staging-ba9876543210', '.staging-mine', 'tea-house']);
  });
});
