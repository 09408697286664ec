import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { useTempDir } from '../../test-support/temp-dir';
import { writeFileAtomic } from '../fs/atomic-write';
import { FileError } from '../fs/file-error';
import { diskFaults } from '../fs/test-support/faulty-writes';
import { appendJsonl, readJsonl } from './jsonl-file';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const { openWithFaults } = await import('../fs/test-support/faulty-writes');
  return { ...real, open: openWithFaults(real.open) };
});

const tempDir = useTempDir('studio-jsonl-');
const record = z.object({ n: z.number(), text: z.string() });

async function chatFile(): Promise<{ root: string; file: string }> {
  const root = join(await tempDir(), 'characters');
  await mkdir(join(root, 'abc', 'chats'), { recursive: true });
  const file = join(root, 'abc', 'chats', 'c1.jsonl');
  await writeFile(file, '{"n":1,"text":"one"}\n{"n":2,"text":"two"}\n');
  return { root, file };
}

async function rejection(promise: Promise<unknown>): Promise<FileError> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof FileError)) throw new Error(`expected a FileError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  diskFaults.current = null;
});

describe('appendJsonl', () => {
  it('writes every byte when the disk takes a few bytes per call', async () => {
    const { root, file } = await chatFile();
    diskFaults.current = { matches: (p) => p.endsWith('.jsonl'), maxBytesPerWrite: 5 };
    await appendJsonl(root, file, [{ n: 3, text: '三' }, { n: 4, text: 'four' }]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1,"text":"one"}\n{"n":2,"text":"two"}\n{"n":3,"text":"三"}\n{"n":4,"text":"four"}\n');
  });

  it('on a full disk leaves the file byte-identical, names it, and the next append after space is freed is whole', async () => {
    const { root, file } = await chatFile();
    const before = await readFile(file);
    diskFaults.current = { matches: (p) => p.endsWith('.jsonl'), spaceLeft: 9, code: 'ENOSPC' };
    const error = await rejection(appendJsonl(root, file, [{ n: 3, text: 'a reply that does not fit' }]));
    expect(error.message).toBe('characters/abc/chats/c1.jsonl: the disk is full (ENOSPC)');
    expect(error.osCode).toBe('ENOSPC');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect((await readFile(file)).equals(before)).toBe(true);

    diskFaults.current = null;
    await appendJsonl(root, file, [{ n: 3, text: 'fits now' }]);
    const read = await readJsonl(root, file, record);
    expect(read.records.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(read.problems).toEqual([]);
    expect(await readdir(join(root, 'abc', 'chats'))).toEqual(['c1.jsonl']);
  });

  it('treats a write that takes nothing as a failure, in plain words', async () => {
    const { root, file } = await chatFile();
    const before = await readFile(file);
    diskFaults.current = { matches: (p) => p.endsWith('.jsonl'), maxBytesPerWrite: 0 };
    const error = await rejection(appendJsonl(root, file, [{ n: 3, text: 'x' }]));
    expect(error.message).toMatch(/^characters\/abc\/chats\/c1\.jsonl: the disk accepted only 0 of \d+ bytes$/);
    expect((await readFile(file)).equals(before)).toBe(true);
  });
});

describe('writeFileAtomic', () => {
  it('names the target and its folders when the disk fails, and leaves the old file and no temp file', async () => {
    const { root } = await chatFile();
    const target = join(root, 'abc', 'character.json');
    await writeFile(target, '{"old":true}');
    diskFaults.current = { matches: (p) => p.endsWith('.tmp'), spaceLeft: 4, code: 'EIO' };
    const error = await rejection(writeFileAtomic(target, '{"new":"a longer text than four bytes"}'));
    expect(error.message).toBe('characters/abc/character.json: the disk reported a read or write error (EIO)');
    expect(await readFile(target, 'utf8')).toBe('{"old":true}');
    expect((await readdir(join(root, 'abc'))).sort()).toEqual(['character.json', 'chats']);
  });
});
