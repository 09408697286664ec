import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StudioError } from '../../../../shared/contract/errors';
import { TransferRate } from '../../../../shared/models/transfer-rate';
import { writeFileAtomic } from '../../fs/atomic-write';
import { ensureFreeSpace } from '../disk-space';
import type { UrlGuard } from './address-guard';

// Downloads one large file resumably: bytes go to `<target>.part` (with `<target>.part.json` naming the
// URL and validator), a later run continues it with an HTTP Range request, the sha256 is checked over
// the whole file, and only then is it renamed to `<target>`. A partial file is never mistaken for a
// complete one because nothing but a verified file ever has the final name.

/** Progress of one download. */
export interface DownloadProgress {
  received: number;
  total: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/** What to fetch and how to check it. */
export interface DownloadRequest {
  url: string;
  target: string;
  sha256?: string;
  sizeBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Checks the finished file before it takes its final name (e.g. a GGUF header check). */
  verify?: (path: string) => Promise<void>;
  /** Checks every URL before it is fetched, redirects included (remote serve mode refuses private hosts). */
  checkUrl?: UrlGuard;
}

interface PartMeta {
  url: string;
  validator?: string;
  total?: number;
}

const MAX_REDIRECTS = 5;
const PROGRESS_INTERVAL_MS = 250;

/** Follows redirects by hand so the hub's checksum headers on the first hop are not lost. */
async function request(url: string, headers: Record<string, string>, signal?: AbortSignal, checkUrl?: UrlGuard): Promise<{ response: Response; linkedSha256?: string }> {
  let current = url;
  let linkedSha256: string | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await checkUrl?.(new URL(current));
    const response = await fetch(current, { headers, redirect: 'manual', signal });
    const linked = response.headers.get('x-linked-etag')?.replace(/"/g, '');
    if (linked && /^[0-9a-f]{64}$/.test(linked)) linkedSha256 ??= linked;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    return { response, ...(linkedSha256 ? { linkedSha256 } : {}) };
  }
  throw new StudioError('failed', `${url}: too many redirects`);
}

async function hashExisting(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

async function readMeta(path: string): Promise<PartMeta | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PartMeta;
  } catch {
    return null;
  }
}

/** Downloads `url` to `target`, resuming a matching `.part`; resolves with the verified sha256. */
export async function downloadFile(req: DownloadRequest): Promise<{ sha256: string; sizeBytes: number; resumedFrom: number }> {
  const part = `${req.target}.part`;
  const metaFile = `${part}.json`;
  const name = basename(req.target);
  const meta = await readMeta(metaFile);
  let have = 0;
  if (meta?.url === req.url) have = await stat(part).then((s) => s.size, () => 0);
  else await rm(part, { force: true });

  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (meta?.validator) headers['if-range'] = meta.validator;
  }
  let result: Awaited<ReturnType<typeof request>>;
  try {
    result = await request(req.url, headers, req.signal, req.checkUrl);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if (req.signal?.aborted) throw new StudioError('cancelled', `download of ${name} cancelled`);
    throw new StudioError('failed', `cannot reach ${new URL(req.url).host}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  const { response } = result;
  if (response.status === 416 && have > 0 && meta?.total === have) {
    // The previous run received everything but stopped before verifying.
  } else if (response.status === 206 && have > 0) {
    // Resuming.
  } else if (response.ok) {
    have = 0;
  } else {
    await response.body?.cancel();
    throw new StudioError(response.status === 404 ? 'not_found' : 'failed', `${req.url}: the server answered ${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = response.status === 416 ? have : Number.isFinite(length) ? have + length : req.sizeBytes ?? null;
  if (req.sizeBytes && total !== null && total !== req.sizeBytes) {
    await response.body?.cancel();
    throw new StudioError('bad_file', `${name}: the server offers ${total} bytes but the catalog says ${req.sizeBytes}`);
  }
  const expected = (req.sha256 ?? result.linkedSha256)?.toLowerCase();
  if (total !== null) await ensureFreeSpace(dirname(req.target), total - have, `downloading ${name}`);
  const validator = response.headers.get('etag') ?? response.headers.get('last-modified') ?? undefined;
  await writeFileAtomic(metaFile, JSON.stringify({ url: req.url, ...(validator ? { validator } : {}), ...(total !== null ? { total } : {}) } satisfies PartMeta));

  const hash = createHash('sha256');
  const resumedFrom = have;
  if (have > 0) await hashExisting(part, hash);
  const rate = new TransferRate();
  let received = have;
  let lastReport = 0;
  const report = (force = false): void => {
    const now = Date.now();
    rate.add(now, received);
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    req.onProgress?.({ received, total, bytesPerSecond: rate.bytesPerSecond(), etaSeconds: total === null ? null : rate.etaSeconds(total - received) });
  };
  const handle = await open(part, have > 0 ? 'a' : 'w');
  try {
    report(true);
    if (response.status !== 416 && response.body) {
      for await (const chunk of response.body) {
        await handle.write(chunk);
        hash.update(chunk);
        received += chunk.byteLength;
        report();
      }
    }
    await handle.sync();
  } catch (error) {
    if (req.signal?.aborted) throw new StudioError('cancelled', `download of ${name} cancelled; ${received} bytes are kept to resume`);
    throw new StudioError('failed', `download of ${name} stopped at ${received} bytes (${(error as Error).message}); start it again to resume`);
  } finally {
    await handle.close();
  }
  report(true);
  if (total !== null && received !== total) {
    throw new StudioError('failed', `download of ${name} ended early at ${received} of ${total} bytes; start it again to resume`);
  }
  const sha256 = hash.digest('hex');
  if (expected && sha256 !== expected) {
    await rm(part, { force: true });
    await rm(metaFile, { force: true });
    throw new StudioError('bad_file', `${name}: sha256 mismatch (expected ${expected}, got ${sha256}); the damaged file was deleted`);
  }
  if (req.verify) {
    try {
      await req.verify(part);
    } catch (error) {
      await rm(part, { force: true });
      await rm(metaFile, { force: true });
      throw error;
    }
  }
  await rename(part, req.target);
  await rm(metaFile, { force: true });
  return { sha256, sizeBytes: received, resumedFrom };
}
