import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { halfToF32Bytes } from '../../../shared/gguf/half-float';
import { gv } from '../../../shared/gguf/types';
import { MAX_PEFT_CONFIG_BYTES, parsePeftConfig, type PeftLoraConfig } from '../../../shared/training/peft-config';
import { planPeftImport, type PeftImportPlan } from '../../../shared/training/peft-plan';
import { ADAPTER_METADATA_VERSION, type AdapterMetadata, type AdapterSummary } from '../../../shared/training/training-job';
import { readTensorChunks, type CheckpointTensor } from '../models/checkpoint/checkpoint-tensor';
import { readSafetensorsFile } from '../models/checkpoint/safetensors-file';
import { readTorchBinFile } from '../models/checkpoint/torch-bin-file';
import { writeGgufFile } from '../models/gguf-file-writer';
import { CHARACTERGLM_ARCHITECTURE, ggufTensorTable } from '../models/gguf-inspect';
import { assertFileName } from '../paths/confine';
import { adapterSummary, type AdapterStore } from '../adapters/adapter-store';
import { modelSha256 } from './model-hash';
import type { BaseModelRef } from './training-service';
import { adaptersDirOf } from '../adapters/adapter-layout';

// A PEFT LoRA folder trained elsewhere (PEFT, LLaMA-Factory, TRL on the hub checkpoint) becomes an adapter
// of a character for one converted model: every tensor is checked against the model before anything is
// written, then copied into a GGUF LoRA (F32) that chat lists and loads like one the studio trained.
// PyTorch `adapter_model.bin` files are read by the same restricted pickle reader as checkpoints, which
// never runs pickled code.

const CONFIG_FILE = 'adapter_config.json';
const WEIGHT_FILES = ['adapter_model.safetensors', 'adapter_model.bin'] as const;

/** What to import, and onto which model. */
export interface PeftImportRequest {
  characterId: string;
  characterRevision: number;
  dir: string;
  model: BaseModelRef;
  /** The adapter's name in the studio; the folder's name by default. */
  name?: string;
}

async function readConfig(dir: string): Promise<PeftLoraConfig> {
  const file = join(dir, CONFIG_FILE);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new StudioError('bad_file', `${basename(dir)}: ${CONFIG_FILE} is missing (a PEFT adapter folder has ${CONFIG_FILE} and adapter_model.safetensors)`);
  try {
    return parsePeftConfig(info.size > MAX_PEFT_CONFIG_BYTES ? '' : await readFile(file, 'utf8'), info.size);
  } catch (error) {
    throw new StudioError('unsupported', (error as Error).message);
  }
}

async function listWeights(dir: string): Promise<{ file: string; tensors: CheckpointTensor[] }> {
  const names = await readdir(dir);
  const file = WEIGHT_FILES.find((f) => names.includes(f));
  if (!file) throw new StudioError('bad_file', `${basename(dir)}: no ${WEIGHT_FILES.join(' or ')} beside ${CONFIG_FILE}`);
  try {
    const path = join(dir, file);
    return { file, tensors: file.endsWith('.bin') ? await readTorchBinFile(path) : await readSafetensorsFile(path) };
  } catch (error) {
    throw new StudioError('bad_file', (error as Error).message);
  }
}

/** A tensor's bytes as F32 (PEFT saves LoRA weights in the training precision: F32, BF16 or F16). */
async function f32Bytes(tensor: CheckpointTensor): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readTensorChunks(tensor)) parts.push(chunk);
  const bytes = Buffer.concat(parts);
  return tensor.dtype === 'F32' ? bytes : halfToF32Bytes(bytes, tensor.dtype);
}

/** Checks the folder against the model and plans the GGUF; throws naming the file and key at fault. */
async function planImport(dir: string, model: BaseModelRef) {
  const config = await readConfig(dir);
  const weights = await listWeights(dir);
  const base = await ggufTensorTable(model.path);
  const architecture = String((base.metadata.general as Record<string, unknown> | undefined)?.architecture ?? 'unknown');
  if (architecture !== CHARACTERGLM_ARCHITECTURE) {
    throw new StudioError('unsupported', `${model.name} is a ${architecture} model; PEFT adapters import onto converted CharacterGLM (chatglm) models`);
  }
  let plan: PeftImportPlan;
  try {
    plan = planPeftImport(config, weights.tensors, new Map(base.tensors.map((t) => [t.name, t.dims])));
  } catch (error) {
    throw new StudioError('unsupported', `${weights.file}: ${(error as Error).message}`);
  }
  return { config, weights, plan, byName: new Map(weights.tensors.map((t) => [t.name, t])) };
}

/** Imports the PEFT folder `dir` as an adapter of the character; nothing is written unless all of it fits. */
export async function importPeftAdapter(adapters: AdapterStore, charactersDir: string, request: PeftImportRequest): Promise<AdapterSummary> {
  const dir = resolve(request.dir);
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) throw new StudioError('not_found', `${request.dir}: no such folder`);
  const name = assertFileName(request.name ?? basename(dir), 'name');
  if (await adapters.exists(request.characterId, name)) throw new StudioError('conflict', `an adapter named "${name}" exists already: pick another name`);
  const { config, weights, plan, byName } = await planImport(dir, request.model);
  const sha256 = request.model.sha256 ?? (await modelSha256(request.model.path));

  const metadata: AdapterMetadata = {
    formatVersion: ADAPTER_METADATA_VERSION,
    name,
    createdAt: new Date().toISOString(),
    characterId: request.characterId,
    characterRevision: request.characterRevision,
    // what it was trained on is the trainer's business; the studio's own export renders characterglm-v1
    promptFormat: 'unknown',
    baseModel: { name: request.model.name, sha256, architecture: request.model.architecture, quantization: request.model.quantization },
    settings: { rank: plan.rank, alpha: config.alpha, targets: plan.targets, blocks: plan.blocks },
    datasets: [],
    source: {
      kind: 'peft', folder: basename(dir), weightsFile: weights.file, rank: config.rank, loraAlpha: config.alpha,
      rsLora: config.rsLora, baseModelNameOrPath: config.baseModel,
    },
  };
  const gguf = join(adaptersDirOf(charactersDir, request.characterId), `.import-${randomBytes(4).toString('hex')}.gguf`);
  try {
    await writeGgufFile(gguf, {
      'general.architecture': gv.str(CHARACTERGLM_ARCHITECTURE),
      'general.type': gv.str('adapter'),
      'general.name': gv.str(name),
      'adapter.type': gv.str('lora'),
      'adapter.lora.alpha': gv.f32(plan.alpha),
    }, plan.pairs.flatMap((p) => [
      { info: { name: `${p.weight}.lora_a`, dims: [p.nIn, plan.rank], type: 'F32' as const }, bytes: () => f32Bytes(byName.get(p.a.name)!) },
      { info: { name: `${p.weight}.lora_b`, dims: [plan.rank, p.nOut], type: 'F32' as const }, bytes: () => f32Bytes(byName.get(p.b.name)!) },
    ]));
    return adapterSummary(await adapters.store(request.characterId, gguf, metadata, []));
  } finally {
    await rm(gguf, { force: true });
  }
}
