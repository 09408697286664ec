import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { absolutePathArchive, hugeEntryArchive, manyEntriesArchive, zipBombArchive, zipSlipArchive } from './malicious-zips';
import { PACK_LIMITS } from './pack-limits';
import { extractZip } from './zip-extract';
import { zipToBuffer } from './zip-write';

const tempDir = useTempDir('studio-zip-');

async function writeTemp(dir: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, 'late.charx');
  await writeFile(file, bytes);
  return file;
}

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('extractZip', () => {
  it('unpacks an archive into the staging folder', async () => {
    const dir = await tempDir();
    const zip = await zipToBuffer([{ path: 'card.json', data: Buffer.from('{"a":1}') }, { path: 'assets/icon/images/main.png', data: Buffer.from('png') }]);
    const entries = await extractZip({ bytes: zip }, join(dir, 'out'), 'x.charx', PACK_LIMITS);
    expect(entries.map((e) => e.path)).toEqual(['card.json', 'assets/icon/images/main.png']);
    expect(await readFile(join(dir, 'out', 'card.json'), 'utf8')).toBe('{"a":1}');
  });

  it('refuses zip-slip and writes nothing outside the staging folder', async () => {
    const dir = await tempDir();
    await expect(extractZip({ bytes: await zipSlipArchive() }, join(dir, 'out'), 'slip.charx', PACK_LIMITS)).rejects.toThrow(
      /^slip\.charx: refused an entry .*\.\.\/escaped\.txt/,
    );
    expect(await listAll(dir)).not.toContain('escaped.txt');
  });

  it('refuses absolute paths', async () => {
    const dir = await tempDir();
    await expect(extractZip({ bytes: await absolutePathArchive() }, join(dir, 'out'), 'abs.charx', PACK_LIMITS)).rejects.toThrow(/abs\.charx: refused an entry .*\/tmp\/abs\.txt/);
  });

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    const dir = await tempDir();
    await expect(extractZip({ bytes: await zipBombArchive() }, join(dir, 'out'), 'bomb.charx', PACK_LIMITS)).rejects.toThrow(/bomb\.charx: "assets\/bomb\.bin" would inflate \d+× .*zip bomb/);
    expect(await listAll(dir).catch(() => [])).not.toContain(join('out', 'assets', 'bomb.bin'));
  });

  it('refuses an entry larger than the cap and too many entries', async () => {
    const dir = await tempDir();
    const small = { ...PACK_LIMITS, maxEntryBytes: 1024 * 1024, maxEntries: 10 };
    await expect(extractZip({ bytes: await hugeEntryArchive(2 * 1024 * 1024) }, join(dir, 'a'), 'huge.charx', small)).rejects.toThrow(/huge\.charx: "assets\/huge\.png" unpacks to 2\.0 MB, more than/);
    await expect(extractZip({ bytes: await manyEntriesArchive(11) }, join(dir, 'b'), 'many.charx', small)).rejects.toThrow(/many\.charx: the archive has 11 entries \(at most 10\)/);
  });

  it('refuses an entry that lies about its size', async () => {
    const dir = await tempDir();
    const zip = await zipToBuffer([{ path: 'card.json', data: Buffer.from('x'.repeat(5000)) }]);
    // Patch the declared uncompressed size (central directory, offset 24 of its header) down to 10.
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    await expect(extractZip({ bytes: zip }, join(dir, 'out'), 'liar.charx', PACK_LIMITS)).rejects.toThrow(/liar\.charx: an entry does not inflate to its declared size/);
  });

  it('refuses many small entries that inflate far beyond the archive together, before writing any', async () => {
    const dir = await tempDir();
    // Each 512 KB entry is below the per-entry ratio floor; 40 of them deflate to a few KB in all.
    const zip = await zipToBuffer(Array.from({ length: 40 }, (_, i) => ({ path: `assets/${i}.bin`, data: Buffer.alloc(512 * 1024) })));
    await expect(extractZip({ bytes: zip }, join(dir, 'out'), 'many.charx', PACK_LIMITS)).rejects.toThrow(/many\.charx: the archive would inflate \d+× overall \(at most 100×\)/);
    expect(await listAll(dir)).toEqual([]);
  });

  it('checks every declared entry before inflating one: a bad last entry leaves nothing written', async () => {
    const dir = await tempDir();
    const small = { ...PACK_LIMITS, maxEntryBytes: 1024 * 1024 };
    const zip = await zipToBuffer([{ path: 'card.json', data: Buffer.from('{}') }, { path: 'assets/huge.bin', data: Buffer.alloc(2 * 1024 * 1024, 1) }]);
    await expect(extractZip({ file: await writeTemp(dir, zip) }, join(dir, 'out'), 'late.charx', small)).rejects.toThrow(/late\.charx: "assets\/huge\.bin" unpacks to 2\.0 MB/);
    expect(await listAll(dir)).toEqual(['late.charx']);
  });

  it('names a file that is not a zip', async () => {
    const dir = await tempDir();
    await expect(extractZip({ bytes: Buffer.from('not a zip at all') }, join(dir, 'out'), 'junk.charx', PACK_LIMITS)).rejects.toThrow(/junk\.charx: not a readable zip archive/);
  });
});
