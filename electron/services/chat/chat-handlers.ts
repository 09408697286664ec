import type { StudioHandlers } from '../../../shared/contract/api';
import type { ChatService } from './chat-service';
import type { ReplyOptions } from './reply-runner';
import { resolve } from 'node:path';

/** A reply's own adapter file (the CLI's --adapter), resolved on this machine. */
const replyOptions = (file: string | undefined, scale: number | undefined): ReplyOptions =>
  (file === undefined ? {} : { adapterFile: { path: resolve(file), scale: scale ?? 1 } });

/** The `chat.*` contract mapped onto the chat service. */
export function chatHandlers(chat: ChatService): StudioHandlers['chat'] {
  return {
    list: ({ characterId }) => chat.list(characterId),
    get: ({ characterId, chatId }) => chat.get(characterId, chatId),
    create: async ({ characterId, title, greeting, settings }) => {
      const created = await chat.create(characterId, title, greeting);
      return settings ? chat.setSettings(characterId, created.id, settings) : created;
    },
    createScene: (input) => chat.createScene(input),
    next: (input, emit, signal) => chat.next(input, emit, signal),
    transcript: ({ characterId, chatId, format }) => chat.transcript(characterId, chatId, format),
    rename: ({ characterId, chatId, title }) => chat.rename(characterId, chatId, title),
    remove: ({ characterId, chatId }) => chat.remove(characterId, chatId),
    restore: ({ characterId, chatId }) => chat.restore(characterId, chatId),
    branch: ({ characterId, chatId, messageId, title }) => chat.branch(characterId, chatId, messageId, title),
    send: ({ adapterFile, adapterScale, ...input }, emit, signal) => chat.send(input, emit, signal, replyOptions(adapterFile, adapterScale)),
    regenerate: ({ adapterFile, adapterScale, ...input }, emit, signal) => chat.reply(input, 'regenerate', emit, signal, replyOptions(adapterFile, adapterScale)),
    continue: ({ adapterFile, adapterScale, ...input }, emit, signal) => chat.reply(input, 'continue', emit, signal, replyOptions(adapterFile, adapterScale)),
    swipe: ({ characterId, chatId, messageId, swipe }) => chat.swipe(characterId, chatId, messageId, swipe),
    edit: ({ characterId, chatId, messageId, text }) => chat.edit(characterId, chatId, messageId, text),
    deleteMessage: ({ characterId, chatId, messageId }) => chat.deleteMessage(characterId, chatId, messageId),
    setPersona: ({ characterId, chatId, persona }) => chat.setPersona(characterId, chatId, persona),
    setSettings: ({ characterId, chatId, patch }) => chat.setSettings(characterId, chatId, patch),
    prompt: ({ characterId, chatId }) => chat.prompt(characterId, chatId),
    setFacts: ({ characterId, chatId, facts }) => chat.setFacts(characterId, chatId, facts),
    pin: ({ characterId, chatId, messageId }) => chat.pin(characterId, chatId, messageId),
    setSummary: ({ characterId, chatId, text }) => chat.setSummary(characterId, chatId, text),
    setMemorySettings: ({ characterId, chatId, settings }) => chat.setMemorySettings(characterId, chatId, settings),
    memoryStatus: ({ characterId, chatId }) => chat.memoryStatus(characterId, chatId),
    setCharacterFacts: ({ characterId, facts }) => chat.characterFacts.set(characterId, facts),
    fromMemory: ({ characterId, chatId, title }) => chat.fromMemory(characterId, chatId, title),
    compare: (input, emit, signal) => chat.compare(input, emit, signal),
    judge: (input) => chat.judge(input),
    evaluations: ({ characterId }) => chat.evaluationsView(characterId),
    corrections: ({ characterId }) => chat.correctionsView(characterId),
    editCorrection: async ({ characterId, id, corrected }) => {
      await chat.corrections.edit(characterId, id, corrected);
      return chat.correctionsView(characterId);
    },
    deleteCorrection: async ({ characterId, id }) => {
      await chat.corrections.remove(characterId, id);
      return chat.correctionsView(characterId);
    },
    exportDataset: (input) => chat.exportDataset(input),
  };
}
