import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readLibraryText } from '../fs/library-files';
import { realPathInside } from '../paths/library-path';
import { MAX_METADATA_BYTES } from '../training/adapter-metadata';

/** A LoRA adapter a chat can use. */
export interface AdapterInfo {
  name: string;
  path: string;
  sizeBytes: number;
  /** From the adapter's metadata.json when the trainer wrote one. */
  baseModel: string | null;
  createdAt: string | null;
}

/** The GGUF file inside an adapter folder (`adapters/<name>/adapter.gguf`, as the trainer writes it). */
export const ADAPTER_FILE = 'adapter.gguf';

async function metadata(root: string, dir: string): Promise<{ baseModel: string | null; createdAt: string | null }> {
  try {
    const file = join(dir, 'metadata.json');
    // Bounded like every reader of it (training/adapter-metadata.ts): its strings go back over the wire.
    if ((await stat(await realPathInside(root, file))).size > MAX_METADATA_BYTES) return { baseModel: null, createdAt: null };
    const raw = JSON.parse(await readLibraryText(root, file)) as Record<string, unknown>;
    const base = raw.baseModel as { name?: unknown } | string | undefined;
    const baseModel = typeof base === 'string' ? base : typeof base?.name === 'string' ? base.name : null;
    return { baseModel, createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : null };
  } catch {
    return { baseModel: null, createdAt: null };
  }
}

/**
 * The adapters stored with a character. Read from the folder layout the trainer writes, so adapters made
 * by any tool and dropped into `adapters/<name>/adapter.gguf` show up too. An adapter whose file a link
 * leads outside the library `root` is left out, as one without its file is.
 */
export async function listAdapters(root: string, adaptersDir: string): Promise<AdapterInfo[]> {
  const realDir = await realPathInside(root, adaptersDir);
  let names: string[];
  try {
    names = (await readdir(realDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found = await Promise.all(
    names.map(async (name) => {
      try {
        const path = await realPathInside(root, join(adaptersDir, name, ADAPTER_FILE));
        const info = await stat(path);
        return { name, path, sizeBytes: info.size, ...(await metadata(root, join(adaptersDir, name))) };
      } catch {
        return null;
      }
    }),
  );
  return found.filter((a): a is AdapterInfo => a !== null).sort((a, b) => a.name.localeCompare(b.name));
}
