import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TINY_HPARAMS } from '../../../../models/tiny-model/tiny-model';
import { seededNormal } from '../../../../shared/random/seeded';
import { writeTorchBin } from '../../../../models/tiny-checkpoint/torch-bin-writer';
import { writeSafetensorsFile } from '../../models/checkpoint/safetensors-file';

// PEFT adapter folders as PEFT saves them for the hub checkpoint, written by tests: keys, shapes and the
// config are spelled out here by hand (not derived from the studio's name table), so an import test checks
// the studio's mapping against PEFT's layout rather than against itself.

/** One LoRA matrix in PyTorch order: A is [r, in], B is [out, r]. */
export interface PeftTensorValues {
  key: string;
  shape: [number, number];
  values: Float32Array;
}

/** The LoRA of one hub module, both halves. */
export interface PeftModuleLora {
  /** Hub module path, e.g. `transformer.encoder.layers.0.self_attention.query_key_value`. */
  module: string;
  a: PeftTensorValues;
  b: PeftTensorValues;
}

/** Shapes of a ChatGLM2 model's adapted linear layers. */
export interface LoraShapes {
  hidden: number;
  ffn: number;
  layers: number;
  /** Rows of the fused query/key/value weight: hidden + 2 · kv heads · head size. */
  qkvRows: number;
}

/** The demo model's shapes (the tiny checkpoint has the same). */
export const TINY_MODEL_LORA_SHAPES: LoraShapes = {
  hidden: TINY_HPARAMS.embedding, ffn: TINY_HPARAMS.feedForward, layers: TINY_HPARAMS.blocks,
  qkvRows: TINY_HPARAMS.embedding + 2 * TINY_HPARAMS.kvHeads * (TINY_HPARAMS.embedding / TINY_HPARAMS.heads),
};

/** Random non-zero A and B on all four module kinds of every layer (std `std`, from `seed`). */
export function randomPeftLora(shapes: LoraShapes, rank: number, seed = 11, std = 0.1): PeftModuleLora[] {
  const normal = seededNormal(seed);
  const matrix = (key: string, rows: number, cols: number): PeftTensorValues => {
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < values.length; i++) values[i] = normal() * std;
    return { key, shape: [rows, cols], values };
  };
  const modules: PeftModuleLora[] = [];
  for (let layer = 0; layer < shapes.layers; layer++) {
    const p = `transformer.encoder.layers.${layer}`;
    const kinds: Array<[string, number, number]> = [
      [`${p}.self_attention.query_key_value`, shapes.hidden, shapes.qkvRows],
      [`${p}.self_attention.dense`, shapes.hidden, shapes.hidden],
      [`${p}.mlp.dense_h_to_4h`, shapes.hidden, 2 * shapes.ffn],
      [`${p}.mlp.dense_4h_to_h`, shapes.ffn, shapes.hidden],
    ];
    for (const [module, nIn, nOut] of kinds) {
      modules.push({
        module,
        a: matrix(`base_model.model.${module}.lora_A.weight`, rank, nIn),
        b: matrix(`base_model.model.${module}.lora_B.weight`, nOut, rank),
      });
    }
  }
  return modules;
}

/** adapter_config.json as PEFT writes it for a LoRA on the ChatGLM2 hub checkpoint. */
export function peftConfig(rank: number, alpha: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    peft_type: 'LORA', task_type: 'CAUSAL_LM', base_model_name_or_path: 'thu-coai/CharacterGLM-6B', r: rank, lora_alpha: alpha,
    lora_dropout: 0.05, target_modules: ['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h'], bias: 'none',
    use_rslora: false, use_dora: false, modules_to_save: null, fan_in_fan_out: false, init_lora_weights: true, inference_mode: true,
    layers_to_transform: null, layers_pattern: null, rank_pattern: {}, alpha_pattern: {}, revision: null, ...extra,
  };
}

/** Writes a PEFT folder: adapter_config.json and the tensors as adapter_model.safetensors (F32) or a torch.save .bin. */
export async function writePeftFolder(
  dir: string, config: Record<string, unknown>, tensors: readonly PeftTensorValues[], format: 'safetensors' | 'bin' = 'safetensors',
): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'adapter_config.json'), JSON.stringify(config, null, 2));
  const bytes = (t: PeftTensorValues): Uint8Array => new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength);
  if (format === 'safetensors') {
    await writeSafetensorsFile(join(dir, 'adapter_model.safetensors'), tensors.map((t) => ({ name: t.key, dtype: 'F32', shape: t.shape, data: () => [bytes(t)] })));
  } else {
    await writeTorchBin(join(dir, 'adapter_model.bin'), tensors.map((t) => ({ name: t.key, storage: 'FloatStorage', shape: t.shape, bytes: bytes(t) })), 'adapter_model');
  }
  return dir;
}

/** The tensors of modules, A then B each. */
export const loraTensors = (modules: readonly PeftModuleLora[]): PeftTensorValues[] => modules.flatMap((m) => [m.a, m.b]);
