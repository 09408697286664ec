import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '../../services/packs/upload-store';
import { connectClient, startHostileServer, stillAnswers, type HostileServer } from './hostile-server';

// Issue 12, item 6: uploadBegin could be called any number of times, each announcing up to 1 GB, and
// the temporary files outlived disconnects and kills. Against a real server process: begins past the
// caps are refused by name, a closed connection takes its unfinished uploads with it, and a start
// clears what a killed server left.

const GB = 1024 * 1024 * 1024;

let root: string;
let dataDir: string;
let server: HostileServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-uploads-'));
  dataDir = join(root, 'data');
  server = await startHostileServer(dataDir);
});
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

const tempFiles = () => readdir(join(dataDir, '.uploads')).catch(() => [] as string[]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(test: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (await test()) return true;
  return test();
}

describe('uploads from a hostile client', () => {
  it('refuses begins past the count and the announced-bytes caps, then frees them when the client goes', async () => {
    const hostile = await connectClient(server);
    const replies = [];
    for (let n = 0; n < 50; n++) replies.push(await hostile.call('packs.uploadBegin', { fileName: `f${n}.charx`, size: 1024 }));
    expect(replies.filter((r) => r.ok)).toHaveLength(UPLOAD_LIMITS.maxOpen);
    expect(replies.at(-1)!.error?.message).toBe(`f49.charx: ${UPLOAD_LIMITS.maxOpen} uploads are already unfinished; finish or cancel one first`);
    hostile.close();

    const other = await connectClient(server);
    // The closed connection's uploads are gone: this client has every slot, and the byte cap holds.
    await expect.poll(async () => (await other.call('packs.uploadBegin', { fileName: 'a.charx', size: GB })).ok).toBe(true);
    const second = await other.call('packs.uploadBegin', { fileName: 'b.charx', size: GB });
    expect(second.ok).toBe(true);
    const third = await other.call('packs.uploadBegin', { fileName: 'c.charx', size: 1 });
    expect(third.error?.message).toMatch(/^c\.charx: unfinished uploads already claim 2\.0 GB; with this one they would pass the 2\.0 GB limit/);
    const huge = await other.call('packs.uploadBegin', { fileName: 'huge.charx', size: 5 * GB });
    expect(huge.error?.message).toMatch(/^huge\.charx: 5\.0 GB is larger than the 1\.0 GB the studio imports/);
    other.close();
    expect(await stillAnswers(server)).toBe(true);
  });

  it('removes the temp file of an upload whose connection closes mid-way', async () => {
    const client = await connectClient(server);
    const begun = await client.call('packs.uploadBegin', { fileName: 'half.charx', size: 2048 });
    const { uploadId } = begun.value as { uploadId: string };
    expect((await client.call('packs.uploadChunk', { uploadId, offset: 0, dataBase64: Buffer.alloc(1024, 7).toString('base64') })).ok).toBe(true);
    expect(await tempFiles()).toContain(uploadId);
    client.close();
    expect(await until(async () => !(await tempFiles()).includes(uploadId))).toBe(true);
    expect(await stillAnswers(server)).toBe(true);
  });

  it('clears the temp files a killed server left, at its next start', async () => {
    const client = await connectClient(server);
    const { uploadId } = (await client.call('packs.uploadBegin', { fileName: 'killed.charx', size: 2048 })).value as { uploadId: string };
    await client.call('packs.uploadChunk', { uploadId, offset: 0, dataBase64: Buffer.alloc(1024, 7).toString('base64') });
    expect(await tempFiles()).toContain(uploadId);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    expect(await tempFiles()).toContain(uploadId);
    server = await startHostileServer(dataDir);
    expect(await tempFiles()).toEqual([]);
    expect(await stillAnswers(server)).toBe(true);
  });
});
