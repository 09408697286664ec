import { charactersFromOfficialFile, looksLikeOfficialCharacterFile } from '../../../../shared/character/characterglm-official';
import { StudioError } from '../../../../shared/contract/errors';
import type { CharacterImporter, ImportSource } from './character-importer';
import { wholeFile, WHOLE_READ_BYTES } from './import-source';

function parseJson(source: ImportSource): unknown {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(wholeFile(source, WHOLE_READ_BYTES)).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StudioError('bad_file', `${source.fileName}: not valid JSON (${(error as Error).message})`);
  }
}

/** The official CharacterGLM-6B demo's character.json (a map of name → session fields). */
export const characterglmOfficialImporter: CharacterImporter = {
  id: 'characterglm-official',
  label: 'CharacterGLM character.json',
  extensions: ['.json'],
  accepts(source) {
    try {
      return looksLikeOfficialCharacterFile(parseJson(source));
    } catch {
      return false;
    }
  },
  async read(source, { now }) {
    return charactersFromOfficialFile(parseJson(source), source.fileName, now).map((character) => ({ character }));
  },
};
