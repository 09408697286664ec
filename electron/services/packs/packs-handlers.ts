import { readFile } from 'node:fs/promises';
import type { StudioHandlers } from '../../../shared/contract/api';
import type { PacksService } from './packs-service';

const fromBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

type FileInput = { fileName: string; dataBase64: string } | { uploadId: string };

/** The packs domain of the contract, mapped onto the packs service (bytes in, bytes out). */
export function packsHandlers(packs: PacksService): StudioHandlers['packs'] {
  const bytesOf = async (file: FileInput) =>
    'uploadId' in file ? packs.uploads.take(file.uploadId, async (u) => ({ fileName: u.fileName, bytes: new Uint8Array(await readFile(u.file)) })) : { fileName: file.fileName, bytes: fromBase64(file.dataBase64) };
  return {
    import: async ({ files }) => {
      const read = [];
      for (const file of files) read.push(await bytesOf(file));
      return packs.importFiles(read);
    },
    export: async ({ id, format }) => {
      const { bytes, ...rest } = await packs.export(id, format);
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    backup: async () => {
      const { bytes, ...rest } = await packs.backup();
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    restore: async (input) => {
      const { fileName, bytes } = await bytesOf(input);
      return packs.restore(fileName, { bytes });
    },
    uploadBegin: async ({ fileName, size }) => ({ uploadId: await packs.uploads.begin(fileName, size) }),
    uploadChunk: async ({ uploadId, offset, dataBase64 }) => ({ received: await packs.uploads.append(uploadId, offset, fromBase64(dataBase64)) }),
  };
}
