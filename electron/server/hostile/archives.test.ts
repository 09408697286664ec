import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackImportResult } from '../../../shared/contract/domains/packs';
import { zipToBuffer } from '../../services/packs/zip-write';
import { stillAnswers, useHostileServer } from './hostile-server';
import { uploadInPieces } from './upload-pieces';

// Issue 12, item 6: CHARX and pack entries inflated into memory (a 2.6 MB file took 986 MB of RSS),
// and the caps (2 GB per entry, 8 GB in all, 200×) let a 50 MB file ask for more than 8 GB. Against a
// real server process: an archive that really inflates to ~200 MB comes in with RSS flat, archives
// that declare far more are refused before a byte is inflated, and nothing is left behind.

/** What importing may add to the server's RSS: pieces of 8 MB in flight and stream buffers; unbounded it was ~1 GB. */
const RSS_GROWTH_BOUND = 150 * 1024 * 1024;
const INFLATED_BYTES = 200 * 1024 * 1024;

const hostile = useHostileServer('studio-archives-');

const card = Buffer.from(JSON.stringify({ spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'Ballast', first_mes: 'Heavy.' } }));

/** 8 random bytes per KB deflate ~80×: under the 100× cap, so the entry is really inflated. */
function compressibleBlob(bytes: number): Buffer {
  const blob = Buffer.alloc(bytes);
  const noise = randomBytes((bytes / 1024) * 8);
  for (let block = 0; block < bytes / 1024; block++) noise.copy(blob, block * 1024, block * 8, block * 8 + 8);
  return blob;
}

/** The central directory's declared size of every entry patched to `size` (an attacker's tool writes any number). */
function declareSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) out.writeUInt32LE(size, at + 24);
  return out;
}

async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = await hostile.server.rss();
  let peak = before;
  const timer = setInterval(() => void hostile.server.rss().then((rss) => (peak = Math.max(peak, rss)), () => undefined), 25);
  try {
    const result = await work();
    peak = Math.max(peak, await hostile.server.rss());
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/** Dot-named leftovers beside the characters (staging) and unfinished uploads. */
async function leftovers(): Promise<string[]> {
  const hidden = (await readdir(join(hostile.dataDir, 'characters')).catch(() => [] as string[])).filter((n) => n.startsWith('.'));
  const uploads = await readdir(join(hostile.dataDir, '.uploads')).catch(() => [] as string[]);
  return [...hidden, ...uploads.map((n) => `.uploads/${n}`)];
}

async function characterNames(): Promise<string[]> {
  const listed = await hostile.client.call('characters.list', {});
  return (listed.value as { name: string }[]).map((c) => c.name);
}

describe('archives that inflate large', () => {
  it('imports a ~2.6 MB CHARX that inflates to 200 MB with the server RSS staying flat', async () => {
    const charx = await zipToBuffer([{ path: 'card.json', data: card }, { path: 'assets/other/ballast.bin', data: compressibleBlob(INFLATED_BYTES) }]);
    expect(charx.length).toBeLessThan(3 * 1024 * 1024);
    const { result, growth } = await peakRssDuring(async () => {
      const uploadId = await uploadInPieces(hostile.client, 'ballast.charx', charx);
      return hostile.client.call('packs.import', { files: [{ uploadId }] }, 120_000);
    });
    const imported = result.value as PackImportResult;
    expect(imported.failed).toEqual([]);
    expect(imported.imported.map((i) => i.name)).toEqual(['Ballast']);
    console.log(`RSS growth importing a ${(charx.length / 1024 / 1024).toFixed(1)} MB CHARX that inflates to 200 MB: ${Math.round(growth / 1024 / 1024)} MB (bound ${RSS_GROWTH_BOUND / 1024 / 1024} MB)`);
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an archive of small entries that would inflate 1000× in all, before inflating any', async () => {
    const zero = Buffer.alloc(1024 * 1024 - 1);
    const bomb = await zipToBuffer([{ path: 'card.json', data: card }, ...Array.from({ length: 1000 }, (_, i) => ({ path: `assets/other/${i}.bin`, data: zero }))]);
    const before = await characterNames();
    const { result, growth } = await peakRssDuring(() => hostile.client.call('packs.import', { files: [{ fileName: 'bomb.charx', dataBase64: bomb.toString('base64') }] }));
    expect((result.value as PackImportResult).failed).toEqual([{ fileName: 'bomb.charx', message: expect.stringMatching(/^bomb\.charx: the archive would inflate \d+× overall \(at most 100×\): refused as a zip bomb/) }]);
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND);
    expect(await characterNames()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a pack that declares entries of 3 GB by the caps, before inflating a byte', async () => {
    const zip = declareSizes(await zipToBuffer([{ path: 'card.json', data: card }, { path: 'assets/other/huge.bin', data: randomBytes(64 * 1024) }]), 3 * 1024 * 1024 * 1024);
    const before = await characterNames();
    const reply = await hostile.client.call('characters.import', { fileName: 'huge.charx', dataBase64: zip.toString('base64') });
    expect(reply.ok).toBe(false);
    expect(reply.error?.message).toMatch(/^huge\.charx: "card\.json" unpacks to 3\.0 GB, more than the 1\.0 GB one file may be/);
    expect(await characterNames()).toEqual(before);
    expect(await leftovers()).toEqual([]);
    expect(await stillAnswers(hostile.server)).toBe(true);
  });
});
