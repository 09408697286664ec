import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/errors';
import { useTempDir } from '../../../test-support/temp-dir';
import { downloadFile } from './http-download';

const tempDir = useTempDir('studio-download-');
let server: Server | undefined;
afterEach(() => server?.close());

/** A local file server with Range support that can cut the first response after `cutAt` bytes. */
async function serve(body: Buffer, options: { cutAt?: number; redirect?: boolean } = {}): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  let cut = options.cutAt;
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.range ?? ''}`.trim());
    if (options.redirect && req.url === '/org/model/resolve/main/m.gguf') {
      res.writeHead(302, { location: '/cdn/m.gguf', 'x-linked-etag': `"${createHash('sha256').update(body).digest('hex')}"` }).end();
      return;
    }
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const headers = { 'content-length': String(body.length - start), etag: '"v1"', 'accept-ranges': 'bytes' };
    if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, headers);
    if (cut !== undefined) {
      res.write(body.subarray(start, cut));
      cut = undefined;
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, requests };
}

async function tinyGguf(dir: string): Promise<Buffer> {
  const body = randomBytes(3_000_000);
  await writeFile(join(dir, 'src.gguf'), body);
  return body;
}

describe('downloadFile', () => {
  it('resumes after a cut connection with a Range request and verifies the whole file', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const { url, requests } = await serve(body, { cutAt: 1_000_000 });
    const target = join(dir, 'm.gguf');
    await expect(downloadFile({ url: `${url}/m.gguf`, target, sha256, retry: { attempts: 1, baseDelayMs: 0 } })).rejects.toThrow(/(stopped at|ended early).*start it again to resume$/);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(true);

    const progress: number[] = [];
    const done = await downloadFile({ url: `${url}/m.gguf`, target, sha256, onProgress: (p) => progress.push(p.received) });
    expect(done).toMatchObject({ sha256, sizeBytes: body.length });
    expect(done.resumedFrom).toBeGreaterThan(0);
    expect(requests[1]).toBe(`/m.gguf bytes=${done.resumedFrom}-`);
    expect(progress[0]).toBe(done.resumedFrom);
    expect((await readFile(target)).equals(body)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['m.gguf', 'src.gguf']);
  });

  it('tries a dropped connection again after a pause, resuming where it stopped', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const { url, requests } = await serve(body, { cutAt: 1_000_000 });
    const retries: string[] = [];
    const done = await downloadFile({
      url: `${url}/m.gguf`, target: join(dir, 'm.gguf'), sha256: createHash('sha256').update(body).digest('hex'),
      retry: { attempts: 2, baseDelayMs: 1 }, onRetry: (attempt, delayMs, reason) => retries.push(`${attempt} ${delayMs} ${reason}`),
    });
    expect(retries).toEqual([expect.stringMatching(/^1 1 download of m\.gguf (stopped at|ended early)/)]);
    expect(done.resumedFrom).toBeGreaterThan(0);
    expect(requests).toEqual(['/m.gguf', `/m.gguf bytes=${done.resumedFrom}-`]);
  });

  it('sends the token only to the origin it belongs to, never to a redirect target elsewhere', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const seen: string[] = [];
    const storage = createServer((req, res) => {
      seen.push(`storage ${req.headers.authorization ?? 'none'}`);
      res.writeHead(200, { 'content-length': String(body.length) }).end(body);
    });
    await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
    const hubServer = createServer((req, res) => {
      seen.push(`hub ${req.headers.authorization ?? 'none'}`);
      res.writeHead(302, { location: `http://127.0.0.1:${(storage.address() as AddressInfo).port}/blob` }).end();
    });
    await new Promise<void>((resolve) => hubServer.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(hubServer.address() as AddressInfo).port}`;
      await downloadFile({ url: `${origin}/org/m/resolve/main/m.gguf`, target: join(dir, 'm.gguf'), authorization: { origin, token: 'hf_secret' } });
      expect(seen).toEqual(['hub Bearer hf_secret', 'storage none']);
    } finally {
      hubServer.close();
      storage.close();
    }
  });

  it('refuses a file whose sha256 does not match and keeps nothing', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const { url } = await serve(body);
    const target = join(dir, 'm.gguf');
    await expect(downloadFile({ url: `${url}/m.gguf`, target, sha256: 'a'.repeat(64) })).rejects.toThrow('m.gguf: sha256 mismatch (expected aaaa');
    expect((await readdir(dir)).sort()).toEqual(['src.gguf']);
    // Asked to, it fetches once more from the start, then names the mismatch as repeated.
    await expect(downloadFile({ url: `${url}/m.gguf`, target, sha256: 'a'.repeat(64), refetchOnMismatch: true })).rejects.toThrow(/, again after a fresh download\); the damaged file was deleted$/);
    expect((await readdir(dir)).sort()).toEqual(['src.gguf']);
  });

  it('follows the hub redirect and checks the sha256 the hub announces', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const { url } = await serve(body, { redirect: true });
    const done = await downloadFile({ url: `${url}/org/model/resolve/main/m.gguf`, target: join(dir, 'm.gguf') });
    expect(done.sha256).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('checks every hop before fetching it: a redirect to a refused host is never requested', async () => {
    const dir = await tempDir();
    const { url, requests } = await serve(await tinyGguf(dir), { redirect: true });
    const checked: string[] = [];
    const checkUrl = async (u: URL): Promise<void> => {
      checked.push(u.pathname);
      if (u.pathname.startsWith('/cdn/')) throw new StudioError('unauthorized', `refusing to download from ${u.host}`);
    };
    const run = downloadFile({ url: `${url}/org/model/resolve/main/m.gguf`, target: join(dir, 'm.gguf'), checkUrl });
    await expect(run).rejects.toThrow(/^refusing to download from 127\.0\.0\.1/);
    expect(checked).toEqual(['/org/model/resolve/main/m.gguf', '/cdn/m.gguf']);
    expect(requests).toEqual(['/org/model/resolve/main/m.gguf']);
    expect((await readdir(dir)).sort()).toEqual(['src.gguf']);
  });

  it('stops a body without a length that runs past the size announced, keeping nothing', async () => {
    const dir = await tempDir();
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.end(randomBytes(300_000));
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/m.gguf`;
      await expect(downloadFile({ url, target: join(dir, 'm.gguf'), sizeBytes: 100_000 })).rejects.toThrow('m.gguf: the server sent more than the 100000 bytes announced');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      endless.close();
    }
  });

  it('cancels, keeping the partial file for a later resume', async () => {
    const dir = await tempDir();
    const body = await tinyGguf(dir);
    const { url } = await serve(body);
    const controller = new AbortController();
    const target = join(dir, 'm.gguf');
    const run = downloadFile({ url: `${url}/m.gguf`, target, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(existsSync(target)).toBe(false);
  });

  it('runs the final check before the file gets its name', async () => {
    const dir = await tempDir();
    const { url } = await serve(Buffer.from('not a model at all'));
    const target = join(dir, 'm.gguf');
    await expect(downloadFile({ url: `${url}/m.gguf`, target, verify: async () => { throw new Error('m.gguf: not a GGUF model file'); } })).rejects.toThrow('not a GGUF');
    expect(await readdir(dir)).toEqual([]);
  });
});
