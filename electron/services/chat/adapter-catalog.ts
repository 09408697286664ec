import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

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

async function metadata(dir: string): Promise<{ baseModel: string | null; createdAt: string | null }> {
  try {
    const raw = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    const base = raw.baseModel as { name?: unknown } | string | undefined;
    const baseModel = typeof base === 'string' ? base : typeof base?.name === 'string' ? base.name : null;
    return { baseModel, createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : null };
  } catch {
    return { baseModel: null, createdAt: null };
  }
}

/**
 * The adapters stored with a character. Read from the folder layout the trainer writes, so adapters made
 * by any tool and dropped into `adapters/<name>/adapter.gguf` show up too.
 */
export async function listAdapters(adaptersDir: string): Promise<AdapterInfo[]> {
  let names: string[];
  try {
    names = (await readdir(adaptersDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found = await Promise.all(
    names.map(async (name) => {
      const path = join(adaptersDir, name, ADAPTER_FILE);
      try {
        const info = await stat(path);
        return { name, path, sizeBytes: info.size, ...(await metadata(join(adaptersDir, name))) };
      } catch {
        return null;
      }
    }),
  );
  return found.filter((a): a is AdapterInfo => a !== null).sort((a, b) => a.name.localeCompare(b.name));
}
