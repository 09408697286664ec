import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract/domains/packs';
import type { RpcClient } from './hostile-server';

// Sends a file as the studio's page does when it is too large for one message: uploadBegin, then
// pieces in order. Returns the upload id, for packs.import / characters.import by `{ uploadId }`.

/** Uploads `bytes` as `fileName` in contract-sized pieces; throws naming the call that failed. */
export async function uploadInPieces(client: RpcClient, fileName: string, bytes: Uint8Array): Promise<string> {
  const begun = await client.call('packs.uploadBegin', { fileName, size: bytes.length });
  if (!begun.ok) throw new Error(`uploadBegin: ${begun.error?.message}`);
  const { uploadId } = begun.value as { uploadId: string };
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const piece = Buffer.from(bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES)).toString('base64');
    const sent = await client.call('packs.uploadChunk', { uploadId, offset, dataBase64: piece });
    if (!sent.ok) throw new Error(`uploadChunk at ${offset}: ${sent.error?.message}`);
  }
  return uploadId;
}
