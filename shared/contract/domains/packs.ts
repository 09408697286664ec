import { z } from 'zod';
import type { Omission } from '../../cards/export-omissions';
import type { CharacterSummary } from '../../character/character-summary';
import { request } from '../define';
import { characterIdSchema } from './characters';
import { uploadIdSchema } from './upload-id';

// Character cards (PNG/JSON), CHARX files, studio packs and library backups. Bytes travel as base64
// because serve mode's WebSocket carries JSON; sizes are capped here, under the socket's 64 MB frame.

const MAX_IMPORT_BYTES = 44 * 1024 * 1024;

/** One piece of a file uploaded in pieces (files too large for one WebSocket message). */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const fileName = z.string().min(1).max(300);
const uploadId = uploadIdSchema;
/** A file sent whole, or one uploaded before in pieces (`uploadBegin` / `uploadChunk`). */
const fileSchema = z.union([z.object({ fileName, dataBase64: base64 }).strict(), z.object({ uploadId }).strict()]);
const sizeOf = (files: readonly z.output<typeof fileSchema>[]) => files.reduce((n, f) => n + ('dataBase64' in f ? f.dataBase64.length : 0), 0);

/** The export formats: V3 PNG card (with a V2 `chara` chunk), V3 JSON, CHARX, studio pack. */
export const exportFormatSchema = z.enum(['png', 'json', 'charx', 'pack']);
export type PackExportFormat = z.output<typeof exportFormatSchema>;

/** One file that came in as a character. */
export interface PackImported {
  fileName: string;
  format: 'png' | 'json' | 'charx' | 'pack';
  id: string;
  name: string;
  /** Files restored into the character's folder (pack files, card assets). */
  files: number;
  warnings: string[];
  /** Adapters kept although their base model is not installed here. */
  missingBaseModels: { adapter: string; baseModel: string; sha256: string }[];
}

/** Per-file outcome of an import: each file is all or nothing on its own. */
export interface PackImportResult {
  imported: PackImported[];
  failed: { fileName: string; message: string }[];
}

/** An exported file for the browser to download. */
export interface PackExportResult {
  fileName: string;
  mediaType: string;
  dataBase64: string;
  /** Files of the character folder a pack does not carry (e.g. chats), by path. */
  leftOut: string[];
  /** What the format has no place for (assets, files kept from a CHARX, top-level card fields), by name. */
  omitted: Omission[];
  warnings: string[];
}

/** One asset of a character's card (icon, emotion, background, other…), for the editor's gallery. */
export interface CardAssetInfo {
  type: string;
  name: string;
  ext: string;
  /** Kept as a file (path under the character's card-assets/), or null for an asset that stands alone (a URL). */
  path: string | null;
  /** The URI of an asset that stands alone. */
  uri: string | null;
  /** The file's size; null when it stands alone or its file is gone. */
  sizeBytes: number | null;
  /** A small image's bytes for a thumbnail (images up to 2 MB, 16 MB in all). */
  preview: { mediaType: string; dataBase64: string } | null;
}

export const packsContract = {
  /** Imports several card/CHARX/pack files at once (drag and drop, file picker); at most 44 MB together. */
  import: request<PackImportResult>()(
    z
      .object({ files: z.array(fileSchema).min(1).max(50) })
      .strict()
      .refine((v) => sizeOf(v.files) <= Math.ceil(MAX_IMPORT_BYTES / 3) * 4, {
        message: `the files are larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB together; send large files in pieces (uploadBegin/uploadChunk)`,
        path: ['files'],
      }),
  ),
  export: request<PackExportResult>()(z.object({ id: characterIdSchema, format: exportFormatSchema }).strict()),
  /** The assets of a character's card (at most 500, the portrait left out: the editor shows it as the avatar). */
  assets: request<CardAssetInfo[]>()(z.object({ id: characterIdSchema }).strict()),
  /** The whole library (every character folder) as one archive. */
  backup: request<{ fileName: string; dataBase64: string; characters: number }>()(z.object({}).strict()),
  /** Adds every character in a backup archive beside the existing ones (all or nothing). */
  restore: request<CharacterSummary[]>()(
    z.union([
      z.object({ fileName, dataBase64: base64.max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, 'larger than 44 MB; send it in pieces (uploadBegin/uploadChunk)') }).strict(),
      z.object({ uploadId }).strict(),
    ]),
  ),
  /**
   * Starts sending a large file in pieces of at most UPLOAD_CHUNK_BYTES (up to 1 GB). Refused while 4
   * uploads are unfinished or they announce 2 GB together; an upload idle for 10 minutes, or whose
   * connection closes, is dropped.
   */
  uploadBegin: request<{ uploadId: string }>()(z.object({ fileName, size: z.number().int().min(0) }).strict()),
  /** The next piece, in order; answers how many bytes have arrived. */
  uploadChunk: request<{ received: number }>()(
    z.object({ uploadId, offset: z.number().int().min(0), dataBase64: base64.max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4, 'a piece may be at most 8 MB') }).strict(),
  ),
};
