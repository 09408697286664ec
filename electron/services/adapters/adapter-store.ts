import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { lossCurveSchema, type AdapterMetadata, type AdapterSummary, type LossPoint } from '../../../shared/training/training-job';
import { writeFileAtomic } from '../fs/atomic-write';
import { readLibraryText } from '../fs/library-files';
import { realPathInside } from '../paths/library-path';
import { modelSha256 } from '../training/model-hash';
import {
  ADAPTER_GGUF, ADAPTER_METADATA_FILE, adapterDirOf, adaptersDirOf, assertAdapterName, LOSS_CURVE_FILE,
} from './adapter-layout';
import { MAX_METADATA_BYTES, metadataFacts, readAdapterMetadata, type MetadataFacts, type MetadataRead } from './adapter-metadata';

// The one owner of a character's adapters: the one list that training, chat, the API's model list and
// the models' usage scan read, and the writes (store, remove). Folders dropped in by hand with only an
// adapter.gguf are listed too, without metadata. Every read goes through the library's real path, so an
// adapter whose file a link leads outside the library is left out, as one without its file is.

const CURVE_POINTS = 300;

/** A stored adapter: what the views show, where its GGUF is, and what its metadata says of its base. */
export interface StoredAdapter extends AdapterSummary, Readonly<{ path: string; facts: MetadataFacts }> {}

/** The summary a view is sent: the stored adapter without its absolute path and raw facts. */
export function adapterSummary({ name, sizeBytes, createdAt, metadata, problem, curve }: StoredAdapter): AdapterSummary {
  return { name, sizeBytes, createdAt, metadata, problem, curve };
}

/**
 * metadata.json of an adapter folder: absent (null), or read within its bounds. Inside the library (`root`)
 * through its real path; without a root (an adapter file the CLI was given) as it is.
 */
async function readMetadataFile(root: string | null, dir: string): Promise<MetadataRead | null> {
  const file = join(dir, ADAPTER_METADATA_FILE);
  const real = root === null ? file : await realPathInside(root, file).catch(() => null);
  const info = real === null ? null : await stat(real).catch(() => null);
  if (!info || real === null) return null;
  // Not read at all when too large: the size alone marks it broken.
  const text = info.size > MAX_METADATA_BYTES ? '' : await readFile(real, 'utf8').catch(() => null);
  if (text === null) return { kind: 'broken', problem: 'cannot be read' };
  return readAdapterMetadata(text, info.size);
}

async function readCurve(root: string, dir: string): Promise<LossPoint[]> {
  try {
    const curve = lossCurveSchema.safeParse(JSON.parse(await readLibraryText(root, join(dir, LOSS_CURVE_FILE))));
    return curve.success ? thinCurve(curve.data) : [];
  } catch {
    return [];
  }
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

async function readAdapter(root: string, adaptersDir: string, name: string): Promise<StoredAdapter | null> {
  const dir = adapterDirOf(adaptersDir, name);
  let path: string;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    path = await realPathInside(root, join(dir, ADAPTER_GGUF));
    info = await stat(path);
  } catch {
    return null;
  }
  const read = await readMetadataFile(root, dir);
  const metadata = read?.kind === 'studio' ? read.metadata : null;
  return {
    name,
    path,
    sizeBytes: info.size,
    createdAt: metadata ? metadata.createdAt : info.mtime.toISOString(),
    metadata,
    // One bad file marks its own adapter, by name and field, and never fails the whole list.
    problem: read?.kind === 'broken' ? `adapters/${name}/${ADAPTER_METADATA_FILE}: ${read.problem}` : null,
    curve: await readCurve(root, dir),
    facts: metadataFacts(read),
  };
}

/** Lists, writes and checks the adapters of characters under one library folder (`charactersDir`). */
export class AdapterStore {
  constructor(private readonly charactersDir: string) {}

  /** A character's adapters, newest first. */
  async list(characterId: string): Promise<StoredAdapter[]> {
    const adaptersDir = adaptersDirOf(this.charactersDir, characterId);
    let names: string[];
    try {
      const realDir = await realPathInside(this.charactersDir, adaptersDir);
      names = (await readdir(realDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found = await Promise.all(names.map((name) => readAdapter(this.charactersDir, adaptersDir, name)));
    return found.filter((a): a is StoredAdapter => a !== null).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
  }

  /**
   * One adapter of a character, as `list` gives it, or null: reads only that adapter's folder, since chat
   * resolves the chat's adapter on every reply. A name `list` could not give (a path, a hidden folder) is none.
   */
  async get(characterId: string, name: string): Promise<StoredAdapter | null> {
    if (name === '' || name.startsWith('.') || basename(name) !== name || name.includes('\\')) return null;
    const adaptersDir = adaptersDirOf(this.charactersDir, characterId);
    try {
      await realPathInside(this.charactersDir, adaptersDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return readAdapter(this.charactersDir, adaptersDir, name);
  }

  /** The folder of a stored adapter (its name checked). */
  dir(characterId: string, name: string): string {
    assertAdapterName(name);
    return adapterDirOf(adaptersDirOf(this.charactersDir, characterId), name);
  }

  /** The adapter.gguf of a stored adapter. */
  path(characterId: string, name: string): string {
    return join(this.dir(characterId, name), ADAPTER_GGUF);
  }

  async exists(characterId: string, name: string): Promise<boolean> {
    return stat(this.dir(characterId, name)).then(() => true, () => false);
  }

  /** Moves a finished run's adapter into adapters/<name>/ with its metadata and curve, all or nothing. */
  async store(characterId: string, adapterFile: string, metadata: AdapterMetadata, curve: readonly LossPoint[]): Promise<StoredAdapter> {
    const adaptersDir = adaptersDirOf(this.charactersDir, characterId);
    const target = this.dir(characterId, metadata.name);
    if (await this.exists(characterId, metadata.name)) throw new StudioError('conflict', `an adapter named "${metadata.name}" exists already`);
    const staging = join(adaptersDir, `.partial-${metadata.name}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await writeFileAtomic(join(staging, ADAPTER_METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
    await writeFileAtomic(join(staging, LOSS_CURVE_FILE), `${JSON.stringify(curve)}\n`);
    await rename(adapterFile, join(staging, ADAPTER_GGUF));
    await rename(staging, target);
    return (await readAdapter(this.charactersDir, adaptersDir, metadata.name))!;
  }

  /** Moves an adapter folder into adapters/.trash/. */
  async remove(characterId: string, name: string): Promise<StoredAdapter[]> {
    const trash = join(adaptersDirOf(this.charactersDir, characterId), '.trash');
    const dir = this.dir(characterId, name);
    await mkdir(trash, { recursive: true });
    try {
      await rename(dir, join(trash, `${name}.${Date.now()}`));
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
  const read = await readMetadataFile(null, adapterDir);
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
