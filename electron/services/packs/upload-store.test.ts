import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { UPLOAD_LIMITS, UploadStore } from './upload-store';

const tempDir = useTempDir('studio-uploads-');

async function store(limits: Partial<typeof UPLOAD_LIMITS> = {}) {
  const dir = join(await tempDir(), '.uploads');
  return { dir, uploads: new UploadStore(dir, { ...UPLOAD_LIMITS, ...limits }) };
}

describe('UploadStore', () => {
  it('assembles pieces in order, hands over the file by path, and removes it afterwards', async () => {
    const { dir, uploads } = await store();
    const id = await uploads.begin('pack.charx', 6);
    expect(await uploads.append(id, 0, Buffer.from('abc'))).toBe(3);
    expect(await uploads.append(id, 3, Buffer.from('def'))).toBe(6);
    const text = await uploads.take(id, async ({ fileName, file }) => `${fileName}:${await readFile(file, 'utf8')}`);
    expect(text).toBe('pack.charx:abcdef');
    expect(await readdir(dir)).toEqual([]);
    await expect(uploads.take(id, async () => undefined)).rejects.toThrow(/no upload/);
  });

  it('refuses pieces out of order, past the announced size, an unfinished file, and a file over the cap', async () => {
    const { uploads } = await store({ maxFileBytes: 10 });
    await expect(uploads.begin('big.charx', 11)).rejects.toThrow(/big\.charx: .* larger than/);
    const id = await uploads.begin('p.charx', 4);
    await expect(uploads.append(id, 2, Buffer.from('x'))).rejects.toThrow(/expected the piece at byte 0, got 2/);
    await expect(uploads.append(id, 0, Buffer.from('xxxxx'))).rejects.toThrow(/more bytes than the announced 4/);
    await uploads.append(id, 0, Buffer.from('xx'));
    await expect(uploads.take(id, async () => undefined)).rejects.toThrow(/only 2 of 4 bytes arrived/);
  });

  it('caps unfinished uploads by count and by announced bytes, and frees a slot on discard', async () => {
    const { uploads } = await store({ maxOpen: 2, maxOpenBytes: 100 });
    const a = await uploads.begin('a', 60);
    await expect(uploads.begin('b', 50)).rejects.toThrow(/b: unfinished uploads already claim 60 B; with this one they would pass the 100 B limit/);
    await uploads.begin('c', 10);
    await expect(uploads.begin('d', 1)).rejects.toThrow(/d: 2 uploads are already unfinished/);
    // Concurrent begins are reserved one by one, so they cannot all slip past the cap together.
    await uploads.discard(a);
    const results = await Promise.allSettled([uploads.begin('e', 1), uploads.begin('f', 1)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an upload larger than the free disk space', async () => {
    const { uploads } = await store({ maxFileBytes: Number.MAX_SAFE_INTEGER, maxOpenBytes: Number.MAX_SAFE_INTEGER });
    await expect(uploads.begin('huge.charx', 2 ** 52)).rejects.toThrow(/not enough free disk space for uploading huge\.charx/);
  });

  it('discards an unfinished upload with its temp file, and is quiet about unknown ids', async () => {
    const { dir, uploads } = await store();
    const id = await uploads.begin('p.charx', 4);
    await uploads.append(id, 0, Buffer.from('ab'));
    expect(existsSync(join(dir, id))).toBe(true);
    await uploads.discard(id);
    expect(existsSync(join(dir, id))).toBe(false);
    await expect(uploads.append(id, 2, Buffer.from('cd'))).rejects.toThrow(/no upload/);
    await expect(uploads.discard(id)).resolves.toBeUndefined();
  });

  it('drops an upload that stays idle past its expiry', async () => {
    const { dir, uploads } = await store({ idleMs: 50 });
    const id = await uploads.begin('p.charx', 4);
    await uploads.append(id, 0, Buffer.from('ab'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(existsSync(join(dir, id))).toBe(false);
    await expect(uploads.append(id, 2, Buffer.from('cd'))).rejects.toThrow(/no upload .*expired/);
  });

  it('clear removes the temp files of an earlier run', async () => {
    const { dir, uploads } = await store();
    const id = await uploads.begin('p.charx', 4);
    await uploads.append(id, 0, Buffer.from('ab'));
    await new UploadStore(dir).clear();
    expect(existsSync(dir)).toBe(false);
  });
});
