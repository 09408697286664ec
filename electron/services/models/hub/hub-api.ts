import { StudioError } from '../../../../shared/contract/errors';
import { hubListUrl } from '../../../../shared/models/hub-repo';
import { parseHubListing, type HubListing } from '../../../../shared/models/hub-listing';
import { modelProblemText, type HubMissing, type ModelProblem } from '../../../../shared/models/model-problem';
import type { UrlGuard } from '../download/address-guard';
import { httpGet, networkDetail, readBounded } from '../download/http-request';
import type { HubAccess } from './hub-access';

// The one call the studio makes to the hub's API — a revision's file list — and the naming of the hub's
// HTTP errors for it and for file downloads: 401/403 become "needs a token" (or "gated"), 404 says
// whether the repository, the revision or the file is missing (the hub's X-Error-Code tells which).

/** The list of a repository with thousands of files is a few MB; anything larger is not a file list. */
const MAX_LISTING_BYTES = 32 * 1024 * 1024;

/** Which request failed, to name it. */
export interface HubRequestContext {
  repo: string;
  revision: string;
  /** Set for a file download; absent for the file list. */
  file?: string;
  tokenSent: boolean;
}

/** The named error for a hub response that is not OK. */
export function hubStatusError(response: Response, ctx: HubRequestContext): StudioError {
  const code = response.headers.get('x-error-code') ?? '';
  const { repo, revision } = ctx;
  let problem: ModelProblem | null = null;
  if (response.status === 401 || response.status === 403) {
    if (code === 'RepoNotFound' && ctx.tokenSent) problem = { kind: 'not-found', what: 'repository', repo, revision };
    else problem = { kind: 'token-required', repo, status: response.status, tokenSent: ctx.tokenSent, gated: code === 'GatedRepo' };
  } else if (response.status === 404) {
    const what: HubMissing = code === 'RevisionNotFound' ? 'revision' : code === 'RepoNotFound' ? 'repository' : ctx.file ? 'file' : 'repository';
    problem = { kind: 'not-found', what, repo, revision, ...(ctx.file ? { file: ctx.file } : {}) };
  }
  if (!problem) return new StudioError('failed', `${repo}: the hub answered ${`${response.status} ${response.statusText}`.trim()}${ctx.file ? ` for ${ctx.file}` : ''}`);
  return new StudioError(problem.kind === 'token-required' ? 'unauthorized' : 'not_found', modelProblemText(problem), problem);
}

/** Lists a revision's files with sizes and LFS sha256. */
export async function listHubRevision(
  access: HubAccess,
  repo: string,
  revision: string,
  options: { signal?: AbortSignal; checkUrl?: UrlGuard } = {},
): Promise<HubListing> {
  const url = hubListUrl(access.endpoint, repo, revision);
  let response: Response;
  try {
    ({ response } = await httpGet(url, { headers: { accept: 'application/json' }, ...options, ...(access.authorization ? { authorization: access.authorization } : {}) }));
  } catch (error) {
    if (error instanceof StudioError || options.signal?.aborted) throw error;
    const problem: ModelProblem = { kind: 'unreachable', host: new URL(url).host, detail: networkDetail(error) };
    throw new StudioError('failed', modelProblemText(problem), problem);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw hubStatusError(response, { repo, revision, tokenSent: Boolean(access.authorization) });
  }
  const text = await readBounded(response, MAX_LISTING_BYTES, `${repo} file list`, 'not a file list');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StudioError('bad_file', `${repo}: the hub's file list is not JSON (is ${access.endpoint} a model hub or a mirror of one?)`);
  }
  try {
    return parseHubListing(raw);
  } catch (error) {
    throw new StudioError('bad_file', `${repo}: ${(error as Error).message}`);
  }
}
