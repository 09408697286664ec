import yazl from 'yazl';

// Builds archives (CHARX, studio packs, library backups) with yazl. Files that are already compressed
// (images, GGUF weights) are stored as they are: deflating them costs time and saves nothing.

/** One archive entry: bytes in memory, or a file on disk streamed in. */
export type ZipSource = { path: string; data: Uint8Array } | { path: string; file: string };

const STORED = /\.(png|jpe?g|webp|gif|avif|gguf|safetensors|mp3|ogg|mp4|webm|zip|charx)$/i;

/** Zips `sources` in order into one buffer. `mtime` is stamped on every entry so equal input gives equal bytes. */
export async function zipToBuffer(sources: readonly ZipSource[], mtime = new Date('2020-01-01T00:00:00Z')): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const source of sources) {
    const options = { mtime, compress: !STORED.test(source.path) };
    if ('data' in source) zip.addBuffer(Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength), source.path, options);
    else zip.addFile(source.file, source.path, options);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
