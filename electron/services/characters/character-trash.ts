import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrashEntry } from '../../../shared/character/library-types';
import { StudioError } from '../../../shared/contract/errors';
import { isCharacterId, TRASH_SEPARATOR } from './character-paths';
import { readCharacterAt } from './read-character';

// Deleted characters go to `trash/characters/<id>~<ms>/` by a folder rename (atomic on one file
// system), whole — chats, corrections and adapters included — so a restore brings everything back.

/** Splits a trash folder name; null for anything that is not one of ours. */
export function parseTrashId(trashId: string): { id: string; deletedAtMs: number } | null {
  const at = trashId.lastIndexOf(TRASH_SEPARATOR);
  if (at <= 0) return null;
  const id = trashId.slice(0, at);
  const ms = trashId.slice(at + 1);
  if (!isCharacterId(id) || !/^\d{1,16}$/.test(ms)) return null;
  return { id, deletedAtMs: Number(ms) };
}

/** The trash folder of the character library. */
export class CharacterTrash {
  readonly root: string;

  constructor(trashDir: string) {
    this.root = join(trashDir, 'characters');
  }

  /** Moves a character folder into the trash. */
  async put(characterDir: string, id: string, now: Date): Promise<{ trashId: string; deletedAt: string }> {
    await mkdir(this.root, { recursive: true });
    let ms = now.getTime();
    const taken = new Set(await this.names());
    while (taken.has(`${id}${TRASH_SEPARATOR}${ms}`)) ms++;
    const trashId = `${id}${TRASH_SEPARATOR}${ms}`;
    await rename(characterDir, join(this.root, trashId));
    return { trashId, deletedAt: new Date(ms).toISOString() };
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Everything in the trash, newest first. */
  async list(): Promise<TrashEntry[]> {
    const entries: TrashEntry[] = [];
    for (const trashId of await this.names()) {
      const parsed = parseTrashId(trashId);
      if (!parsed) continue;
      const loaded = await readCharacterAt(this.root, join(this.root, trashId), parsed.id, `trash/characters/${trashId}/character.json`, '');
      const name = loaded.ok ? loaded.character.name : parsed.id;
      entries.push({ trashId, id: parsed.id, name, deletedAt: new Date(parsed.deletedAtMs).toISOString() });
    }
    return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** The folder of a trash entry, checked to exist. */
  async folderOf(trashId: string): Promise<{ dir: string; id: string }> {
    const parsed = parseTrashId(trashId);
    if (!parsed || !(await this.names()).includes(trashId)) throw new StudioError('not_found', `nothing called "${trashId}" in the trash`);
    return { dir: join(this.root, trashId), id: parsed.id };
  }

  /** Deletes a trash entry for good. */
  async purge(trashId: string): Promise<void> {
    const { dir } = await this.folderOf(trashId);
    await rm(dir, { recursive: true, force: true });
  }
}
