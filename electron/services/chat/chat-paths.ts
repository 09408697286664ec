import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { characterPaths } from '../characters/character-paths';

// Where a character's chats, corrections, evaluations and datasets live. Ids from the renderer are checked
// here before they become file names.

const CHAT_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A new id: sortable by time, unique enough for one writer's clicks. */
export function newId(prefix: string, now = new Date()): string {
  return `${prefix}-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Throws the user-facing error for a chat id that cannot be a file name. */
export function assertChatId(chatId: string): void {
  if (!CHAT_ID.test(chatId)) throw new StudioError('invalid_input', `"${chatId}" is not a valid chat id`);
}

/** Every path the chat service uses for one character. */
export function chatPaths(charactersDir: string, characterId: string) {
  const { dir } = characterPaths(charactersDir, characterId);
  const chatsDir = join(dir, 'chats');
  return {
    dir,
    chatsDir,
    trashDir: join(chatsDir, '.trash'),
    corrections: join(dir, 'corrections.jsonl'),
    evaluations: join(dir, 'evaluations.jsonl'),
    datasetsDir: join(dir, 'datasets'),
    /** Facts that hold in every chat with the character (see character-facts-store.ts). */
    facts: join(dir, 'facts.json'),
    chat: (chatId: string): string => {
      assertChatId(chatId);
      return join(chatsDir, `${chatId}.jsonl`);
    },
    /**
     * The chat's saved KV cache (see electron/services/runtime/kv-state-file.ts); in a scene, `place` names the
     * speaker's own (its place in the scene), beside the scene's file.
     */
    kv: (chatId: string, place?: number): string => {
      assertChatId(chatId);
      return join(chatsDir, place === undefined ? `${chatId}.kv` : `${chatId}.p${place}.kv`);
    },
    /** True for a saved KV file (or its meta) of `chatId` or of one of its scene's speakers. */
    isKvOf: (chatId: string, name: string): boolean => name.startsWith(`${chatId}.`) && /^(p\d+\.)?kv(\.json)?$/.test(name.slice(chatId.length + 1)),
  };
}
