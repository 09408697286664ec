import { z } from 'zod';
import { formatIssues } from '../validation/format-issues';
import { CHECKPOINT_LICENCE_FILES, CHECKPOINT_REQUIRED_FILES, weightLayoutOf, unindexedShards, type WeightLayout } from './checkpoint-files';

// A revision's file list as the hub's API returns it (`GET /api/models/{repo}/revision/{rev}?blobs=true`)
// and the download plan drawn from it: only what the converter reads, small files first so config.json
// can refuse a repository before a byte of weights is fetched.

const MAX_FILES = 100_000;
/** Top-level names that are safe as file names on every platform; the converter's files all are. */
const SAFE_NAME = /^[A-Za-z0-9_][\w.+-]*$/;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const listingSchema = z.object({
  sha: z.string().max(100).optional(),
  siblings: z.array(z.object({
    rfilename: z.string().min(1).max(1000),
    size: z.number().int().nonnegative().optional(),
    lfs: z.object({ sha256, size: z.number().int().nonnegative() }).loose().optional(),
  }).loose()).max(MAX_FILES),
}).loose();

/** One file of a revision: its size, and for LFS files the sha256 its bytes must have. */
export interface HubFile {
  name: string;
  size: number;
  sha256?: string;
}

/** What the API told about a revision. */
export interface HubListing {
  /** The commit the revision points at, when the hub says (mirrors may not). */
  commit: string | null;
  files: HubFile[];
}

/** The files to fetch, in order: small ones (config.json first), then the weight shards. */
export interface HubDownloadPlan {
  format: WeightLayout['format'];
  small: HubFile[];
  /** The index json, when the weights are sharded; its shard list is checked once it is on disk. */
  index: HubFile | null;
  weights: HubFile[];
}

/** Validates the API's answer; throws naming the field. Files without a size are refused. */
export function parseHubListing(raw: unknown): HubListing {
  const parsed = listingSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`unexpected file list from the hub: ${formatIssues(parsed.error)}`);
  const files: HubFile[] = [];
  for (const s of parsed.data.siblings) {
    const size = s.lfs?.size ?? s.size;
    if (size === undefined) throw new Error(`unexpected file list from the hub: ${s.rfilename} has no size (was ?blobs=true ignored?)`);
    files.push({ name: s.rfilename, size, ...(s.lfs ? { sha256: s.lfs.sha256 } : {}) });
  }
  return { commit: parsed.data.sha ?? null, files };
}

/**
 * The files conversion needs from a listing: config.json, tokenizer.model, the first licence file, and
 * the weights (safetensors preferred); only top-level names safe on every file system. Returns what is missing instead when the
 * repository is not a checkpoint the studio converts.
 */
export function planCheckpointDownload(listing: HubListing): HubDownloadPlan | { missing: string } {
  const top = listing.files.filter((f) => SAFE_NAME.test(f.name));
  const byName = new Map(top.map((f) => [f.name, f]));
  for (const name of CHECKPOINT_REQUIRED_FILES) if (!byName.has(name)) return { missing: name };
  const layout = weightLayoutOf([...byName.keys()]);
  if (!layout) return { missing: 'weights (model*.safetensors or pytorch_model*.bin)' };
  const licence = CHECKPOINT_LICENCE_FILES.find((n) => byName.has(n));
  const small = [...CHECKPOINT_REQUIRED_FILES, ...(licence ? [licence] : [])].map((n) => byName.get(n)!);
  const index = byName.get(layout.index) ?? null;
  const shards = index ? top.filter((f) => layout.pattern.test(f.name)) : unindexedShards(layout, [...byName.keys()]).map((n) => byName.get(n)!);
  if (shards.length === 0) return { missing: `weight files beside ${layout.index}` };
  return { format: layout.format, small, index, weights: [...shards].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Keeps the shards an index lists; names a listed shard the repository does not have. */
export function shardsListedIn(plan: HubDownloadPlan, listed: readonly string[]): HubFile[] | { missing: string } {
  const byName = new Map(plan.weights.map((f) => [f.name, f]));
  const kept: HubFile[] = [];
  for (const name of listed) {
    const file = byName.get(name);
    if (!file) return { missing: name };
    kept.push(file);
  }
  return kept;
}

/** Bytes of a plan (all files). */
export function planBytes(plan: HubDownloadPlan, weights = plan.weights): number {
  return [...plan.small, ...(plan.index ? [plan.index] : []), ...weights].reduce((sum, f) => sum + f.size, 0);
}
