import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GgmlType, GgufFileType, readGgufFileInfo, type GgufTensorInfo } from 'node-llama-cpp';
import { ggmlTensorBytes, ggmlTypeLayout, type GgmlTypeName } from '../../../shared/gguf/types';
import { StudioError } from '../../../shared/contract/errors';

/** What the studio needs to know about a GGUF before it loads it. */
export interface GgufSummary {
  name: string;
  architecture: string;
  quantization: string;
  contextLength: number;
  sizeBytes: number;
  licence: string;
}

/** Architectures whose chat format the studio renders itself; others use node-llama-cpp's templates. */
export const CHARACTERGLM_ARCHITECTURE = 'chatglm';

async function readMagic(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** The byte where the last tensor's data ends (for types we know the size of), else its start. */
function tensorDataEnd(tensors: readonly GgufTensorInfo[]): number {
  let end = 0;
  for (const t of tensors) {
    const typeName = GgmlType[t.ggmlType] as GgmlTypeName | undefined;
    const dims = t.dimensions.map(Number);
    const bytes = typeName && typeName in ggmlTypeLayout ? ggmlTensorBytes({ dims, type: typeName }) : 1;
    end = Math.max(end, Number(t.fileOffset) + bytes);
  }
  return end;
}

function quantName(fileType: number | undefined): string {
  if (fileType === undefined) return 'unknown';
  const name = GgufFileType[fileType];
  return name ? name.replace(/^(ALL|MOSTLY)_/, '') : `type ${fileType}`;
}

/**
 * Reads only the header of a GGUF file and names what is wrong with it, so a bad file is refused with
 * a clear message before llama.cpp ever sees it.
 */
export async function inspectGguf(path: string): Promise<GgufSummary> {
  const file = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new StudioError('bad_file', `${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('not_found', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const magic = await readMagic(path);
  if (magic.toString('latin1') !== 'GGUF') throw new StudioError('bad_file', `${file}: not a GGUF model file (it does not start with "GGUF")`);
  let info;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: true, ignoreKeys: [] });
  } catch (error) {
    throw new StudioError('bad_file', `${file}: damaged GGUF header (${(error as Error).message})`);
  }
  if (tensorDataEnd(info.tensorInfo ?? []) > size) {
    throw new StudioError('bad_file', `${file}: truncated (the file ends before its tensor data; was the download cut short?)`);
  }
  const general = info.metadata.general;
  const architecture = String(general?.architecture ?? 'unknown');
  const archMeta = (info.metadata as unknown as Record<string, { context_length?: number } | undefined>)[architecture];
  return {
    name: String(general?.name ?? file.replace(/\.gguf$/i, '')),
    architecture,
    quantization: quantName(general?.file_type as number | undefined),
    contextLength: Number(archMeta?.context_length ?? 0),
    sizeBytes: size,
    licence: String(general?.license ?? 'unknown'),
  };
}

/** One tensor of a GGUF as its header lists it: ggml dims (innermost first), type name and absolute data offset. */
export interface GgufTableEntry {
  name: string;
  dims: number[];
  type: string;
  offset: number;
}

/** The metadata and tensor table of a GGUF (header only), for files the studio reads tensor by tensor. */
export async function ggufTensorTable(path: string): Promise<{ metadata: Record<string, unknown>; tensors: GgufTableEntry[]; size: number }> {
  const file = basename(path);
  try {
    const { size } = await stat(path);
    const info = await readGgufFileInfo(path, { readTensorInfo: true, ignoreKeys: [] });
    const tensors = (info.tensorInfo ?? []).map((t) => ({
      name: t.name, dims: t.dimensions.map(Number), type: GgmlType[t.ggmlType] ?? `type ${t.ggmlType}`, offset: Number(t.fileOffset),
    }));
    if (tensorDataEnd(info.tensorInfo ?? []) > size) throw new Error('truncated (the file ends before its tensor data)');
    return { metadata: info.metadata as unknown as Record<string, unknown>, tensors, size };
  } catch (error) {
    throw new StudioError('bad_file', `${file}: ${(error as Error).message}`);
  }
}
