import { UPLOAD_CHUNK_BYTES } from '../../shared/contract/domains/packs';
import { studio } from '../transport/studio-client';

// One file the user opened, imported as characters. Ordinary cards go in one message through the
// characters importer, which reads every format (cards, CHARX, packs, the official character.json);
// big packs (a LoRA adapter makes them ~60 MB) go up in pieces and are imported by upload id.

/** Files up to this size are sent in one message (the characters contract takes up to 48 MB). */
const ONE_MESSAGE_BYTES = 40 * 1024 * 1024;
/** A piece of whole base64 quads: a multiple of 3 bytes, at most the packs' piece size. */
const PIECE_BYTES = UPLOAD_CHUNK_BYTES - (UPLOAD_CHUNK_BYTES % 3);
const PIECE_CHARS = (PIECE_BYTES / 3) * 4;

/** What an import brought in and what it refused, by file. */
export interface ImportOutcome {
  imported: { id: string; name: string }[];
  failed: { fileName: string; message: string }[];
}

/** Imports one file's bytes, reporting upload progress in percent. */
export async function importFile(file: { fileName: string; dataBase64: string; size: number }, onProgress: (percent: number) => void): Promise<ImportOutcome> {
  if (file.size <= ONE_MESSAGE_BYTES) {
    const added = await studio.characters.import({ fileName: file.fileName, dataBase64: file.dataBase64 });
    onProgress(100);
    return { imported: added.characters.map((c) => ({ id: c.id, name: c.name })), failed: [] };
  }
  const { uploadId } = await studio.packs.uploadBegin({ fileName: file.fileName, size: file.size });
  for (let char = 0, offset = 0; char < file.dataBase64.length; char += PIECE_CHARS, offset += PIECE_BYTES) {
    const { received } = await studio.packs.uploadChunk({ uploadId, offset, dataBase64: file.dataBase64.slice(char, char + PIECE_CHARS) });
    onProgress(Math.min(99, Math.floor((received / file.size) * 100)));
  }
  const result = await studio.packs.import({ files: [{ uploadId }] });
  return { imported: result.imported.map((i) => ({ id: i.id, name: i.name })), failed: result.failed };
}
