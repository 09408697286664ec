import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';
import { parseJsonText, readExtracted } from './extracted-files';
import type { PackLimits } from './pack-limits';
import type { ExtractedEntry } from './zip-extract';

// The studio pack is a CHARX (other apps read card.json and the assets) plus a `character_studio/`
// folder: the character's adapters, datasets, corrections and evaluation log under `files/`, and a
// manifest with the sha256 and size of every other file in the archive, so a damaged or tampered
// pack is refused before anything is written.

/** The namespaced folder inside a pack. */
export const PACK_DIR = 'character_studio';
/** The manifest's path in the archive. */
export const MANIFEST_PATH = `${PACK_DIR}/manifest.json`;
/** Where the character folder's files sit in the archive. */
export const PACK_FILES_DIR = `${PACK_DIR}/files`;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** One adapter in the pack with the base model it was trained on. */
export const packAdapterSchema = z.object({
  name: z.string(),
  baseModel: z.object({ name: z.string().default(''), sha256: z.string().default('') }),
});

/** The manifest written at MANIFEST_PATH. */
export const packManifestSchema = z.object({
  format: z.literal('character-studio-pack'),
  version: z.number().int().min(1),
  createdAt: z.string(),
  studioVersion: z.string().default(''),
  character: z.object({ id: z.string(), name: z.string() }),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().min(0), sha256: sha256Hex })),
  adapters: z.array(packAdapterSchema).default([]),
});
export type PackManifest = z.output<typeof packManifestSchema>;
export type PackAdapter = z.output<typeof packAdapterSchema>;

/** The manifest version this studio writes and the newest it reads. */
export const PACK_VERSION = 1;

/** Hex sha256 of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest entries for a set of archive files. */
export function manifestFiles(files: readonly { path: string; data: Uint8Array }[]): PackManifest['files'] {
  return files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) }));
}

/** Hex sha256 of a file, streamed (a pack's adapter may be hundreds of MB). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks unpacked `entries` against a manifest's list: every listed file present and intact, nothing unlisted but `own`. */
export async function checkListedFiles(
  listed: readonly { path: string; size: number; sha256: string }[],
  entries: readonly ExtractedEntry[],
  own: string,
  bad: (problem: string) => Error,
  what: string,
): Promise<void> {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const seen = new Set<string>();
  for (const entry of listed) {
    const found = byPath.get(entry.path);
    if (!found) throw bad(`"${entry.path}" is listed in the manifest but missing from the ${what}`);
    if (found.size !== entry.size || (await sha256File(found.file)) !== entry.sha256) throw bad(`"${entry.path}" does not match its sha256 in the manifest (damaged or altered)`);
    seen.add(entry.path);
  }
  for (const { path } of entries) if (path !== own && !seen.has(path)) throw bad(`"${path}" is in the ${what} but not in its manifest`);
}

/** Reads and checks a pack against its manifest: every listed file present and intact, nothing unlisted. */
export async function verifyPack(entries: readonly ExtractedEntry[], source: string, limits: PackLimits): Promise<PackManifest> {
  const bad = (problem: string) => new StudioError('bad_file', `${source}: ${problem}`);
  const raw = parseJsonText(await readExtracted(entries.find((e) => e.path === MANIFEST_PATH)!, limits.maxManifestBytes, source), bad, MANIFEST_PATH);
  const parsed = packManifestSchema.safeParse(raw);
  if (!parsed.success) throw bad(`${MANIFEST_PATH}: ${formatIssues(parsed.error)}`);
  const manifest = parsed.data;
  if (manifest.version > PACK_VERSION) throw bad(`the pack was made by a newer studio (pack version ${manifest.version}); update the studio to import it`);
  await checkListedFiles(manifest.files, entries, MANIFEST_PATH, bad, 'pack');
  return manifest;
}
