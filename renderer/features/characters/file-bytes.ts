// The contract carries bytes as base64 (serve mode's WebSocket is JSON). Chunked, because
// String.fromCharCode(...bytes) overflows the call stack on a few megabytes.

/** Base64 of a browser File or Blob. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
