import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARACTER_SCHEMA_VERSION, characterSchema, type Character } from '../../../shared/character/character-schema';
import { summarize, type CharacterSummary } from '../../../shared/character/character-summary';
import type { CharactersChange, TrashEntry } from '../../../shared/character/library-types';
import { newCharacter, type NewCharacterFields } from '../../../shared/character/new-character';
import { StudioError, studioErrorAt } from '../../../shared/contract/errors';
import { slugify } from '../../../shared/text/slug';
import { formatIssues } from '../../../shared/validation/format-issues';
import { readLibraryFile, writeLibraryFile } from '../fs/library-files';
import { mediaTypeForAvatar, sniffAvatar } from './avatar-image';
import { createCharacterFolder } from './character-folder-writer';
import { characterPaths, isCharacterId } from './character-paths';
import { CharacterTrash } from './character-trash';
import type { ImportedCharacter } from './importers/character-importer';
import { readCharacter, type LoadedCharacter } from './read-character';
import { SerialQueue } from './serial-queue';
import { writeCharacterFile, writeMigrationBackup } from './write-character';

/** A new character's fields, before the library gives it an id and times. */
export type CharacterFields = Omit<NewCharacterFields, 'id' | 'now'>;

const COPY_SUFFIX = { zh: '（副本）', en: ' (copy)' } as const;

/**
 * The character library: one folder per character under `charactersDir`. Every write is atomic and
 * serialised; a folder it cannot understand is listed with its problem and never written to.
 */
export class CharacterLibrary {
  readonly trash: CharacterTrash;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(change: CharactersChange) => void>();

  constructor(
    readonly charactersDir: string,
    trashDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.trash = new CharacterTrash(trashDir);
  }

  onChange(listener: (change: CharactersChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(kind: CharactersChange['kind'], ids: string[]): void {
    for (const listener of this.listeners) listener({ kind, ids });
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private async folderNames(): Promise<string[]> {
    try {
      const entries = await readdir(this.charactersDir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && isCharacterId(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Every character folder, loadable or not (problem rows say what is wrong). */
  async list(): Promise<CharacterSummary[]> {
    const now = this.now();
    const loaded = await Promise.all((await this.folderNames()).map((id) => readCharacter(this.charactersDir, id, now)));
    return loaded.map((l) =>
      l.ok
        ? summarize(l.character)
        : { id: l.id, name: l.id, nickname: '', tags: [], language: 'zh', hasAvatar: false, revision: 0, createdAt: '', modifiedAt: '', problem: l.problem },
    );
  }

  private async load(id: string): Promise<LoadedCharacter> {
    const loaded = await readCharacter(this.charactersDir, id, this.now());
    if (loaded.ok) return loaded;
    if (loaded.problem.endsWith('is missing') && !(await this.folderNames()).includes(id)) {
      throw new StudioError('not_found', `no character with id "${id}"`);
    }
    throw studioErrorAt('bad_file', { file: loaded.file }, `${loaded.problem} (left untouched)`);
  }

  async get(id: string): Promise<Character> {
    return (await this.load(id)).character;
  }

  /** A character by id or exact name, as the CLI takes it. */
  async resolve(ref: string): Promise<Character> {
    if (isCharacterId(ref) && (await this.folderNames()).includes(ref)) return this.get(ref);
    const named = (await this.list()).filter((c) => !c.problem && (c.name === ref || c.nickname === ref));
    if (named.length === 1) return this.get(named[0]!.id);
    if (named.length > 1) throw new StudioError('conflict', `several characters are called "${ref}": ${named.map((c) => c.id).join(', ')}; use an id`);
    throw new StudioError('not_found', `no character with id or name "${ref}"`);
  }

  /** `base`, or `base-2`… — compared case-insensitively, as macOS and Windows file systems do. */
  private async freeId(base: string): Promise<string> {
    const taken = new Set((await this.folderNames()).map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!taken.has(id.toLowerCase())) return id;
    }
  }

  /** A new character from fields (blank template, example, import). */
  async create(fields: CharacterFields): Promise<Character> {
    const character = await this.queue.run(async () => {
      const created = newCharacter({ ...fields, id: await this.freeId(slugify(fields.name, 'character')), now: this.now(), revision: 0, avatar: null });
      await createCharacterFolder(this.charactersDir, created);
      return created;
    });
    this.changed('created', [character.id]);
    return character;
  }

  /**
   * Saves an edited character. `character.revision` must be the revision it was loaded at; the saved
   * one gets the next. Avatar and creation time stay as on disk (setAvatar changes the avatar).
   */
  async save(character: Character): Promise<Character> {
    const saved = await this.queue.run(async () => {
      const stored = await this.load(character.id);
      if (stored.character.revision !== character.revision) {
        throw new StudioError(
          'conflict',
          `${stored.character.name} was changed elsewhere (revision ${stored.character.revision} on disk, ${character.revision} here); reopen it to continue`,
        );
      }
      const parsed = characterSchema.safeParse({
        ...character,
        schemaVersion: CHARACTER_SCHEMA_VERSION,
        revision: stored.character.revision + 1,
        avatar: stored.character.avatar,
        createdAt: stored.character.createdAt,
        modifiedAt: this.now(),
      });
      if (!parsed.success) throw new StudioError('invalid_input', `${character.id}: ${formatIssues(parsed.error)}`);
      await this.write(stored, parsed.data);
      return parsed.data;
    });
    this.changed('saved', [saved.id]);
    return saved;
  }

  private async write(stored: LoadedCharacter, next: Character): Promise<void> {
    const { dir } = characterPaths(this.charactersDir, next.id);
    if (stored.fromVersion < CHARACTER_SCHEMA_VERSION) await writeMigrationBackup(this.charactersDir, dir, stored.fromVersion, stored.text);
    await writeCharacterFile(this.charactersDir, dir, next, stored.unknownFields);
  }

  /** A copy with a new id and name, its avatar included; chats and adapters stay with the original. */
  async duplicate(id: string): Promise<Character> {
    const copy = await this.queue.run(async () => {
      const { character } = await this.load(id);
      const name = `${character.name}${COPY_SUFFIX[character.language]}`.slice(0, 200);
      const newId = await this.freeId(slugify(name, 'character'));
      const now = this.now();
      const next: Character = { ...character, id: newId, name, revision: 0, createdAt: now, modifiedAt: now };
      const avatar = character.avatar
        ? { fileName: character.avatar, bytes: await readLibraryFile(this.charactersDir, join(characterPaths(this.charactersDir, id).dir, character.avatar)) }
        : undefined;
      await createCharacterFolder(this.charactersDir, next, { avatar });
      return next;
    });
    this.changed('created', [copy.id]);
    return copy;
  }

  /** Sets the avatar from image bytes (checked to be an image and capped in size). */
  async setAvatar(id: string, bytes: Uint8Array, source: string): Promise<Character> {
    const { extension } = sniffAvatar(bytes, source);
    const saved = await this.queue.run(async () => {
      const stored = await this.load(id);
      const { dir } = characterPaths(this.charactersDir, id);
      const fileName = `avatar.${extension}`;
      await writeLibraryFile(this.charactersDir, join(dir, fileName), bytes);
      const next = { ...stored.character, avatar: fileName, revision: stored.character.revision + 1, modifiedAt: this.now() };
      await this.write(stored, next);
      if (stored.character.avatar && stored.character.avatar !== fileName) await rm(join(dir, stored.character.avatar), { force: true });
      return next;
    });
    this.changed('saved', [id]);
    return saved;
  }

  async removeAvatar(id: string): Promise<Character> {
    const saved = await this.queue.run(async () => {
      const stored = await this.load(id);
      const next = { ...stored.character, avatar: null, revision: stored.character.revision + 1, modifiedAt: this.now() };
      await this.write(stored, next);
      if (stored.character.avatar) await rm(join(characterPaths(this.charactersDir, id).dir, stored.character.avatar), { force: true });
      return next;
    });
    this.changed('saved', [id]);
    return saved;
  }

  /** The avatar's bytes and type, or null when the character has none. */
  async readAvatar(id: string): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    const { character } = await this.load(id);
    if (!character.avatar) return null;
    try {
      const file = join(characterPaths(this.charactersDir, id).dir, character.avatar);
      return { mediaType: mediaTypeForAvatar(character.avatar), bytes: await readLibraryFile(this.charactersDir, file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Adds imported characters; all or nothing (folders made before a failure are removed again). */
  async addImported(items: ImportedCharacter[], source: string): Promise<Character[]> {
    const added = await this.queue.run(async () => {
      const done: Character[] = [];
      try {
        for (const item of items) {
          const now = this.now();
          const avatarType = item.avatar ? sniffAvatar(item.avatar.bytes, `${source}: ${item.character.name}: avatar`) : null;
          const character: Character = {
            ...item.character,
            id: await this.freeId(slugify(item.character.name, 'character')),
            revision: 0,
            modifiedAt: now,
            avatar: avatarType ? `avatar.${avatarType.extension}` : null,
          };
          const avatar = item.avatar && character.avatar ? { fileName: character.avatar, bytes: item.avatar.bytes } : undefined;
          await createCharacterFolder(this.charactersDir, character, { avatar, files: item.files });
          done.push(character);
        }
      } catch (error) {
        for (const c of done) await rm(characterPaths(this.charactersDir, c.id).dir, { recursive: true, force: true });
        throw error;
      }
      return done;
    });
    this.changed('imported', added.map((c) => c.id));
    return added;
  }

  /** Moves a character (loadable or not) with everything in its folder to the trash. */
  async delete(id: string): Promise<TrashEntry> {
    const entry = await this.queue.run(async () => {
      if (!(await this.folderNames()).includes(id)) throw new StudioError('not_found', `no character with id "${id}"`);
      const loaded = await readCharacter(this.charactersDir, id, this.now());
      const { trashId, deletedAt } = await this.trash.put(characterPaths(this.charactersDir, id).dir, id, this.clock());
      return { trashId, id, name: loaded.ok ? loaded.character.name : id, deletedAt };
    });
    this.changed('deleted', [id]);
    return entry;
  }

  /** Brings a trashed character back, under its old id when that is still free. */
  async restore(trashId: string): Promise<CharacterSummary> {
    const restored = await this.queue.run(async () => {
      const { dir, id } = await this.trash.folderOf(trashId);
      // The folder name is the id (a stale id inside the file is corrected on load and on the next save).
      const newId = await this.freeId(id);
      await rename(dir, characterPaths(this.charactersDir, newId).dir);
      return (await this.list()).find((c) => c.id === newId)!;
    });
    this.changed('restored', [restored.id]);
    return restored;
  }

  /** Deletes a trash entry for good. */
  async purge(trashId: string): Promise<void> {
    await this.queue.run(() => this.trash.purge(trashId));
    this.changed('purged', []);
  }
}
