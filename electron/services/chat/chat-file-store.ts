import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chatRecordSchema, type ChatHeaderRecord, type ChatRecord, type ChatRecordInput } from '../../../shared/chat/chat-records';
import { reduceChat, summarizeChat, type ChatState, type ChatSummary } from '../../../shared/chat/chat-state';
import { StudioError, type UnsavedChange } from '../../../shared/contract/errors';
import { FileError } from '../fs/file-error';
import { realPathInside } from '../paths/library-path';
import { appendJsonl, readJsonl } from './jsonl-file';
import { assertChatId, chatPaths } from './chat-paths';
import { KeyedQueue } from '../fs/keyed-queue';
import { readLibraryText, writeLibraryFile } from '../fs/library-files';
import { z } from 'zod';

/** A scene's entry in a participant's chats folder (`<sceneId>.scene`): the scene lives with its host's chats. */
const sceneLinkSchema = z.object({ host: z.string().min(1).max(120) }).strict();
const SCENE_LINK = '.scene';

/** What an append saves, for the message when it could not be saved. */
export type ChatChange = 'your message' | 'the reply' | 'the new chat' | 'the change';

/** What the renderer words for each change (the user's own message goes back to the composer). */
const UNSAVED_KIND: Record<ChatChange, UnsavedChange['change']> = {
  'your message': 'message', 'the reply': 'reply', 'the new chat': 'change', 'the change': 'change',
};

/**
 * A failed append in the chat's own words: `chat "Tea house": the disk is full (ENOSPC); the reply was not
 * saved`, with what was lost and the OS code as data for the renderer's sentence in the UI language.
 */
function notSaved(title: string, error: unknown, change: ChatChange): unknown {
  if (!(error instanceof FileError)) return error;
  return new StudioError('failed', `chat "${title}": ${error.reason}; ${change} was not saved`, undefined, {
    unsaved: { change: UNSAVED_KIND[change], osCode: error.osCode },
  });
}

/**
 * Chat files of every character: list, read (rebuilding the chat from its records), append, create,
 * delete to the chat trash and restore. Every change to one file goes through one queue.
 */
export class ChatStore {
  private readonly queue = new KeyedQueue();

  constructor(private readonly charactersDir: string) {}

  paths(characterId: string): ReturnType<typeof chatPaths> {
    return chatPaths(this.charactersDir, characterId);
  }

  private async readRecords(characterId: string, chatId: string): Promise<{ records: ChatRecord[]; problems: string[] }> {
    const file = this.paths(characterId).chat(chatId);
    const { records, problems } = await readJsonl(this.charactersDir, file, chatRecordSchema);
    if (records[0]?.t !== 'chat') {
      if (records.length === 0 && problems.length === 0) throw new StudioError('not_found', `no chat "${chatId}" for character ${characterId}`);
      throw new StudioError('bad_file', `${file}: the first line is not a chat header${problems.length ? ` (${problems.join('; ')})` : ''}`);
    }
    // A scene lives with its host, the first of its characters: every reply, link and branch relies on it.
    const host = records[0].scene?.participants[0];
    if (host !== undefined && host !== characterId) {
      throw new StudioError('bad_file', `${file}: a scene in ${characterId}'s chats names ${host} as its first character (its host)`);
    }
    return { records, problems };
  }

  /** The chat as it is on disk (a reply still streaming shows as interrupted unless `live`). */
  read(characterId: string, chatId: string, live = false): Promise<ChatState> {
    return this.queue.run(`${characterId}/${chatId}`, async () => {
      const { records, problems } = await this.readRecords(characterId, chatId);
      return reduceChat(records, problems, !live);
    });
  }

  /**
   * Appends records (validated first, so nothing malformed reaches the file) and returns the chat. When
   * the disk refuses them the file stays as it was and the error names the chat and `change`.
   */
  append(characterId: string, chatId: string, records: readonly ChatRecordInput[], change: ChatChange = 'the change'): Promise<ChatState> {
    const parsed = records.map((r) => chatRecordSchema.parse(r));
    return this.queue.run(`${characterId}/${chatId}`, async () => {
      const { records: before, problems } = await this.readRecords(characterId, chatId);
      try {
        await appendJsonl(this.charactersDir, this.paths(characterId).chat(chatId), parsed);
      } catch (error) {
        throw notSaved(reduceChat(before, problems).title, error, change);
      }
      return reduceChat([...before, ...parsed], problems);
    });
  }

  /** Writes a new chat file with its header and first messages. */
  async create(header: ChatHeaderRecord, records: readonly ChatRecordInput[]): Promise<ChatState> {
    const paths = this.paths(header.characterId);
    await mkdir(paths.chatsDir, { recursive: true });
    const file = paths.chat(header.id);
    const parsed = [chatRecordSchema.parse(header), ...records.map((r) => chatRecordSchema.parse(r))];
    await this.queue.run(`${header.characterId}/${header.id}`, async () => {
      try {
        await appendJsonl(this.charactersDir, file, parsed);
      } catch (error) {
        // A failed append leaves an empty file (the id is new); without its header it would list as a broken chat.
        if (error instanceof FileError) await rm(file, { force: true });
        throw notSaved(header.title, error, 'the new chat');
      }
    });
    return reduceChat(parsed);
  }

  /** Takes a scene's link out of `characterId`'s chats (a scene that could not be made whole). */
  async unlink(characterId: string, chatId: string): Promise<void> {
    assertChatId(chatId);
    await rm(join(this.paths(characterId).chatsDir, `${chatId}${SCENE_LINK}`), { force: true });
  }

  /** Lists a scene hosted by another character among `characterId`'s chats. */
  async link(characterId: string, hostId: string, chatId: string): Promise<void> {
    const paths = this.paths(characterId);
    await mkdir(paths.chatsDir, { recursive: true });
    assertChatId(chatId);
    await writeLibraryFile(this.charactersDir, join(paths.chatsDir, `${chatId}${SCENE_LINK}`), JSON.stringify({ host: hostId }));
  }

  /** The scene a link names, or null when it is gone (deleted with its host, or in the host's trash). */
  private async linked(characterId: string, chatId: string): Promise<ChatSummary | null> {
    const paths = this.paths(characterId);
    const file = join(paths.chatsDir, `${chatId}${SCENE_LINK}`);
    const link = sceneLinkSchema.safeParse(JSON.parse(await readLibraryText(this.charactersDir, file)));
    if (!link.success) throw new StudioError('bad_file', `${file}: not a scene link`);
    // A character's own scenes are its chat files; a link to itself would list one twice.
    if (link.data.host === characterId) return null;
    let scene: ChatState;
    try {
      scene = await this.read(link.data.host, chatId);
    } catch (error) {
      if (error instanceof StudioError && error.code === 'not_found') return null;
      throw error;
    }
    return scene.scene?.participants.includes(characterId) ? summarizeChat(scene) : null;
  }

  /** Every chat of a character and every scene it is in, newest activity first; unreadable files are listed with their problem. */
  async list(characterId: string): Promise<ChatSummary[]> {
    const chatsDir = await realPathInside(this.charactersDir, this.paths(characterId).chatsDir);
    let names: string[];
    try {
      names = (await readdir(chatsDir)).filter((n) => (n.endsWith('.jsonl') || n.endsWith(SCENE_LINK)) && !n.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const rows = await Promise.all(
      names.map(async (name): Promise<ChatSummary | null> => {
        const isLink = name.endsWith(SCENE_LINK);
        const chatId = name.slice(0, -(isLink ? SCENE_LINK : '.jsonl').length);
        try {
          return isLink ? await this.linked(characterId, chatId) : summarizeChat(await this.read(characterId, chatId));
        } catch (error) {
          return { id: chatId, title: chatId, createdAt: '', updatedAt: '', messageCount: 0, preview: '', branchedFrom: null, problem: (error as Error).message };
        }
      }),
    );
    // One row per id: a chat file of the character wins over a link of the same name.
    const own = new Set(names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)));
    return rows
      .filter((row, i): row is ChatSummary => row !== null && (names[i]!.endsWith('.jsonl') || !own.has(row.id)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Moves a chat (and its saved KV state) into the chat trash, from where `restore` brings it back. */
  remove(characterId: string, chatId: string): Promise<void> {
    const paths = this.paths(characterId);
    return this.queue.run(`${characterId}/${chatId}`, async () => {
      await this.readRecords(characterId, chatId);
      await mkdir(paths.trashDir, { recursive: true });
      await rename(paths.chat(chatId), join(paths.trashDir, `${chatId}.jsonl`));
      // A scene keeps one KV state per speaker beside it (chat-paths.ts kv).
      const states = (await readdir(paths.chatsDir)).filter((n) => paths.isKvOf(chatId, n));
      await Promise.all(states.map((n) => rm(join(paths.chatsDir, n), { force: true })));
    });
  }

  restore(characterId: string, chatId: string): Promise<void> {
    const paths = this.paths(characterId);
    return this.queue.run(`${characterId}/${chatId}`, async () => {
      try {
        await rename(join(paths.trashDir, `${chatId}.jsonl`), paths.chat(chatId));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `chat "${chatId}" is not in the trash`);
        throw error;
      }
    });
  }
}
