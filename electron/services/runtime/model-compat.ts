import { basename } from 'node:path';
import * as nodeLlamaCpp from 'node-llama-cpp';
import { readGgufFileInfo } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';

/**
 * Architectures the bundled llama.cpp knows (node-llama-cpp mirrors its list). Its typings declare the list
 * as a const enum, which isolated modules cannot read, so the runtime object is read by name.
 */
const KNOWN_ARCHITECTURES = new Set<string>(
  Object.values((nodeLlamaCpp as unknown as { GgufArchitectureType: Record<string, string> }).GgufArchitectureType),
);

/**
 * Refuses a GGUF that is well-formed but cannot be chatted with, before llama.cpp sees it: an adapter
 * instead of a model, or an architecture this llama.cpp does not know. The header itself was already
 * checked by gguf-inspect (not GGUF, truncated, damaged).
 */
export async function assertChatModel(path: string): Promise<void> {
  const file = basename(path);
  const info = await readGgufFileInfo(path, { readTensorInfo: false });
  const general = info.metadata.general as { type?: string; architecture?: string } | undefined;
  if (general?.type === 'adapter') {
    throw new StudioError('bad_file', `${file}: this is a LoRA adapter, not a model; load a base model and pick the adapter in the chat's settings`);
  }
  const architecture = String(general?.architecture ?? '');
  if (architecture === '') throw new StudioError('bad_file', `${file}: the GGUF header names no architecture (general.architecture)`);
  if (!KNOWN_ARCHITECTURES.has(architecture)) {
    throw new StudioError('unsupported', `${file}: architecture "${architecture}" is not supported by the bundled llama.cpp`);
  }
}

/** Checks that a LoRA adapter file fits the loaded model's architecture. */
export async function assertAdapterFor(path: string, modelArchitecture: string): Promise<void> {
  const file = basename(path);
  let general: { type?: string; architecture?: string } | undefined;
  try {
    general = (await readGgufFileInfo(path, { readTensorInfo: false })).metadata.general as typeof general;
  } catch (error) {
    throw new StudioError('bad_file', `${file}: not a readable GGUF adapter (${(error as Error).message})`);
  }
  if (general?.type !== 'adapter') throw new StudioError('bad_file', `${file}: not a LoRA adapter (general.type is "${general?.type ?? 'missing'}")`);
  if (general.architecture !== modelArchitecture) {
    throw new StudioError('bad_file', `${file}: adapter for "${general.architecture}", but the loaded model is "${modelArchitecture}"`);
  }
}
