import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { halfToF32Bytes } from '../../../shared/gguf/half-float';
import { peftConfigFor, type PeftExportResult } from '../../../shared/training/peft-config';
import { blockOf, loraTargetOf, peftKey, peftModuleName } from '../../../shared/training/peft-names';
import { peftReadme } from '../../../shared/training/peft-readme';
import { LORA_TARGETS } from '../../../shared/training/training-settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { writeFolderAtomic } from '../fs/atomic-folder';
import { ADAPTER_GGUF } from '../adapters/adapter-layout';
import { writeSafetensorsFile } from '../models/checkpoint/safetensors-file';
import { CHARACTERGLM_ARCHITECTURE, ggufTensorTable, type GgufTableEntry } from '../models/gguf-inspect';

// A studio adapter (GGUF LoRA) as a PEFT folder for the hub checkpoint, so transformers, PEFT and vLLM
// load it: adapter_config.json, adapter_model.safetensors (F32, PEFT's key names) and a README. The
// bytes are the GGUF's own (lora_a [in, r] in ggml order is PEFT's A [r, in]), so importing the folder
// back gives the same tensors exactly.

const ELEMENT_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

interface Pair {
  weight: string;
  a: GgufTableEntry;
  b: GgufTableEntry;
}

/** The adapter's LoRA pairs, checked: names of this architecture's weights, float types, one rank. */
function pairsOf(file: string, tensors: readonly GgufTableEntry[]): { pairs: Pair[]; rank: number } {
  const halves = new Map<string, Partial<Pair>>();
  for (const t of tensors) {
    const m = /^(.+)\.lora_([ab])$/.exec(t.name);
    if (!m || !loraTargetOf(m[1]!)) throw new StudioError('unsupported', `${file}: tensor "${t.name}" is not a LoRA on a ChatGLM2 weight`);
    if (!(t.type in ELEMENT_BYTES)) throw new StudioError('unsupported', `${file}: tensor "${t.name}" is ${t.type}; only F32, F16 and BF16 adapters can be exported`);
    const pair = halves.get(m[1]!) ?? { weight: m[1]! };
    pair[m[2] as 'a' | 'b'] = t;
    halves.set(m[1]!, pair);
  }
  const pairs = [...halves.values()].map((p) => {
    if (!p.a || !p.b) throw new StudioError('bad_file', `${file}: ${p.weight} has only one half of its LoRA pair`);
    return p as Pair;
  });
  if (pairs.length === 0) throw new StudioError('bad_file', `${file}: no LoRA tensors`);
  const rank = pairs[0]!.a.dims[1]!;
  for (const p of pairs) {
    if (p.a.dims.length !== 2 || p.b.dims.length !== 2 || p.a.dims[1] !== rank || p.b.dims[0] !== rank) {
      throw new StudioError('unsupported', `${file}: ${p.weight} has rank ${p.a.dims[1]}, others ${rank}; PEFT configs hold one rank`);
    }
  }
  return { pairs, rank };
}

/** One tensor's data as F32 little-endian bytes. */
async function f32Data(path: string, t: GgufTableEntry): Promise<Uint8Array> {
  const count = t.dims.reduce((a, b) => a * b, 1);
  const bytes = Buffer.alloc(count * ELEMENT_BYTES[t.type]!);
  const handle = await open(path, 'r');
  try {
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, t.offset);
    if (bytesRead !== bytes.length) throw new StudioError('bad_file', `truncated inside tensor "${t.name}"`);
  } finally {
    await handle.close();
  }
  return t.type === 'F32' ? bytes : halfToF32Bytes(bytes, t.type as 'F16' | 'BF16');
}

/** Writes `adapterFile` as a PEFT folder at `out` (absent or empty), for the hub model `hubModel`. */
export async function exportPeftAdapter(adapterFile: string, out: string, hubModel: string, adapterName: string): Promise<PeftExportResult> {
  const file = ADAPTER_GGUF;
  const table = await ggufTensorTable(adapterFile);
  const general = (table.metadata.general ?? {}) as Record<string, unknown>;
  const adapter = (table.metadata.adapter ?? {}) as Record<string, unknown>;
  if (general.architecture !== CHARACTERGLM_ARCHITECTURE) throw new StudioError('unsupported', `${file}: an adapter for ${String(general.architecture)}, not a CharacterGLM (chatglm) model`);
  if (adapter.type !== 'lora') throw new StudioError('unsupported', `${file}: adapter.type is ${String(adapter.type)}, not lora`);
  const { pairs, rank } = pairsOf(file, table.tensors);
  // llama.cpp scales by alpha / r, and by 1 when the file has no alpha: PEFT's lora_alpha / r must match
  const alpha = typeof adapter.lora === 'object' && adapter.lora && Number((adapter.lora as Record<string, unknown>).alpha) > 0
    ? Number((adapter.lora as Record<string, unknown>).alpha) : rank;
  const present = new Set(pairs.map((p) => loraTargetOf(p.weight)));
  const targetModules = LORA_TARGETS.filter((t) => present.has(t)).map(peftModuleName);
  const blocks = [...new Set(pairs.map((p) => blockOf(p.weight)))];
  // the output layer has no block: PEFT's layer filter would drop it, so such an adapter names no layers
  const layers = blocks.includes(null) ? null : (blocks as number[]).sort((x, y) => x - y);
  const config = peftConfigFor({ rank, alpha, targetModules, layers, baseModel: hubModel });
  const files = ['adapter_config.json', 'adapter_model.safetensors', 'README.md'];
  const path = await writeFolderAtomic(out, async (staging) => {
    await writeFileAtomic(join(staging, files[0]!), `${JSON.stringify(config, null, 2)}\n`);
    await writeSafetensorsFile(join(staging, files[1]!), pairs.flatMap((p) => [
      { name: peftKey(p.weight, 'A'), dtype: 'F32' as const, shape: [rank, p.a.dims[0]!], data: async function* () { yield await f32Data(adapterFile, p.a); } },
      { name: peftKey(p.weight, 'B'), dtype: 'F32' as const, shape: [p.b.dims[1]!, rank], data: async function* () { yield await f32Data(adapterFile, p.b); } },
    ]));
    await writeFileAtomic(join(staging, files[2]!), peftReadme({ adapterName, hubModel, rank, alpha, targetModules }));
  });
  return { path, files, rank, loraAlpha: alpha, targetModules, tensors: pairs.length * 2 };
}
