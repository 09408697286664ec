import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../../../../shared/contract/errors';
import { modelProblemText, type ModelProblem } from '../../../../shared/models/model-problem';
import { TransferRate } from '../../../../shared/models/transfer-rate';
import { writeFileAtomic } from '../../fs/atomic-write';
import { diskFullError, ensureFreeSpace, freeSpace } from '../disk-space';
import type { UrlGuard } from './address-guard';
import { httpGet, networkDetail, type HubAuthorization } from './http-request';

// Downloads one large file resumably: bytes go to `<target>.part` (with `<target>.part.json` naming the
// URL and validator), a dropped connection is retried with an HTTP Range request after a growing pause
// (a later run, even after a restart, continues the same way), the sha256 is checked over the whole
// file, and only then is it renamed to `<target>`. A partial file is never mistaken for a complete one
// because nothing but a verified file ever has the final name.

/** Progress of one download. */
export interface DownloadProgress {
  received: number;
  total: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/** How often a dropped connection is tried again, and the first pause (doubling, at most 30 s). */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

/** Four tries, 1 s, 2 s, 4 s apart: rides out a flaky Wi-Fi without hiding a dead server for long. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000 };

/** The line a job shows while it waits to try again. */
export function retryNotice(attempt: number, delayMs: number, reason: string): string {
  return `${reason}; trying again in ${Math.round(delayMs / 100) / 10} s (try ${attempt + 1})`;
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
  authorization?: HubAuthorization;
  /** Names an HTTP error status (the hub's 401/404); the default says the status. */
  statusError?: (response: Response) => StudioError;
  retry?: RetryPolicy;
  /** Called before each pause between tries, with the reason the last try stopped. */
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  /** A file whose bytes miss the expected sha256 is deleted and fetched once more before it is refused. */
  refetchOnMismatch?: boolean;
}

interface PartMeta {
  url: string;
  validator?: string;
  total?: number;
}

/** A try that stopped for a reason the next try may not meet (a dropped connection, a 5xx). */
class Transient extends Error {
  constructor(message: string, readonly problem?: ModelProblem) {
    super(message);
  }
}

/** A body longer than announced: refused, never retried. */
class TooLong extends Error {}

const PROGRESS_INTERVAL_MS = 250;

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

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function defaultStatusError(url: string, response: Response): StudioError {
  return new StudioError(response.status === 404 ? 'not_found' : 'failed', `${url}: the server answered ${response.status} ${response.statusText}`);
}

/** Downloads `url` to `target`, resuming a matching `.part`; resolves with the verified sha256. */
export async function downloadFile(req: DownloadRequest): Promise<{ sha256: string; sizeBytes: number; resumedFrom: number }> {
  const name = basename(req.target);
  const retry = req.retry ?? DEFAULT_RETRY;
  let mismatches = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(req, mismatches > 0);
    } catch (error) {
      if (req.signal?.aborted) throw new StudioError('cancelled', `download of ${name} cancelled; what arrived is kept to resume`);
      const mismatch = error instanceof StudioError && error.problem?.kind === 'sha256-mismatch';
      if (mismatch && req.refetchOnMismatch && mismatches++ === 0) continue;
      if (!(error instanceof Transient)) throw error;
      if (attempt >= retry.attempts) throw new StudioError('failed', `${error.message}; start it again to resume`, error.problem);
      const delayMs = Math.min(30_000, retry.baseDelayMs * 2 ** (attempt - 1));
      req.onRetry?.(attempt, delayMs, error.message);
      await sleep(delayMs, undefined, req.signal ? { signal: req.signal } : {}).catch(() => undefined);
    }
  }
}

async function downloadOnce(req: DownloadRequest, refetched: boolean): Promise<{ sha256: string; sizeBytes: number; resumedFrom: number }> {
  const part = `${req.target}.part`;
  const metaFile = `${part}.json`;
  const name = basename(req.target);
  const host = new URL(req.url).host;
  const meta = await readMeta(metaFile);
  let have = 0;
  if (meta?.url === req.url) have = await stat(part).then((s) => s.size, () => 0);
  else await rm(part, { force: true });

  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (meta?.validator) headers['if-range'] = meta.validator;
  }
  let result: Awaited<ReturnType<typeof httpGet>>;
  try {
    result = await httpGet(req.url, { headers, ...(req.signal ? { signal: req.signal } : {}), ...(req.checkUrl ? { checkUrl: req.checkUrl } : {}), ...(req.authorization ? { authorization: req.authorization } : {}) });
  } catch (error) {
    if (error instanceof StudioError || req.signal?.aborted) throw error;
    const problem: ModelProblem = { kind: 'unreachable', host, detail: networkDetail(error) };
    throw new Transient(modelProblemText(problem), problem);
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
    if (response.status === 416) {
      await rm(part, { force: true });
      throw new Transient(`${name}: the server refused to resume at ${have} bytes`);
    }
    if (RETRYABLE_STATUS.has(response.status)) throw new Transient(`${name}: the server answered ${response.status} ${response.statusText}`);
    throw req.statusError?.(response) ?? defaultStatusError(req.url, response);
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = response.status === 416 ? have : Number.isFinite(length) ? have + length : req.sizeBytes ?? null;
  if (req.sizeBytes && total !== null && total !== req.sizeBytes) {
    await response.body?.cancel();
    throw new StudioError('bad_file', `${name}: the server offers ${total} bytes but ${req.sizeBytes} were announced`);
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
  let overlong: TooLong | null = null;
  try {
    report(true);
    if (response.status !== 416 && response.body) {
      for await (const chunk of response.body) {
        // A body without a length (chunked) could otherwise run on until the disk is full.
        if (total !== null && received + chunk.byteLength > total) throw new TooLong(`${name}: the server sent more than the ${total} bytes announced`);
        await handle.write(chunk);
        hash.update(chunk);
        received += chunk.byteLength;
        report();
      }
    }
    await handle.sync();
  } catch (error) {
    if (req.signal?.aborted) throw error;
    if (error instanceof TooLong) overlong = error;
    else if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw diskFullError(`downloading ${name}`, (total ?? received) - received, await freeSpace(dirname(part)).catch(() => 0), dirname(part));
    } else throw new Transient(`download of ${name} stopped at ${received} bytes (${networkDetail(error)})`);
  } finally {
    await handle.close();
  }
  if (overlong) {
    await rm(part, { force: true });
    await rm(metaFile, { force: true });
    throw new StudioError('bad_file', overlong.message);
  }
  report(true);
  if (total !== null && received !== total) throw new Transient(`download of ${name} ended early at ${received} of ${total} bytes`);
  const sha256 = hash.digest('hex');
  if (expected && sha256 !== expected) {
    await rm(part, { force: true });
    await rm(metaFile, { force: true });
    const problem: ModelProblem = { kind: 'sha256-mismatch', file: name, expected, actual: sha256, refetched };
    throw new StudioError('bad_file', modelProblemText(problem), problem);
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
