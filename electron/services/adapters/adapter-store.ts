import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { lossCurveSchema, type AdapterMetadata, type AdapterSummary, type LossPoint } from '../../../shared/training/training-job';
import { writeFileAtomic } from '../fs/atomic-write';
import { ADAPTER_METADATA_FILE, MAX_METADATA_BYTES, readAdapterMetadata, type MetadataRead } from './adapter-metadata';
import { modelSha256 } from './model-hash';
import { trainingPaths } from './training-paths';

// A character's adapters: adapters/<name>/ with adapter.gguf (what chat loads), metadata.json (settings,
// base model name and sha256, datasets, final losses, format version) and loss-curve.json. Folders
// dropped in by hand with only an adapter.gguf are listed too, without metadata.

export const ADAPTER_GGUF = 'adapter.gguf';
const CURVE_POINTS = 300;

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** metadata.json of an adapter folder: absent (null), or read within its bounds. */
async function readMetadataFile(dir: string): Promise<MetadataRead | null> {
  const file = join(dir, ADAPTER_METADATA_FILE);
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  // Not read at all when too large: the size alone marks it broken.
  const text = info.size > MAX_METADATA_BYTES ? '' : await readFile(file, 'utf8').catch(() => null);
  if (text === null) return { kind: 'broken', problem: 'cannot be read' };
  return readAdapterMetadata(text, info.size);
}

/** Keeps at most `max` points, evenly spaced, always the last. */
export function thinCurve(points: readonly LossPoint[], max = CURVE_POINTS): LossPoint[] {
  if (points.length <= max) return [...points];
  const held = points.filter((p) => p.heldOut !== undefined);
  const train = points.filter((p) => p.heldOut === undefined);
  const every = Math.ceil(train.length / Math.max(1, max - Math.min(held.length, max / 2)));
  const kept = train.filter((_, i) => i % every === 0 || i === train.length - 1);
  return [...kept, ...held.slice(-Math.floor(max / 2))].sort((a, b) => a.step - b.step);
}

/** Lists, writes and checks the adapters of characters under one library. */
export class AdapterRegistry {
  constructor(private readonly charactersDir: string) {}

  async list(characterId: string): Promise<AdapterSummary[]> {
    const { adaptersDir } = trainingPaths(this.charactersDir, characterId);
    let names: string[];
    try {
      names = (await readdir(adaptersDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found = await Promise.all(names.map((name) => this.summary(characterId, name)));
    return found.filter((a): a is AdapterSummary => a !== null).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
  }

  private async summary(characterId: string, name: string): Promise<AdapterSummary | null> {
    const dir = trainingPaths(this.charactersDir, characterId).adapter(name);
    const info = await stat(join(dir, ADAPTER_GGUF)).catch(() => null);
    if (!info) return null;
    const read = await readMetadataFile(dir);
    const metadata = read?.kind === 'studio' ? read.metadata : null;
    const curve = lossCurveSchema.safeParse(await readJson(join(dir, 'loss-curve.json')));
    return {
      name,
      sizeBytes: info.size,
      createdAt: metadata ? metadata.createdAt : info.mtime.toISOString(),
      metadata,
      // One bad file marks its own adapter, by name and field, and never fails the whole list.
      problem: read?.kind === 'broken' ? `adapters/${name}/${ADAPTER_METADATA_FILE}: ${read.problem}` : null,
      curve: curve.success ? thinCurve(curve.data) : [],
    };
  }

  /** The adapter.gguf of a stored adapter. */
  path(characterId: string, name: string): string {
    return join(trainingPaths(this.charactersDir, characterId).adapter(name), ADAPTER_GGUF);
  }

  async exists(characterId: string, name: string): Promise<boolean> {
    return stat(trainingPaths(this.charactersDir, characterId).adapter(name)).then(() => true, () => false);
  }

  /** Moves a finished run's adapter into adapters/<name>/ with its metadata and curve, all or nothing. */
  async store(characterId: string, adapterFile: string, metadata: AdapterMetadata, curve: readonly LossPoint[]): Promise<AdapterSummary> {
    const paths = trainingPaths(this.charactersDir, characterId);
    const target = paths.adapter(metadata.name);
    if (await this.exists(characterId, metadata.name)) throw new StudioError('conflict', `an adapter named "${metadata.name}" exists already`);
    const staging = join(paths.adaptersDir, `.partial-${metadata.name}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await writeFileAtomic(join(staging, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    await writeFileAtomic(join(staging, 'loss-curve.json'), `${JSON.stringify(curve)}\n`);
    await rename(adapterFile, join(staging, ADAPTER_GGUF));
    await rename(staging, target);
    return (await this.summary(characterId, metadata.name))!;
  }

  /** Moves an adapter folder into adapters/.trash/. */
  async remove(characterId: string, name: string): Promise<AdapterSummary[]> {
    const paths = trainingPaths(this.charactersDir, characterId);
    const trash = join(paths.adaptersDir, '.trash');
    await mkdir(trash, { recursive: true });
    try {
      await rename(paths.adapter(name), join(trash, `${name}.${Date.now()}`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `there is no adapter "${name}"`);
      throw error;
    }
    return this.list(characterId);
  }
}

/**
 * Refuses an adapter on a base model other than the one it was trained on: a LoRA learnt on one set of
 * weights means nothing on another. Adapters without studio metadata cannot be checked and pass.
 */
export async function assertAdapterBase(adapterDir: string, model: { name: string; path: string; sha256?: string }): Promise<void> {
  const read = await readMetadataFile(adapterDir);
  if (read?.kind !== 'studio') return;
  const expected = read.metadata.baseModel;
  const actual = model.sha256 ?? (await modelSha256(model.path));
  if (actual !== expected.sha256) {
    throw new StudioError(
      'conflict',
      `the adapter "${read.metadata.name}" was trained on ${expected.name} (sha256 ${expected.sha256.slice(0, 12)}…), ` +
        `but the loaded model ${model.name} has sha256 ${actual.slice(0, 12)}…: load ${expected.name} to use this adapter`,
    );
  }
}
