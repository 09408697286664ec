import { z } from 'zod';
import { bearerTokenSchema, httpEndpointSchema } from '../validation/http-endpoint';

// The model hub's names and addresses (DESIGN.md §10): repository ids, revisions, the endpoint (the hub
// or a mirror) and the two URLs the studio reads — the file list and a file's resolve URL. One place, so
// the Download field, `models get` and the tests build the same URLs.

/** The hub itself; HF_ENDPOINT or Settings → Model hub name a mirror instead. */
export const HF_ENDPOINT = 'https://huggingface.co';

/** `owner/name` as the hub spells repository ids (letters, digits, `-`, `_`, `.`; no `..`). */
export const hubRepoIdSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/, 'must be owner/name, e.g. thu-coai/CharacterGLM-6B')
  .refine((id) => !id.includes('..'), 'must not contain ".."');

/** A branch, tag, commit or `refs/pr/N`; it is percent-encoded as one path segment in URLs. */
export const hubRevisionSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w./-]+$/, 'may hold letters, digits and . _ - /')
  .refine((rev) => !rev.split('/').some((part) => part === '..' || part === '.'), 'must not contain "." or ".." segments');

/** A hub access token. */
export const hubTokenSchema = bearerTokenSchema;

/** The hub or a mirror of it. */
export const hubEndpointSchema = httpEndpointSchema('https://hf-mirror.com');

const base = (endpoint: string): string => endpoint.replace(/\/+$/, '');
const repoPath = (repo: string): string => repo.split('/').map(encodeURIComponent).join('/');

/** The file list of a revision, with sizes and LFS sha256 (`?blobs=true`). */
export function hubListUrl(endpoint: string, repo: string, revision: string): string {
  return `${base(endpoint)}/api/models/${repoPath(repo)}/revision/${encodeURIComponent(revision)}?blobs=true`;
}

/** Where one file of a revision is fetched; LFS files redirect from here to their storage. */
export function hubResolveUrl(endpoint: string, repo: string, revision: string, file: string): string {
  return `${base(endpoint)}/${repoPath(repo)}/resolve/${encodeURIComponent(revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}
