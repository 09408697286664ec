import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Character } from '../../../shared/character/character-schema';
import { CharacterLibrary } from '../characters/character-library';
import { ChatEngine } from '../runtime/chat-engine';
import type { LlamaRuntime } from '../runtime/llama-runtime';
import { tinyRuntime } from '../runtime/test-runtime';
import { ChatService } from './chat-service';

/**
 * A chat service on a fresh library with one character and the tiny model: the real services, for tests
 * (through useChatTestStudios, which closes them). `close` must run before the library's folder is removed: a reply resolves before the engine saves its KV
 * state beside the chat, and a summary is written in the background after it, so either may still be writing
 * into the chats folder when a test ends (removing it then failed with ENOTEMPTY).
 */
async function chatTestStudio(dir: string, runtime?: LlamaRuntime, contextSize = 1024): Promise<{
  chat: ChatService; engine: ChatEngine; runtime: LlamaRuntime; characters: CharacterLibrary; character: Character;
  close: () => Promise<void>;
}> {
  const rt = runtime ?? (await tinyRuntime(dir)).runtime;
  const characters = new CharacterLibrary(join(dir, 'characters'), join(dir, 'trash'));
  const existing = (await characters.list())[0];
  const character = existing
    ? await characters.get(existing.id)
    : await characters.create({
        name: '苏梦远', language: 'zh', greeting: '你好呀！今天想聊点什么？', alternateGreetings: ['嗨，又见面了。'],
        attributes: { identity: '当红歌手', interests: ['音乐', '旅行'] } as Character['attributes'],
        user: { name: '小林', info: '一名大学生' },
      });
  const engine = new ChatEngine(rt, { contextSize });
  const chat = new ChatService({ charactersDir: join(dir, 'characters'), characters, engine, ensureModel: async () => ({ kind: 'local' as const, info: rt.currentModel()!.info }) });
  const close = async (): Promise<void> => {
    await chat.close();
    await engine.dispose();
    if (!runtime) await rt.dispose();
  };
  return { chat, engine, runtime: rt, characters, character, close };
}

/**
 * `chatTestStudio` for a test file: every studio it opens is closed after each test, before the temp folders
 * go (call it after `useTempDir`: vitest runs the later afterEach first), the last opened first, since a later
 * one may run on an earlier one's runtime.
 */
export function useChatTestStudios(): typeof chatTestStudio {
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const s of open.splice(0).reverse()) await s.close();
  });
  return async (...args) => {
    const s = await chatTestStudio(...args);
    open.push(s);
    return s;
  };
}
