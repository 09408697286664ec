import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { resolveDownloadSource, safeModelFileName } from '../../../shared/models/download-source';
import { licenceIdForModelName } from '../../../shared/models/model-licence';
import type { ModelJobPacket } from '../../../shared/models/model-job';
import type { UrlGuard } from './download/address-guard';
import { downloadFile, retryNotice, type RetryPolicy } from './download/http-download';
import type { HubAccessStore } from './hub/hub-access';
import { inspectGguf } from './gguf-inspect';
import { loadCatalog } from './model-catalog';

// Download as a Models job: resolve what the user typed (URL, REPO/FILE or catalog id), insist on the
// licence, fetch resumably into the models folder, verify and hand back the registered file.

/** Input of a download. */
export interface DownloadInput {
  source: string;
  sha256?: string;
  name?: string;
}

/** What a download needs from the studio. */
export interface DownloadDeps {
  modelsDir: string;
  /** The hub (or mirror) that OWNER/REPO/FILE resolves against, and its token. */
  hub: HubAccessStore;
  /** Throws unless the licence id has been accepted. */
  requireLicence: (id: string) => Promise<unknown>;
  /** Marks the `.part` file as in use (Clean up leaves it alone); returns the release. */
  claim: (path: string) => () => void;
  retry?: RetryPolicy;
}

/**
 * Downloads into the models folder; `checkUrl` (remote serve mode) may refuse the URL or any redirect
 * before it is fetched.
 */
export async function downloadModel(
  input: DownloadInput,
  deps: DownloadDeps,
  emit: (p: ModelJobPacket) => void,
  signal?: AbortSignal,
  checkUrl?: UrlGuard,
): Promise<{ file: string; name: string; sha256: string }> {
  const catalog = await loadCatalog();
  const entry = catalog.entries.find((e) => e.id === input.source);
  if (entry?.kind === 'checkpoint') {
    throw new StudioError('invalid_input', `${entry.name} is a hub checkpoint, not a GGUF: get it with \`studio models get ${entry.repo}\` (or Models → Get)`);
  }
  let url: string;
  let fileName: string;
  let sha256 = input.sha256?.toLowerCase();
  let sizeBytes: number | undefined;
  let licenceId: string | null;
  const access = await deps.hub.resolve();
  if (entry) {
    url = entry.url;
    fileName = safeModelFileName(decodeURIComponent(new URL(entry.url).pathname.split('/').pop() ?? entry.id));
    sha256 ??= entry.sha256;
    sizeBytes = entry.sizeBytes;
    licenceId = entry.licence;
  } else {
    try {
      ({ url, fileName } = resolveDownloadSource(input.source, access.endpoint));
    } catch (error) {
      throw new StudioError('invalid_input', (error as Error).message);
    }
    fileName = safeModelFileName(fileName);
    licenceId = licenceIdForModelName(input.source);
  }
  if (licenceId) await deps.requireLicence(licenceId);
  const target = join(deps.modelsDir, fileName);
  if (existsSync(target)) throw new StudioError('conflict', `${fileName} is already in the models folder`);
  emit({ type: 'notice', message: `downloading ${url}` });
  const release = deps.claim(`${target}.part`);
  const result = await downloadFile({
    url, target, signal,
    ...(checkUrl ? { checkUrl } : {}),
    ...(access.authorization ? { authorization: access.authorization } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    onRetry: (attempt, delayMs, reason) => emit({ type: 'notice', message: retryNotice(attempt, delayMs, reason) }),
    ...(sha256 ? { sha256 } : {}),
    ...(sizeBytes ? { sizeBytes } : {}),
    onProgress: (p) => emit({ type: 'progress', phase: 'download', done: p.received, total: p.total ?? 0, bytesPerSecond: p.bytesPerSecond, etaSeconds: p.etaSeconds }),
    verify: async (path) => {
      emit({ type: 'progress', phase: 'verify', done: 0, total: 1 });
      await inspectGguf(path);
    },
  }).finally(release);
  if (result.resumedFrom > 0) emit({ type: 'notice', message: `resumed at ${result.resumedFrom} bytes` });
  return { file: fileName, name: input.name ?? entry?.name ?? fileName.replace(/\.gguf$/i, ''), sha256: result.sha256 };
}
