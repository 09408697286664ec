import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseSafetensorsHeader, safetensorsHeaderLength } from '../../../../shared/models/safetensors-header';
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
