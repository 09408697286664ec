import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ModelLeftover, ModelLeftovers } from '../../../../shared/contract/domains/models';
import { writeFileAtomic } from '../../fs/atomic-write';
import { readJsonFile } from '../../fs/read-json';

// Where a get from the hub keeps its files until they are converted: one folder per repository and
// revision under `models/.hub/`, holding `get.json` (what was asked, and the commit the files belong to)
// and the checkpoint folder the converter reads. A later run — after a cancel, a dropped connection or
// a killed studio — finds the verified files and the `.part` files there and goes on from them; Models →
// Clean up removes these folders and the `.part` files of plain downloads.

const STATE_FILE = 'get.json';

const stateSchema = z.object({
  version: z.literal(1),
  repo: z.string(),
  revision: z.string(),
  commit: z.string().nullable(),
  quant: z.enum(['Q4_K_M', 'Q8_0', 'F16']),
  keepCheckpoint: z.boolean(),
  startedAt: z.string(),
});

/** What a get records before its first byte. */
export type HubGetState = z.output<typeof stateSchema>;

/** A get's folder and the checkpoint folder inside it (named after the repository, as the converter names models). */
export interface HubStaging {
  dir: string;
  checkpointDir: string;
}

/** The staging folder of `repo` at `revision` (percent-encoding keeps `refs/pr/1` one safe name). */
export function stagingFor(hubDir: string, repo: string, revision: string): HubStaging {
  const [owner, name] = repo.split('/') as [string, string];
  const dir = join(hubDir, `${owner}--${name}@${encodeURIComponent(revision)}`);
  return { dir, checkpointDir: join(dir, name) };
}

/** Reads a staging folder's state; null when it is missing or unreadable. */
async function readState(dir: string): Promise<HubGetState | null> {
  return readJsonFile(join(dir, STATE_FILE), stateSchema.nullable(), null).catch(() => null);
}

/**
 * Records the get before its first byte. Files of another commit (the branch moved since the last run)
 * are dropped: a checkpoint must come from one commit.
 */
export async function openStaging(staging: HubStaging, state: HubGetState): Promise<void> {
  const before = await readState(staging.dir);
  if (before && before.commit !== state.commit) await rm(staging.checkpointDir, { recursive: true, force: true });
  await writeFileAtomic(join(staging.dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

/** The size of a verified file already in place, or null. */
export async function completedSize(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info.size : null;
}

async function treeBytes(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let sum = 0;
  for (const entry of await readdir(path)) sum += await treeBytes(join(path, entry));
  return sum;
}

interface FoundLeftover {
  item: ModelLeftover;
  paths: string[];
}

async function findLeftovers(modelsDir: string, hubDir: string, isRunning: (path: string) => boolean): Promise<FoundLeftover[]> {
  const found: FoundLeftover[] = [];
  for (const key of await readdir(hubDir).catch(() => [] as string[])) {
    const dir = join(hubDir, key);
    const state = await readState(dir);
    const bytes = await treeBytes(dir);
    found.push(state
      ? { item: { kind: 'get', repo: state.repo, revision: state.revision, quant: state.quant, keepCheckpoint: state.keepCheckpoint, bytes, running: isRunning(dir) }, paths: [dir] }
      : { item: { kind: 'download', file: join('.hub', key), bytes }, paths: [dir] });
  }
  for (const name of await readdir(modelsDir).catch(() => [] as string[])) {
    if (!name.endsWith('.part')) continue;
    const part = join(modelsDir, name);
    if (isRunning(part)) continue;
    found.push({ item: { kind: 'download', file: name.slice(0, -'.part'.length), bytes: await treeBytes(part) }, paths: [part, `${part}.json`] });
  }
  return found;
}

const summary = (items: ModelLeftover[]): ModelLeftovers => ({ items, bytes: items.reduce((s, i) => s + i.bytes, 0) });

/** Unfinished gets and downloads in the models folder. */
export async function listLeftovers(modelsDir: string, hubDir: string, isRunning: (path: string) => boolean): Promise<ModelLeftovers> {
  return summary((await findLeftovers(modelsDir, hubDir, isRunning)).map((f) => f.item));
}

/** Removes every leftover except running gets; answers with what is left. */
export async function removeLeftovers(modelsDir: string, hubDir: string, isRunning: (path: string) => boolean): Promise<ModelLeftovers> {
  const left: ModelLeftover[] = [];
  for (const { item, paths } of await findLeftovers(modelsDir, hubDir, isRunning)) {
    if (item.kind === 'get' && item.running) left.push(item);
    else for (const path of paths) await rm(path, { recursive: true, force: true });
  }
  return summary(left);
}
