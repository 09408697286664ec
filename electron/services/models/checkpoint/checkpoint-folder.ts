import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StudioError } from '../../../../shared/contract/errors';
import {
  CHECKPOINT_LICENCE_FILES, CHECKPOINT_REQUIRED_FILES, parseWeightIndex, unindexedShards, weightLayoutOf,
} from '../../../../shared/models/checkpoint-files';
import { parseChatGlm2Config, type ChatGlm2Hparams } from '../../../../shared/models/chatglm2-config';
import { licenceIdForModelName } from '../../../../shared/models/model-licence';
import { parseSentencePieceModel, type SentencePieceModel } from '../../../../shared/models/sentencepiece-model';
import type { CheckpointTensor } from './checkpoint-tensor';
import { readSafetensorsFile } from './safetensors-file';
import { readTorchBinFile } from './torch-bin-file';

// A hub checkpoint folder (config.json, tokenizer.model, weights as safetensors or PyTorch .bin shards,
// with or without an index json), checked completely before a single byte is converted.

/** Everything conversion needs, read from headers only. */
export interface CheckpointInspection {
  dir: string;
  hparams: ChatGlm2Hparams;
  tokenizer: SentencePieceModel;
  format: 'safetensors' | 'pytorch';
  files: string[];
  tensors: CheckpointTensor[];
  weightBytes: number;
  /** Catalog licence id governing the weights (CharacterGLM), or null. */
  licenceId: string | null;
  /** The checkpoint's own licence file, shown beside the catalog summary. */
  licenceText?: string;
}

const bad = (message: string): StudioError => new StudioError('bad_file', message);

async function weightFiles(dir: string, names: string[]): Promise<{ format: 'safetensors' | 'pytorch'; files: string[] }> {
  const layout = weightLayoutOf(names);
  if (!layout) throw bad(`${basename(dir)}: no weights found (expected model*.safetensors or pytorch_model*.bin files)`);
  let listed: string[];
  if (names.includes(layout.index)) {
    try {
      listed = parseWeightIndex(await readFile(join(dir, layout.index), 'utf8'));
    } catch (error) {
      throw bad(`${layout.index}: ${(error as Error).message}`);
    }
  } else {
    listed = unindexedShards(layout, names);
  }
  for (const file of listed) if (!names.includes(file)) throw bad(`${basename(dir)}: weight shard ${file} is missing (listed in ${layout.index})`);
  return { format: layout.format, files: listed };
}

/** Checks a checkpoint folder and lists its tensors; each problem is named by file and field. */
export async function inspectCheckpoint(dir: string): Promise<CheckpointInspection> {
  const folder = basename(dir);
  try {
    if (!(await stat(dir)).isDirectory()) throw bad(`${dir} is not a folder`);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('not_found', `${dir}: folder not found`);
  }
  const names = await readdir(dir);
  for (const required of CHECKPOINT_REQUIRED_FILES) {
    if (!names.includes(required)) throw bad(`${folder}: ${required} is missing (a hub checkpoint has config.json, tokenizer.model and the weight files)`);
  }
  let hparams: ChatGlm2Hparams;
  try {
    hparams = parseChatGlm2Config(await readFile(join(dir, 'config.json'), 'utf8'), folder);
  } catch (error) {
    throw new StudioError('unsupported', `config.json: ${(error as Error).message}`);
  }
  let tokenizer: SentencePieceModel;
  try {
    tokenizer = parseSentencePieceModel(await readFile(join(dir, 'tokenizer.model')));
  } catch (error) {
    throw bad(`tokenizer.model: ${(error as Error).message}`);
  }
  const { format, files } = await weightFiles(dir, names);
  const tensors: CheckpointTensor[] = [];
  for (const file of files) {
    try {
      tensors.push(...(format === 'safetensors' ? await readSafetensorsFile(join(dir, file)) : await readTorchBinFile(join(dir, file))));
    } catch (error) {
      throw bad((error as Error).message);
    }
  }
  const licenceFile = CHECKPOINT_LICENCE_FILES.find((f) => names.includes(f));
  const text = licenceFile ? (await readFile(join(dir, licenceFile), 'utf8')).slice(0, 64 * 1024) : undefined;
  const licenceId = licenceIdForModelName(`${hparams.name} ${folder}`) ?? (text ? licenceIdForModelName(text) : null);
  return {
    dir, hparams, tokenizer, format, files, tensors, licenceId, ...(text ? { licenceText: text } : {}),
    weightBytes: tensors.reduce((sum, t) => sum + (t.end - t.start), 0),
  };
}
