import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../../shared/contract/errors';
import type { HubGetInput } from '../../../../shared/contract/domains/models';
import { planCheckpointDownload } from '../../../../shared/models/hub-listing';
import { licenceIdForModelName } from '../../../../shared/models/model-licence';
import type { ModelJobPacket } from '../../../../shared/models/model-job';
import { modelProblemText, type ModelProblem } from '../../../../shared/models/model-problem';
import { ensureFreeSpace } from '../disk-space';
import type { UrlGuard } from '../download/address-guard';
import type { RetryPolicy } from '../download/http-download';
import { conversionDiskBytes, convertCheckpoint, convertedFileName } from '../model-converter';
import type { HubAccessStore } from './hub-access';
import { listHubRevision } from './hub-api';
import { bytesToFetch, fetchCheckpoint } from './hub-download';
import { openStaging, stagingFor, type HubStaging } from './hub-staging';

// A model from the hub in one step: the licence before anything touches the network, the file list, the
// disk check for download + conversion + result before the first byte, the resumable fetch, today's
// converter and quantiser, then registration (the caller's) and, only once the model is registered,
// the checkpoint deleted or kept. Loading is the host's (it owns the runtime).

/** What the chain needs from the studio. */
export interface HubGetDeps<R> {
  modelsDir: string;
  hubDir: string;
  checkpointsDir: string;
  hub: HubAccessStore;
  requireLicence: (id: string) => Promise<{ title: string; commercialUse: boolean } | void>;
  /** Claims the staging folder for this run (throws when another run has it); returns the release. */
  claim: (dir: string) => () => void;
  /** Registers the converted GGUF; it must not fail half-way (the registry writes its index atomically). */
  register: (converted: { file: string; name: string; sha256: string }) => Promise<R>;
  retry?: RetryPolicy;
}

function problemError(code: ConstructorParameters<typeof StudioError>[0], problem: ModelProblem): StudioError {
  return new StudioError(code, modelProblemText(problem), problem);
}

/** A folder name not taken yet under `dir`: `name`, then `name-2`, `name-3`… */
function freeName(dir: string, name: string): string {
  let candidate = name;
  for (let n = 2; existsSync(join(dir, candidate)); n++) candidate = `${name}-${n}`;
  return join(dir, candidate);
}

/** Deletes the checkpoint, or moves it to the checkpoints folder; resolves with where it was kept. */
async function finishStaging(staging: HubStaging, keep: boolean, checkpointsDir: string, keptName: string): Promise<string | null> {
  let kept: string | null = null;
  if (keep) {
    await mkdir(checkpointsDir, { recursive: true });
    kept = freeName(checkpointsDir, keptName);
    await rename(staging.checkpointDir, kept);
  }
  await rm(staging.dir, { recursive: true, force: true });
  return kept;
}

/**
 * Runs the chain for `input`. On any failure or cancel nothing is registered and the models folder holds
 * nothing new but the staging folder (verified files and `.part` files a later run resumes from).
 */
export async function getFromHub<R>(
  input: HubGetInput,
  deps: HubGetDeps<R>,
  emit: (packet: ModelJobPacket) => void,
  signal?: AbortSignal,
  checkUrl?: UrlGuard,
): Promise<R> {
  const { repo, revision, quant } = input;
  const repoName = repo.split('/')[1]!;
  const licenceId = licenceIdForModelName(repo);
  if (licenceId) await deps.requireLicence(licenceId);
  const file = convertedFileName(repoName, quant);
  if (existsSync(join(deps.modelsDir, file))) throw new StudioError('conflict', `${file} is already in the models folder: remove that model first to get it again`);

  emit({ type: 'progress', phase: 'list', done: 0, total: 1, detail: repo });
  const access = await deps.hub.resolve();
  emit({ type: 'notice', message: `listing ${repo} at ${revision} on ${access.endpoint}` });
  const listing = await listHubRevision(access, repo, revision, { ...(signal ? { signal } : {}), ...(checkUrl ? { checkUrl } : {}) });
  const plan = planCheckpointDownload(listing);
  if ('missing' in plan) throw problemError('unsupported', { kind: 'no-checkpoint', repo, missing: plan.missing });
  emit({ type: 'progress', phase: 'list', done: 1, total: 1, detail: `${plan.format}, ${plan.weights.length} weight files` });

  const staging = stagingFor(deps.hubDir, repo, revision);
  const release = deps.claim(staging.dir);
  try {
    const files = [...plan.small, ...(plan.index ? [plan.index] : []), ...plan.weights];
    const weightBytes = plan.weights.reduce((sum, f) => sum + f.size, 0);
    const needed = (await bytesToFetch(files, staging.checkpointDir)) + conversionDiskBytes(weightBytes, quant);
    await ensureFreeSpace(deps.modelsDir, needed, `getting ${repo} (download, conversion and the ${quant} result)`);
    await openStaging(staging, { version: 1, repo, revision, commit: listing.commit, quant, keepCheckpoint: input.keepCheckpoint, startedAt: new Date().toISOString() });
    try {
      await fetchCheckpoint(plan, staging, {
        access, repo, revision: listing.commit ?? revision, emit,
        ...(signal ? { signal } : {}), ...(checkUrl ? { checkUrl } : {}), ...(deps.retry ? { retry: deps.retry } : {}),
      });
    } catch (error) {
      // A repository refused by its config.json can never succeed: nothing of it is kept.
      if (error instanceof StudioError && error.problem?.kind === 'not-chatglm2') await rm(staging.dir, { recursive: true, force: true });
      throw error;
    }
    const converted = await convertCheckpoint(
      { dir: staging.checkpointDir, quant, name: `${repoName} ${quant}`, fileStem: repoName },
      deps.modelsDir, deps.requireLicence, emit, signal,
    );
    if (signal?.aborted) {
      await rm(join(deps.modelsDir, converted.file), { force: true });
      throw new StudioError('cancelled', `getting ${repo} cancelled; the downloaded files are kept to resume`);
    }
    const registered = await deps.register(converted);
    const kept = await finishStaging(staging, input.keepCheckpoint, deps.checkpointsDir, `${repo.replace('/', '--')}@${encodeURIComponent(revision)}`);
    emit({ type: 'notice', message: kept ? `checkpoint kept in ${kept}` : 'checkpoint deleted (converted and registered)' });
    return registered;
  } finally {
    release();
  }
}
