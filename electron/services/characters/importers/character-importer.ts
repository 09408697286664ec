import type { Character } from '../../../../shared/character/character-schema';
import type { FolderFile } from '../character-folder-writer';
import type { FileInput } from './import-source';

// The shape every character importer has. The CLI's `characters import` and the UI's Import button go
// through one registry of these, so a new format (cards, CHARX, packs) is one `register` call.

/** A file offered for import: its name (for the extension and messages), where it is, and its start. */
export interface ImportSource {
  fileName: string;
  input: FileInput;
  size: number;
  /** The first bytes, all of the file when it is small (see import-source.ts), for sniffing formats. */
  head: Uint8Array;
}

/** What the caller of `read` provides. */
export interface ImportContext {
  now: string;
  /** An empty folder beside the library for large entries; the caller removes it after the import. */
  scratch: string;
}

/** One character read from a file, with what belongs in its folder. */
export interface ImportedCharacter {
  /** id, revision and modifiedAt are replaced by the library; everything else is kept. */
  character: Character;
  avatar?: { bytes: Uint8Array };
  /** More files for the character's folder (chats, adapters, datasets), by relative path; large ones staged in the scratch folder. */
  files?: FolderFile[];
  /** What lenient reading changed or left out, for the user to hear about. */
  warnings?: string[];
}

/** A format the studio can import. */
export interface CharacterImporter {
  /** Stable id, e.g. `characterglm-official`. */
  id: string;
  /** Shown in `--help`, errors and the UI (English; the format's own name). */
  label: string;
  /** Lower-case file name endings it reads, with the dot: `.json`, `.png`, `.charx`. */
  extensions: string[];
  /** Whether this importer reads these bytes (several formats share `.json`); must not throw. */
  accepts: (source: ImportSource) => boolean;
  /** Every character in the file; throws a StudioError naming the file and field on bad input. */
  read: (source: ImportSource, context: ImportContext) => Promise<ImportedCharacter[]>;
}
