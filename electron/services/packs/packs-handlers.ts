import type { StudioHandlers } from '../../../shared/contract/api';
import type { PacksService } from './packs-service';

const fromBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));
const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** The packs domain of the contract, mapped onto the packs service (bytes in, bytes out). */
export function packsHandlers(packs: PacksService): StudioHandlers['packs'] {
  return {
    import: ({ files }) => packs.importFiles(files.map((f) => ({ fileName: f.fileName, bytes: fromBase64(f.dataBase64) }))),
    export: async ({ id, format }) => {
      const { bytes, ...rest } = await packs.export(id, format);
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    backup: async () => {
      const { bytes, ...rest } = await packs.backup();
      return { ...rest, dataBase64: toBase64(bytes) };
    },
    restore: ({ fileName, dataBase64 }) => packs.restore(fileName, { bytes: fromBase64(dataBase64) }),
  };
}
