import { EXAMPLE_CHARACTERS } from '../../../shared/character/examples/index';
import type { StudioHandlers } from '../../../shared/contract/api';
import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import type { UploadStore } from '../packs/upload-store';
import type { LlamaRuntime } from '../runtime/llama-runtime';
import type { CharacterLibrary } from './character-library';
import { withImportScratch } from './importers/import-scratch';
import { importSource, type FileInput } from './importers/import-source';
import type { ImporterRegistry } from './importers/importer-registry';
import { promptPreviewFor } from './prompt-preview-service';

const fromBase64 = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));

/** Imports a file (its bytes, or a file on disk) through the registry into the library; shared by the UI and the CLI. */
export async function importCharacterFile(
  library: CharacterLibrary, importers: ImporterRegistry, fileName: string, input: Uint8Array | FileInput,
): Promise<{ characters: Character[]; warnings: string[] }> {
  const source = await importSource(fileName, input instanceof Uint8Array ? { bytes: input } : input);
  const importer = importers.importerFor(source);
  // Archive entries are staged beside the library and moved into the new folder; the scratch goes after.
  return withImportScratch(library.charactersDir, async (scratch) => {
    const items = await importer.read(source, { now: new Date().toISOString(), scratch });
    if (items.length === 0) throw new StudioError('bad_file', `${fileName}: no characters in the file`);
    const characters = await library.addImported(items, fileName);
    const warnings = items.flatMap((item) => (item.warnings ?? []).map((w) => `${fileName}: ${item.character.name}: ${w}`));
    return { characters, warnings };
  });
}

/** The characters domain of the contract, mapped onto the library, the importers and the runtime. */
export function charactersHandlers(
  library: CharacterLibrary,
  importers: ImporterRegistry,
  runtime: Pick<LlamaRuntime, 'currentModel'>,
  uploads: Pick<UploadStore, 'take'>,
): StudioHandlers['characters'] {
  const importFile = (fileName: string, input: Uint8Array | FileInput) => importCharacterFile(library, importers, fileName, input);
  return {
    list: () => library.list(),
    get: ({ id }) => library.get(id),
    create: async (input) => {
      if (input.template === 'blank') return library.create({ name: input.name, language: input.language });
      const example = EXAMPLE_CHARACTERS.find((e) => e.exampleId === input.exampleId);
      if (!example) throw new StudioError('not_found', `no example character "${input.exampleId}"`);
      return library.create(example.fields);
    },
    examples: async () => EXAMPLE_CHARACTERS.map((e) => ({ exampleId: e.exampleId, name: e.fields.name, language: e.fields.language ?? 'zh' })),
    save: ({ character }) => library.save(character),
    duplicate: ({ id }) => library.duplicate(id),
    delete: ({ id }) => library.delete(id),
    trash: () => library.trash.list(),
    restore: ({ trashId }) => library.restore(trashId),
    purge: ({ trashId }) => library.purge(trashId),
    setAvatar: ({ id, fileName, dataBase64 }) => library.setAvatar(id, fromBase64(dataBase64), fileName || 'pasted image'),
    removeAvatar: ({ id }) => library.removeAvatar(id),
    avatar: async ({ id }) => {
      const avatar = await library.readAvatar(id);
      return avatar && { mediaType: avatar.mediaType, dataBase64: Buffer.from(avatar.bytes).toString('base64') };
    },
    importFormats: async () => importers.formats(),
    import: async (input) => {
      // Large files arrive in pieces first (packs.uploadBegin/uploadChunk) and are imported by upload id.
      const { characters, warnings } = await ('uploadId' in input
        ? uploads.take(input.uploadId, ({ fileName, file }) => importFile(fileName, { file }))
        : importFile(input.fileName, fromBase64(input.dataBase64)));
      const all = await library.list();
      return { characters: characters.map((c) => all.find((s) => s.id === c.id)!).filter(Boolean), warnings };
    },
    preview: async ({ character, userMessage, persona }) => promptPreviewFor(runtime, character, userMessage, persona),
  };
}
