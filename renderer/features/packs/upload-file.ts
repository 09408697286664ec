import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract/domains/packs';
import { studio } from '../../transport/studio-client';
import { blobToBase64 } from '../characters/file-bytes';

// A file larger than one WebSocket message can carry goes up in 8 MB pieces; the caller then names it
// by its upload id. `onProgress` gets the fraction sent, for the progress bar.

/** Files above this size are sent in pieces. */
export const PIECEWISE_FROM_BYTES = UPLOAD_CHUNK_BYTES;

/** Uploads `file` in pieces and returns its upload id. */
export async function uploadInPieces(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const { uploadId } = await studio.packs.uploadBegin({ fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const piece = file.slice(offset, Math.min(file.size, offset + UPLOAD_CHUNK_BYTES));
    const { received } = await studio.packs.uploadChunk({ uploadId, offset, dataBase64: await blobToBase64(piece) });
    onProgress(received / file.size);
  }
  return uploadId;
}
