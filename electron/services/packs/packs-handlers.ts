import type { StudioHandlers } from '../../../shared/contract/api';
import type { PackImportResult } from '../../../shared/contract/domains/packs';
import { toWireError } from '../../../shared/contract/errors';
import type { FileInput } from '../characters/importers/import-source';
import type { PacksService } from './packs-service';

const fromBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** A file as the contract carries it: whole in base64, or by the id of an upload in pieces. */
type WireFile = { fileName: string; dataBase64: string } | { uploadId: string };

/** The packs domain of the contract, mapped onto the packs service (bytes in, bytes out). */
export function packsHandlers(packs: PacksService): StudioHandlers['packs'] {
  // An upload is handed over by path and removed once `use` is done with it.
  const withFile = <T>(file: WireFile, use: (fileName: string, input: FileInput) => Promise<T>): Promise<T> =>
    'uploadId' in file ? packs.uploads.take(file.uploadId, (u) => use(u.fileName, { file: u.file })) : use(file.fileName, { bytes: fromBase64(file.dataBase64) });
  const importOne = async (file: WireFile): Promise<PackImportResult> => {
    try {
      return await withFile(file, (fileName, input) => packs.importFiles([{ fileName, ...input }]));
    } catch (error) {
      // An upload that is gone or unfinished fails on its own, like any other broken file.
      return { imported: [], failed: [{ fileName: 'uploadId' in file ? file.uploadId : file.fileName, message: toWireError(error).message }] };
    }
  };
  return {
    import: async ({ files }) => {
      const result: PackImportResult = { imported: [], failed: [] };
      for (const file of files) {
        const one = await importOne(file);
        result.imported.push(...one.imported);
        result.failed.push(...one.failed);
      }
      return result;
    },
    export: async ({ id, format }) => {
      const { bytes, ...rest } = await packs.export(id, format);
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    assets: ({ id }) => packs.assets(id),
    backup: async () => {
      const { bytes, ...rest } = await packs.backup();
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    restore: (input) => withFile(input, (fileName, file) => packs.restore(fileName, file)),
    uploadBegin: async ({ fileName, size }) => ({ uploadId: await packs.uploads.begin(fileName, size) }),
    uploadChunk: async ({ uploadId, offset, dataBase64 }) => ({ received: await packs.uploads.append(uploadId, offset, fromBase64(dataBase64)) }),
  };
}
