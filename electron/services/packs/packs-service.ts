import type { CharacterSummary } from '../../../shared/character/character-summary';
import type { CardAssetInfo, PackImportResult } from '../../../shared/contract/domains/packs';
import { toWireError } from '../../../shared/contract/errors';
import type { CharacterLibrary } from '../characters/character-library';
import { characterPaths } from '../characters/character-paths';
import { withImportScratch } from '../characters/importers/import-scratch';
import { importSource, type FileInput } from '../characters/importers/import-source';
import { createLibraryBackup, restoreLibraryBackup } from './library-backup';
import { importCardFile, type InstalledModels } from './card-import';
import { listCharacterAssets } from './character-assets';
import { exportCharacter, type ExportedFile, type ExportFormat } from './export-character';
import { PACK_LIMITS, type PackLimits } from './pack-limits';
import { UploadStore } from './upload-store';

// Character cards, CHARX files and studio packs in and out of the library, and whole-library backups.
// Each imported file is its own all-or-nothing step: one broken file is reported by name and the
// others still come in.

/** Options of the packs service. */
export interface PacksOptions {
  studioVersion: string;
  /** Where uploads in pieces wait for their import; emptied at start (see upload-store.ts). */
  uploadsDir: string;
  installedModels?: InstalledModels;
  limits?: PackLimits;
  clock?: () => Date;
}

/** Imports and exports cards and packs through the character library. */
export class PacksService {
  /** Large files arriving in pieces from the browser. */
  readonly uploads: UploadStore;
  private readonly limits: PackLimits;
  private readonly clock: () => Date;

  constructor(
    private readonly library: CharacterLibrary,
    private readonly options: PacksOptions,
  ) {
    this.uploads = new UploadStore(options.uploadsDir);
    this.limits = options.limits ?? PACK_LIMITS;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Imports each file (PNG/JSON card, CHARX, pack) as one character. */
  async importFiles(files: readonly ({ fileName: string } & FileInput)[]): Promise<PackImportResult> {
    const result: PackImportResult = { imported: [], failed: [] };
    for (const file of files) {
      try {
        await this.importFile(file.fileName, 'file' in file ? { file: file.file } : { bytes: file.bytes }, result);
      } catch (error) {
        result.failed.push({ fileName: file.fileName, message: toWireError(error).message });
      }
    }
    return result;
  }

  private importFile(fileName: string, input: FileInput, result: PackImportResult): Promise<void> {
    // Archive entries are staged beside the library and moved into the new folder; the scratch goes after.
    return withImportScratch(this.library.charactersDir, async (scratch) => {
      const source = await importSource(fileName, input);
      const read = await importCardFile(source, { now: this.clock().toISOString(), limits: this.limits, installedModels: this.options.installedModels, scratch });
      const [character] = await this.library.addImported([read.item], fileName);
      result.imported.push({
        fileName,
        format: read.format,
        id: character!.id,
        name: character!.name,
        files: read.item.files?.length ?? 0,
        warnings: read.warnings,
        missingBaseModels: read.missingBaseModels,
      });
    });
  }

  /** A character (by id or exact name) exported as bytes. */
  async export(ref: string, format: ExportFormat): Promise<ExportedFile> {
    const character = await this.library.resolve(ref);
    const { dir } = characterPaths(this.library.charactersDir, character.id);
    return exportCharacter(format, { character, dir, now: this.clock().toISOString(), studioVersion: this.options.studioVersion, limits: this.limits });
  }

  /** The assets of a character's card, for the editor's gallery. */
  async assets(ref: string): Promise<CardAssetInfo[]> {
    const character = await this.library.resolve(ref);
    return listCharacterAssets(character, characterPaths(this.library.charactersDir, character.id).dir);
  }

  /** Every character folder in one archive. */
  async backup(): Promise<{ fileName: string; bytes: Uint8Array; characters: number }> {
    return createLibraryBackup(this.library.charactersDir, { now: this.clock(), studioVersion: this.options.studioVersion });
  }

  /** Drops unfinished uploads (on shutdown). */
  dispose(): Promise<void> {
    return this.uploads.dispose();
  }

  /** Adds every character of a backup to the library (all or nothing). */
  async restore(fileName: string, input: FileInput): Promise<CharacterSummary[]> {
    const added = await withImportScratch(this.library.charactersDir, async (scratch) =>
      this.library.addImported(await restoreLibraryBackup(input, fileName, this.limits, scratch), fileName));
    const all = await this.library.list();
    return added.map((c) => all.find((s) => s.id === c.id)).filter((s): s is CharacterSummary => s !== undefined);
  }
}
