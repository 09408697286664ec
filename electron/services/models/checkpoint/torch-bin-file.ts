import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl, { type Entry } from 'yauzl';
import { ggufTensorName } from '../../../../shared/models/chatglm2-tensor-plan';
import { isContiguous, readTorchStateDict } from '../../../../shared/models/torch-pickle';
import type { CheckpointTensor } from './checkpoint-tensor';

// A PyTorch `.bin` written by torch.save since PyTorch 1.6: a zip holding `<archive>/data.pkl` (the
// state dict as a pickle, read by the restricted reader in shared/models/torch-pickle.ts) and one
// stored (uncompressed) entry per storage, `<archive>/data/<key>`, whose bytes are read in place.

const MAX_PICKLE_BYTES = 64 * 1024 * 1024;
const ELEMENT_BYTES = { BF16: 2, F16: 2, F32: 4 } as const;

async function entries(zip: yauzl.ZipFile): Promise<Map<string, Entry>> {
  const found = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      found.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return found;
}

/** Lists the tensors of a PyTorch `.bin` without running its pickle and without reading tensor data. */
export async function readTorchBinFile(path: string): Promise<CheckpointTensor[]> {
  const file = basename(path);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    const why = (error as Error).message;
    throw new Error(`${file}: not a readable PyTorch zip checkpoint (${/central directory|signature/i.test(why) ? 'truncated, or saved by PyTorch older than 1.6' : why})`, { cause: error });
  }
  try {
    const { size } = await stat(path);
    const all = await entries(zip);
    const pickleName = [...all.keys()].find((n) => /^[^/]+\/data\.pkl$/.test(n));
    if (!pickleName) throw new Error(`${file}: no data.pkl inside (not a torch.save checkpoint)`);
    const prefix = pickleName.slice(0, -'data.pkl'.length);
    const pickleEntry = all.get(pickleName)!;
    if (pickleEntry.uncompressedSize > MAX_PICKLE_BYTES) throw new Error(`${file}: data.pkl is ${pickleEntry.uncompressedSize} bytes, far larger than a state dict's`);
    const pickle = await buffer(await zip.openReadStreamPromise(pickleEntry));
    let stateDict;
    try {
      stateDict = readTorchStateDict(pickle);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
    const tensors: CheckpointTensor[] = [];
    for (const [name, t] of stateDict) {
      const entry = all.get(`${prefix}data/${t.storage.key}`);
      if (!entry) throw new Error(`${file}: storage ${t.storage.key} of tensor "${name}" is missing (truncated file?)`);
      if (t.storage.dtype === 'other') {
        // Buffers llama.cpp recomputes (rotary inv_freq) may have any type; weights must be floats.
        if (ggufTensorName(name) === null) continue;
        throw new Error(`${file}: tensor "${name}" is stored as ${t.storage.typeName}; only bf16, f16 and f32 weights can be converted`);
      }
      if (entry.compressionMethod !== 0) throw new Error(`${file}: storage of "${name}" is compressed; re-save the checkpoint with torch.save`);
      if (!isContiguous(t)) throw new Error(`${file}: tensor "${name}" is a non-contiguous view; re-save the checkpoint with contiguous tensors`);
      const elementBytes = ELEMENT_BYTES[t.storage.dtype];
      const count = t.shape.reduce((a, b) => a * b, 1);
      if ((t.offset + count) * elementBytes > entry.uncompressedSize) throw new Error(`${file}: tensor "${name}" reaches past its storage`);
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      const start = fileDataStart + t.offset * elementBytes;
      if (start + count * elementBytes > size) throw new Error(`${file}: truncated inside tensor "${name}"`);
      tensors.push({ name, dtype: t.storage.dtype, shape: t.shape, file: path, start, end: start + count * elementBytes });
    }
    return tensors;
  } finally {
    zip.close();
  }
}
