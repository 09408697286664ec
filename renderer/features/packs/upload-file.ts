import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract/domains/packs';
import { studio } from '../../transport/studio-client';
import { blobToBase64 } from '../characters/file-bytes';

// A file larger than one WebSocket message can carry goes up in 8 MB pieces; the caller then names it
// by its upload id. `onProgress` gets the fraction sent, for the progress bar.

/** Files above this size are sent in pieces. */
const PIECEWISE_FROM_BYTES = UPLOAD_CHUNK_BYTES;

/** Uploads `file` in pieces and returns its upload id. */
async function uploadInPieces(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const { uploadId } = await studio.packs.uploadBegin({ fileName: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const piece = file.slice(offset, Math.min(file.size, offset + UPLOAD_CHUNK_BYTES));
    const { received } = await studio.packs.uploadChunk({ uploadId, offset, dataBase64: await blobToBase64(piece) });
    onProgress(received / file.size);
  }
  return uploadId;
}

/** How an import names `file`: whole in the message when small, else by the id of its upload in pieces. */
export async function importInput(file: File, onProgress: (fraction: number) => void = () => undefined): Promise<{ uploadId: string } | { fileName: string; dataBase64: string }> {
  return file.size > PIECEWISE_FROM_BYTES ? { uploadId: await uploadInPieces(file, onProgress) } : { fileName: file.name, dataBase64: await blobToBase64(file) };
}
