import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { importCharacterFile } from '../../services/characters/characters-handlers';
import type { CliCommand } from '../command';

/** Import files larger than this are refused before reading (the UI's cap is the same). */
const MAX_IMPORT_BYTES = 48 * 1024 * 1024;
/** Studio packs carry LoRA adapters (~60 MB for the 6B model at rank 8); the pack reader caps what is inside. */
const MAX_PACK_BYTES = 1024 * 1024 * 1024;

// The importers read archives from the file itself (streamed, capped inside); only the size is checked here.
async function checkImportFile(path: string): Promise<{ file: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new StudioError('invalid_input', `${path}: not a file`);
    const limit = path.toLowerCase().endsWith('.charx') ? MAX_PACK_BYTES : MAX_IMPORT_BYTES;
    if (info.size > limit) throw new StudioError('bad_file', `${path}: ${formatBytes(info.size)} is larger than the ${formatBytes(limit)} import limit`);
    return { file: path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `${path}: no such file`);
    throw error;
  }
}

/** `studio characters import <file>`: every character in a file, through the importer registry. */
export const charactersImportCommand: CliCommand = {
  words: ['characters', 'import'],
  summary: 'Import characters from a file (official CharacterGLM character.json, and the formats packs add)',
  usage: 'studio characters import <file>... [--json]',
  async run(ctx) {
    if (ctx.args.length === 0) throw new StudioError('invalid_input', 'which file? usage: studio characters import <file>...');
    const studio = await ctx.studio();
    // Several files: each is all or nothing; the first failure stops, naming its file.
    const all: Character[] = [];
    const warnings: string[] = [];
    const lines: string[] = [];
    for (const file of ctx.args) {
      const path = resolve(file);
      const added = await importCharacterFile(studio.services.characters, studio.services.characterImporters, basename(path), await checkImportFile(path));
      const names = added.characters.map((c) => `${c.name} (${c.id})`).join(', ');
      lines.push(`Imported ${added.characters.length} character${added.characters.length === 1 ? '' : 's'} from ${basename(path)}: ${names}`);
      lines.push(...added.warnings.map((w) => `  warning: ${w}`));
      all.push(...added.characters);
      warnings.push(...added.warnings);
    }
    ctx.result({ characters: all, warnings }, lines.join('\n'));
  },
};
