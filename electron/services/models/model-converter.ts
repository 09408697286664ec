import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelJobPacket } from '../../../shared/models/model-job';
import { safeModelFileName } from '../../../shared/models/download-source';
import { tempPathFor } from '../fs/atomic-write';
import { inspectCheckpoint, type CheckpointInspection } from './checkpoint/checkpoint-folder';
import { quantizeGguf, quantizerPath, type QuantType } from './checkpoint/quantize-gguf';
import { losslessWeightType, plannedGgufBytes, writeChatGlm2Gguf } from './checkpoint/write-chatglm2-gguf';
import { ensureFreeSpace } from './disk-space';
import { inspectGguf } from './gguf-inspect';

// Conversion as a Models job: check the checkpoint folder, insist on the licence, stream it into an
// unquantised GGUF, quantise with llama-quantize when asked, and leave nothing behind on failure or
// cancel but the untouched source folder.

/** Output types: llama.cpp quantisations, or plain f16 (no quantiser needed). */
export type ConvertQuant = QuantType | 'F16';

/** Input of a conversion. */
export interface ConvertInput {
  dir: string;
  quant: ConvertQuant;
  name?: string;
  /** The file name's start (default: the checkpoint's own name); a get names it after the repository. */
  fileStem?: string;
  threads?: number;
}

/** Rough output size per input byte of bf16/f16 weights, for the disk check. */
const OUTPUT_RATIO: Record<ConvertQuant, number> = { F16: 1, Q8_0: 0.54, Q4_K_M: 0.32 };

/** The GGUF a conversion writes into the models folder. */
export function convertedFileName(stem: string, quant: ConvertQuant): string {
  return safeModelFileName(`${stem}-${quant}`);
}

/** Disk a conversion needs beside its unquantised GGUF: that file, plus the quantised one when quantising. */
export function conversionDiskBytes(unquantisedBytes: number, quant: ConvertQuant): number {
  return unquantisedBytes * (1 + (quant === 'F16' ? 0 : OUTPUT_RATIO[quant]));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Converts `input.dir` into `modelsDir`; resolves with the new file's name and hash. */
export async function convertCheckpoint(
  input: ConvertInput,
  modelsDir: string,
  requireLicence: (id: string) => Promise<{ title: string; commercialUse: boolean } | void>,
  emit: (p: ModelJobPacket) => void,
  signal?: AbortSignal,
): Promise<{ file: string; name: string; sha256: string; inspection: CheckpointInspection }> {
  const ins = await inspectCheckpoint(input.dir);
  const licence = ins.licenceId ? await requireLicence(ins.licenceId) : undefined;
  const name = input.name?.trim() || `${ins.hparams.name} ${input.quant}`;
  const file = convertedFileName(input.fileStem ?? ins.hparams.name, input.quant);
  const target = join(modelsDir, file);
  if (existsSync(target)) throw new StudioError('conflict', `${file} is already in the models folder`);
  const weightType = input.quant === 'F16' ? 'F16' : losslessWeightType(ins);
  const unquantised = plannedGgufBytes(ins, weightType);
  await ensureFreeSpace(modelsDir, conversionDiskBytes(unquantised, input.quant), `converting ${ins.hparams.name}`);
  emit({ type: 'notice', message: `${ins.format} checkpoint, ${ins.tensors.length} tensors, ${ins.hparams.blocks} layers` });

  const intermediate = input.quant === 'F16' ? target : tempPathFor(join(modelsDir, `${file}.${weightType.toLowerCase()}`));
  const quantized = tempPathFor(target);
  const licenceText = licence ? `${licence.title} (${licence.commercialUse ? 'commercial use allowed' : 'non-commercial research only'})` : undefined;
  try {
    const { overflow } = await writeChatGlm2Gguf(ins, intermediate, weightType, {
      signal,
      ...(licenceText ? { licence: licenceText } : {}),
      onProgress: (p) => emit({ type: 'progress', phase: 'convert', done: p.written, total: p.total, detail: p.tensor }),
    });
    if (overflow > 0) emit({ type: 'notice', message: `${overflow} bf16 values exceed the f16 range and became infinite; prefer Q8_0 or Q4_K_M for this checkpoint` });
    if (input.quant !== 'F16') {
      emit({ type: 'progress', phase: 'build', done: 0, total: 1, detail: 'llama-quantize' });
      const exe = await quantizerPath((line) => emit({ type: 'notice', message: line.slice(0, 200) }));
      await quantizeGguf(intermediate, quantized, input.quant, {
        exe, signal, ...(input.threads ? { threads: input.threads } : {}),
        onProgress: (done, count, tensor) => emit({ type: 'progress', phase: 'quantize', done, total: count, detail: tensor }),
      });
      await inspectGguf(quantized);
      await rename(quantized, target);
    }
    emit({ type: 'progress', phase: 'verify', done: 0, total: 1 });
    await inspectGguf(target);
    return { file, name, sha256: await sha256Of(target), inspection: ins };
  } catch (error) {
    await rm(target, { force: true });
    if (signal?.aborted) throw new StudioError('cancelled', `conversion of ${ins.hparams.name} cancelled; nothing was kept`);
    throw error;
  } finally {
    if (input.quant !== 'F16') await rm(intermediate, { force: true });
    await rm(quantized, { force: true });
  }
}
