import { createHash } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LlamaContextSequence, Token } from 'node-llama-cpp';
import { z } from 'zod';
import { tempPathFor } from '../fs/atomic-write';
import { readLibraryText, writeLibraryFile } from '../fs/library-files';
import { realPathInside } from '../paths/library-path';

// A chat's KV cache saved beside the chat (`<chat>.kv` + `<chat>.kv.json`), so a long chat reopens without
// re-reading its history. The state is only valid for the exact model, prompt format, adapter and profile
// prefix it was made with: the key records them and a mismatch discards the files.

/** A chat's saved state file and the library folder (charactersDir) it must stay inside. */
export interface KvFile {
  root: string;
  path: string;
}

/** What a saved state must match to be loaded. */
export interface KvStateKey {
  model: string;
  format: string;
  adapter: string;
  /** sha256 of the prompt's fixed prefix tokens (control tokens + profile). */
  prefix: string;
}

const metaSchema = z.object({
  version: z.literal(1),
  key: z.object({ model: z.string(), format: z.string(), adapter: z.string(), prefix: z.string() }),
  tokens: z.number().int(),
  drop: z.number().int().min(0),
  ledger: z.array(z.tuple([z.string(), z.array(z.number().int())])),
  savedAt: z.string(),
});

/** The bookkeeping saved with a state: how many turns were out of the window and the reply ledger. */
export interface KvStateMeta {
  key: KvStateKey;
  tokens: number;
  drop: number;
  ledger: [string, Token[]][];
}

/** sha256 of a token list (for the prefix part of the key). */
export function hashTokens(tokens: readonly Token[]): string {
  return createHash('sha256').update(Uint32Array.from(tokens as readonly number[])).digest('hex').slice(0, 32);
}

const metaPath = (file: string): string => `${file}.json`;

const sameKey = (a: KvStateKey, b: KvStateKey): boolean =>
  a.model === b.model && a.format === b.format && a.adapter === b.adapter && a.prefix === b.prefix;

/** Reads the saved bookkeeping, or null when there is none or it cannot be used. */
export async function readKvMeta(kv: KvFile): Promise<KvStateMeta | null> {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(await readLibraryText(kv.root, metaPath(kv.path))));
    return parsed.success ? { ...parsed.data, ledger: parsed.data.ledger as [string, Token[]][] } : null;
  } catch {
    return null;
  }
}

/** Removes a saved state (stale or no longer wanted). */
export async function discardKvState(kv: KvFile): Promise<void> {
  // Only the folder is resolved: rm of a link removes the link itself, never what it points at, so a
  // planted link is cleared away, while a linked chats folder is refused instead of emptied.
  const dir = await realPathInside(kv.root, dirname(kv.path));
  await rm(join(dir, basename(metaPath(kv.path))), { force: true });
  await rm(join(dir, basename(kv.path)), { force: true });
}

/** Loads a saved state into `sequence` if its key matches; otherwise discards the stale files. */
export async function loadKvState(sequence: LlamaContextSequence, kv: KvFile, key: KvStateKey, meta: KvStateMeta): Promise<boolean> {
  if (!sameKey(meta.key, key) || meta.tokens > sequence.contextSize) {
    await discardKvState(kv);
    return false;
  }
  try {
    await sequence.loadStateFromFile(await realPathInside(kv.root, kv.path), { acceptRisk: true });
    return true;
  } catch {
    await discardKvState(kv);
    await sequence.clearHistory();
    return false;
  }
}

/** Saves the sequence's state atomically: state file first (temp + rename), then its bookkeeping. */
export async function saveKvState(sequence: LlamaContextSequence, kv: KvFile, meta: KvStateMeta): Promise<void> {
  const file = await realPathInside(kv.root, kv.path);
  const temp = tempPathFor(file);
  try {
    await sequence.saveStateToFile(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const body = { version: 1, ...meta, savedAt: new Date().toISOString() };
  await writeLibraryFile(kv.root, metaPath(kv.path), JSON.stringify(body));
}
