import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { characterPaths } from '../characters/character-paths';

// Where a character's adapters live, named once: adapters/<name>/ with adapter.gguf (what chat loads),
// metadata.json (what the studio knows of it) and loss-curve.json. Chat, training, models and packs all
// find adapters through here.

/** The adapters folder's name inside a character folder (packs carry it under the same name). */
export const ADAPTERS_FOLDER = 'adapters';
/** The GGUF file inside an adapter folder, as the trainer writes it. */
export const ADAPTER_GGUF = 'adapter.gguf';
/** The adapter's metadata inside its folder. */
export const ADAPTER_METADATA_FILE = 'metadata.json';
/** The training loss curve inside its folder. */
export const LOSS_CURVE_FILE = 'loss-curve.json';

const NAME = /^[^/\\\0.][^/\\\0]{0,99}$/;

/** Refuses a name that cannot be one folder inside adapters/ (a path, a dot-file, too long, padded). */
export function assertAdapterName(name: string): void {
  if (!NAME.test(name) || name.trim() !== name) throw new StudioError('invalid_input', `"${name}" is not a valid adapter name`);
}

/** The adapters folder of one character. */
export function adaptersDirOf(charactersDir: string, characterId: string): string {
  return join(characterPaths(charactersDir, characterId).dir, ADAPTERS_FOLDER);
}

/** The folder of one adapter; the name must already have passed `assertAdapterName`. */
export function adapterDirOf(adaptersDir: string, name: string): string {
  return join(adaptersDir, name);
}
