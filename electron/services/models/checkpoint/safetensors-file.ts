import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  encodeSafetensorsHeader, parseSafetensorsHeader, safetensorsHeaderLength, safetensorsTensorBytes, type SafetensorsTensorHeader,
} from '../../../../shared/models/safetensors-header';
import { writeAtomicWith } from '../../fs/atomic-write';
import type { CheckpointTensor } from './checkpoint-tensor';

/** Lists the tensors of a `.safetensors` file from its header alone (no tensor data is read). */
export async function readSafetensorsFile(path: string): Promise<CheckpointTensor[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const first = new Uint8Array(8);
    await handle.read(first, 0, 8, 0);
    const headerLength = safetensorsHeaderLength(first);
    if (8 + headerLength > size) throw new Error(`truncated (the header alone needs ${8 + headerLength} bytes, the file has ${size})`);
    const json = new Uint8Array(headerLength);
    await handle.read(json, 0, headerLength, 8);
    return parseSafetensorsHeader(new TextDecoder().decode(json), headerLength, size).map((e) => ({ ...e, file: path }));
  } catch (error) {
    throw new Error(`${basename(path)}: ${(error as Error).message}`, { cause: error });
  } finally {
    await handle.close();
  }
}

/** A tensor to write; `data` yields its little-endian bytes, in as many slices as it likes. */
export interface SafetensorsTensorSource extends SafetensorsTensorHeader {
  data: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

/** Writes a `.safetensors` file atomically, streaming each tensor's slices (a multi-gigabyte file never sits in memory). */
export async function writeSafetensorsFile(target: string, tensors: readonly SafetensorsTensorSource[], metadata: Record<string, string> = {}): Promise<void> {
  await writeAtomicWith(target, async (out) => {
    await out.write(encodeSafetensorsHeader(tensors, metadata));
    for (const t of tensors) {
      const expected = safetensorsTensorBytes(t);
      let written = 0;
      for await (const chunk of t.data()) {
        written += chunk.byteLength;
        if (written > expected) throw new Error(`tensor "${t.name}": more than its ${expected} bytes`);
        await out.write(chunk);
      }
      if (written !== expected) throw new Error(`tensor "${t.name}": got ${written} bytes, expected ${expected}`);
    }
  });
}
