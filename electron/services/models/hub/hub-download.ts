import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StudioError } from '../../../../shared/contract/errors';
import { parseWeightIndex } from '../../../../shared/models/checkpoint-files';
import { parseChatGlm2Config } from '../../../../shared/models/chatglm2-config';
import { hubResolveUrl } from '../../../../shared/models/hub-repo';
import { planBytes, shardsListedIn, type HubDownloadPlan, type HubFile } from '../../../../shared/models/hub-listing';
import type { ModelJobPacket } from '../../../../shared/models/model-job';
import { modelProblemText, type ModelProblem } from '../../../../shared/models/model-problem';
import { TransferRate } from '../../../../shared/models/transfer-rate';
import { formatBytes } from '../../../../shared/text/format-bytes';
import type { UrlGuard } from '../download/address-guard';
import { downloadFile, retryNotice, type RetryPolicy } from '../download/http-download';
import type { HubAccess } from './hub-access';
import { hubStatusError } from './hub-api';
import { completedSize, type HubStaging } from './hub-staging';

// Fetches a download plan into a staging folder: config.json first (a repository that is not
// ChatGLM2-family is refused before any weights), then the other small files and the index (whose shard
// list narrows the weights), then the shards. Files verified by an earlier run are skipped, `.part`
// files are resumed, and the whole chain reports one byte count, speed and time left.

/** What the fetch needs besides the plan. */
export interface HubFetch {
  access: HubAccess;
  repo: string;
  /** Files are fetched from this commit when the hub named one, so all come from one snapshot. */
  revision: string;
  emit: (packet: ModelJobPacket) => void;
  signal?: AbortSignal;
  checkUrl?: UrlGuard;
  retry?: RetryPolicy;
}

/** config.json and the index are read whole; a real one is a few KB (the index of a 6B model, 20 KB). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

function refused(problem: ModelProblem): StudioError {
  return new StudioError(problem.kind === 'not-chatglm2' ? 'unsupported' : 'bad_file', modelProblemText(problem), problem);
}

/** Bytes still to fetch for `files` (a `.part` counts as fetched as far as it goes). */
export async function bytesToFetch(files: readonly HubFile[], dir: string): Promise<number> {
  let sum = 0;
  for (const file of files) {
    if ((await completedSize(join(dir, file.name))) === file.size) continue;
    const part = await stat(join(dir, `${file.name}.part`)).then((s) => s.size, () => 0);
    sum += Math.max(0, file.size - part);
  }
  return sum;
}

/** Downloads the plan's files into `staging.checkpointDir`; resolves with the weights actually fetched. */
export async function fetchCheckpoint(plan: HubDownloadPlan, staging: HubStaging, job: HubFetch): Promise<HubFile[]> {
  const dir = staging.checkpointDir;
  const rate = new TransferRate();
  let total = planBytes(plan);
  let finished = 0;
  let lastEmit = 0;
  const progress = (received: number, file: string, force = false): void => {
    const done = finished + received;
    const now = Date.now();
    rate.add(now, done);
    if (!force && now - lastEmit < 250) return;
    lastEmit = now;
    job.emit({ type: 'progress', phase: 'download', done, total, bytesPerSecond: rate.bytesPerSecond(), etaSeconds: rate.etaSeconds(total - done), detail: file });
  };
  const fetchOne = async (file: HubFile): Promise<void> => {
    const target = join(dir, file.name);
    if ((await completedSize(target)) !== file.size) {
      const result = await downloadFile({
        url: hubResolveUrl(job.access.endpoint, job.repo, job.revision, file.name),
        target, sizeBytes: file.size, refetchOnMismatch: true,
        ...(file.sha256 ? { sha256: file.sha256 } : {}),
        ...(job.access.authorization ? { authorization: job.access.authorization } : {}),
        ...(job.signal ? { signal: job.signal } : {}),
        ...(job.checkUrl ? { checkUrl: job.checkUrl } : {}),
        ...(job.retry ? { retry: job.retry } : {}),
        statusError: (response) => hubStatusError(response, { repo: job.repo, revision: job.revision, file: file.name, tokenSent: Boolean(job.access.authorization) }),
        onProgress: (p) => progress(p.received, file.name),
        onRetry: (attempt, delayMs, reason) => job.emit({ type: 'notice', message: retryNotice(attempt, delayMs, reason) }),
      });
      if (result.resumedFrom > 0) job.emit({ type: 'notice', message: `${file.name}: resumed at ${formatBytes(result.resumedFrom)}` });
    }
    finished += file.size;
    progress(0, file.name, true);
  };

  const [config, ...rest] = plan.small;
  for (const json of [config!, ...(plan.index ? [plan.index] : [])]) {
    if (json.size > MAX_JSON_BYTES) throw new StudioError('bad_file', `${job.repo}: ${json.name} is ${formatBytes(json.size)}, not a checkpoint's ${json.name} (a few KB)`);
  }
  await fetchOne(config!);
  try {
    parseChatGlm2Config(await readFile(join(dir, config!.name), 'utf8'), basename(dir));
  } catch (error) {
    throw refused({ kind: 'not-chatglm2', repo: job.repo, detail: (error as Error).message });
  }
  for (const file of rest) await fetchOne(file);
  let weights = plan.weights;
  if (plan.index) {
    await fetchOne(plan.index);
    let listed: string[];
    try {
      listed = parseWeightIndex(await readFile(join(dir, plan.index.name), 'utf8'));
    } catch (error) {
      throw new StudioError('bad_file', `${job.repo}: ${plan.index.name}: ${(error as Error).message}`);
    }
    const kept = shardsListedIn(plan, listed);
    if (!Array.isArray(kept)) throw refused({ kind: 'no-checkpoint', repo: job.repo, missing: `weight shard ${kept.missing} (listed in ${plan.index.name})` });
    weights = kept;
    total = planBytes(plan, weights);
  }
  for (const file of weights) await fetchOne(file);
  return weights;
}
