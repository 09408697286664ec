import { StudioError } from '../../../../shared/contract/errors';
import type { CharacterImporter, ImportSource } from './character-importer';

/** The importers the studio knows, picked by file ending and then by each importer's own check. */
export class ImporterRegistry {
  private readonly importers: CharacterImporter[] = [];

  register(importer: CharacterImporter): void {
    if (this.importers.some((i) => i.id === importer.id)) throw new Error(`importer "${importer.id}" is registered twice`);
    this.importers.push(importer);
  }

  /** Formats for help texts and the file picker's accept list. */
  formats(): { id: string; label: string; extensions: string[] }[] {
    return this.importers.map(({ id, label, extensions }) => ({ id, label, extensions }));
  }

  /**
   * The importer for a file, or an error that names the file and lists what is supported. When exactly
   * one importer reads this file ending, it gets the file anyway, so its own error says what is wrong
   * inside (a broken JSON line, a missing field) rather than a vague "unknown format".
   */
  importerFor(source: ImportSource): CharacterImporter {
    const name = source.fileName.toLowerCase();
    const byEnding = this.importers.filter((i) => i.extensions.some((ext) => name.endsWith(ext)));
    const found = byEnding.find((i) => i.accepts(source)) ?? (byEnding.length === 1 ? byEnding[0] : undefined);
    if (found) return found;
    const known = this.formats().map((f) => `${f.label} (${f.extensions.join(', ')})`).join('; ');
    const why = byEnding.length === 0 ? 'unsupported file type' : 'the content is not in a format the studio can import';
    throw new StudioError('unsupported', `${source.fileName}: ${why}; supported: ${known}`);
  }
}
