import i18next from 'i18next';
import { create } from 'zustand';
import type { Persona } from '../../../shared/chat/chat-records';
import type { ChatMessage, ChatState, ChatSummary } from '../../../shared/chat/chat-state';
import type { StreamHandle } from '../../../shared/contract/api';
import type { ChatPacket, ChatPrompt, ChatReplyResult } from '../../../shared/contract/domains/chat';
import type { ReplyResult } from '../../../shared/runtime/generation';
import type { GenerationSettingsPatch } from '../../../shared/runtime/sampler-schema';
import { studio } from '../../transport/studio-client';
import type { StreamingReply } from './display-messages';
import { errorGuard } from '../../app/error-guard';
import { chatErrorLine } from './save-failure';
import { chatHost } from './scene/scene-cast';
import { startTalkLoop, type TalkLoop } from './scene/talk-loop';

// The open chat of one character: its list of chats, the chat itself, and the reply being streamed.
// Streams carry only new text; the saved chat comes back once the reply is done. A message the studio
// could not save (disk full…) is handed back to the composer, so the user's text is never lost.
// A scene is a chat of its host character, listed by every character in it: requests about the open
// chat name the chat's own character (the host), the list is the picked character's.

const t = (key: string, values?: Record<string, string>): string => i18next.t(key, { ns: 'chat', ...values });
const errorLine = (error: unknown): string => chatErrorLine(error, t);

/** What New scene asks the studio for. */
export type SceneRequest = Parameters<typeof studio.chat.createScene>[0];

interface ChatStoreState {
  characterId: string | null;
  chats: ChatSummary[];
  chat: ChatState | null;
  sentUser: ChatMessage | null;
  streaming: StreamingReply | null;
  /** What the last reply's prompt looked like (tokens, turns out of the window, restored KV state). */
  promptInfo: { promptTokens: number; droppedTurns: number; restoredState: boolean } | null;
  lastReply: ReplyResult | null;
  /** True from the moment a reply is asked for until it is saved (or failed). */
  pending: boolean;
  /** Replies finished (or failed) since the pane opened; tests and the UI wait on it. */
  repliesDone: number;
  prompt: ChatPrompt | null;
  error: string | null;
  /** The text of a message that was not saved, for the composer to take back. */
  unsent: string | null;
  /** Runs before each reply is asked for (the editor saves its draft first). */
  beforeReply: (() => Promise<void>) | null;
  /** The last deleted chat (and the character whose chats hold it), for Undo. */
  deleted: { id: string; title: string; host: string } | null;
  /** "Let them talk" in progress: turns ended so far of how many. */
  talking: { played: number; turns: number } | null;
  open: (characterId: string, chatId?: string) => Promise<void>;
  select: (chatId: string) => Promise<void>;
  newChat: (title?: string) => Promise<void>;
  /** Creates a scene and opens it; false when it could not be made (the error line says why). */
  newScene: (scene: SceneRequest) => Promise<boolean>;
  rename: (chatId: string, title: string) => Promise<void>;
  remove: (chatId: string) => Promise<void>;
  undoRemove: () => Promise<void>;
  /** Sends the user's line; in a scene `speaker` answers, and a "Let them talk" or a reply on its way ends first. */
  send: (text: string, speaker?: string) => Promise<void>;
  /** In a scene: one more line, by `speaker` or whoever the scene picks. */
  next: (speaker?: string) => Promise<void>;
  /** In a scene: `turns` lines one after another, until they are played or stopped. */
  talk: (turns: number) => Promise<void>;
  regenerate: () => Promise<void>;
  continueReply: () => Promise<void>;
  /** Stops the reply being written and a "Let them talk". */
  stop: () => void;
  swipe: (messageId: string, swipe: number) => Promise<void>;
  edit: (messageId: string, text: string) => Promise<boolean>;
  deleteMessage: (messageId: string) => Promise<void>;
  branch: (messageId: string) => Promise<void>;
  setPersona: (persona: Persona | null) => Promise<void>;
  setSettings: (patch: GenerationSettingsPatch) => Promise<void>;
  showPrompt: () => Promise<void>;
  hidePrompt: () => void;
  replaceChat: (chat: ChatState) => void;
  clearError: () => void;
  /** The composer took `unsent` back. */
  clearUnsent: () => void;
}


/** The open chat as requests name it: its own character (a scene's host) and its id. */
export function openChatRef(): { characterId: string; chatId: string } {
  const chat = useChat.getState().chat;
  if (!chat) throw new Error('no chat is open');
  return { characterId: chat.characterId, chatId: chat.id };
}

/** The chat pane's state; one open chat at a time, shared by the side pane and the Chat section. */
export const useChat = create<ChatStoreState>((set, get) => {
  let handle: StreamHandle<ChatReplyResult> | null = null;
  /** The reply stream in progress (send, next…), to wait for before the user steps in. */
  let running: Promise<ReplyResult | null> | null = null;
  let loop: TalkLoop | null = null;
  let opening: Promise<void> = Promise.resolve();

  const refreshList = async (): Promise<void> => {
    const characterId = get().characterId;
    if (characterId) set({ chats: await studio.chat.list({ characterId }) });
  };

  const guard = errorGuard(set, errorLine);

  /** The character whose chats hold `chatId` in the open list. */
  const hostOf = (chatId: string): string => chatHost(get().chats, chatId, get().characterId!);

  /**
   * Runs one reply stream (send, regenerate, continue) and folds its packets into the view. `text` is
   * what the user sent, if anything: until the studio says it saved it (the `user` packet), a failure
   * hands it back as `unsent`. Gives the reply, or null when there was none.
   */
  const stream = (start: (onPacket: (p: ChatPacket) => void) => StreamHandle<ChatReplyResult>, text?: string): Promise<ReplyResult | null> => {
    if (handle || get().pending) return Promise.resolve(null);
    running = runStream(start, text).finally(() => {
      running = null;
    });
    return running;
  };

  const runStream = async (start: (onPacket: (p: ChatPacket) => void) => StreamHandle<ChatReplyResult>, text?: string): Promise<ReplyResult | null> => {
    set({ error: null, promptInfo: null, pending: true });
    let userSaved = false;
    const fail = (error: unknown): void => set({ error: errorLine(error), ...(text !== undefined && !userSaved ? { unsent: text } : {}) });
    const done = (): void => set((s) => ({ pending: false, repliesDone: s.repliesDone + 1 }));
    try {
      await get().beforeReply?.();
    } catch (error) {
      fail(error);
      done();
      return null;
    }
    const onPacket = (packet: ChatPacket): void => {
      if (packet.type === 'user') {
        userSaved = true;
        set({ sentUser: packet.message });
      }
      else if (packet.type === 'start') set({ streaming: { messageId: packet.messageId, swipe: packet.swipe, base: packet.base, text: '', ...(packet.speaker ? { speaker: packet.speaker } : {}) } });
      else if (packet.type === 'token') set((s) => (s.streaming ? { streaming: { ...s.streaming, text: s.streaming.text + packet.text } } : {}));
      else if (packet.type === 'prompt') set({ promptInfo: { promptTokens: packet.promptTokens, droppedTurns: packet.droppedTurns, restoredState: packet.restoredState } });
    };
    try {
      handle = start(onPacket);
    } catch (error) {
      fail(error);
      done();
      return null;
    }
    try {
      const result = await handle.result;
      set({ chat: result.chat, lastReply: result.reply });
      return result.reply;
    } catch (error) {
      fail(error);
      const chat = get().chat;
      if (chat) set({ chat: await studio.chat.get({ characterId: chat.characterId, chatId: chat.id }).catch(() => chat) });
      return null;
    } finally {
      handle = null;
      set({ streaming: null, sentUser: null });
      done();
      void refreshList();
    }
  };

  const openNow = (characterId: string, chatId?: string): Promise<void> =>
    guard(async () => {
      // Another chat is opening: a talk in the old one plays no more turns.
      loop?.stop();
      if (get().characterId !== characterId) set({ characterId, chat: null, chats: [], lastReply: null, promptInfo: null, deleted: null });
      const chats = await studio.chat.list({ characterId });
      set({ chats });
      const pick = chatId ?? get().chat?.id ?? chats.find((c) => !c.problem)?.id;
      const chat = pick ? await studio.chat.get({ characterId: chatHost(chats, pick, characterId), chatId: pick }) : await studio.chat.create({ characterId });
      set({ chat });
      if (!pick) await refreshList();
    });

  return {
    characterId: null, chats: [], chat: null, sentUser: null, streaming: null, promptInfo: null, lastReply: null, pending: false, repliesDone: 0, prompt: null, error: null, unsent: null, beforeReply: null, deleted: null, talking: null,

    open: (characterId, chatId) => {
      // One open at a time: the editor's pane and the Chat section may both open a character that has no
      // chat yet, and each would create one if neither saw the other's.
      opening = opening.then(() => openNow(characterId, chatId));
      return opening;
    },
    select: (chatId) =>
      guard(async () => {
        set({ chat: await studio.chat.get({ characterId: hostOf(chatId), chatId }), lastReply: null, promptInfo: null, prompt: null });
      }),
    newChat: (title) =>
      guard(async () => {
        set({ chat: await studio.chat.create({ characterId: get().characterId!, title }), lastReply: null, promptInfo: null });
        await refreshList();
      }),
    newScene: async (scene) => {
      let made = false;
      await guard(async () => {
        set({ chat: await studio.chat.createScene(scene), lastReply: null, promptInfo: null, prompt: null });
        made = true;
        await refreshList();
      });
      return made;
    },
    rename: (chatId, title) =>
      guard(async () => {
        const renamed = await studio.chat.rename({ characterId: hostOf(chatId), chatId, title });
        if (get().chat?.id === chatId) set({ chat: renamed });
        await refreshList();
      }),
    remove: (chatId) =>
      guard(async () => {
        const host = hostOf(chatId);
        const title = get().chats.find((c) => c.id === chatId)?.title ?? chatId;
        await studio.chat.remove({ characterId: host, chatId });
        set({ deleted: { id: chatId, title, host } });
        if (get().chat?.id === chatId) set({ chat: null });
        await refreshList();
        const next = get().chats.find((c) => !c.problem);
        if (!get().chat) set({ chat: next ? await studio.chat.get({ characterId: hostOf(next.id), chatId: next.id }) : null });
      }),
    undoRemove: () =>
      guard(async () => {
        const deleted = get().deleted;
        if (!deleted) return;
        set({ chat: await studio.chat.restore({ characterId: deleted.host, chatId: deleted.id }), deleted: null });
        await refreshList();
      }),
    send: async (text, speaker) => {
      // The user steps in: the talk ends after the line on its way, which is kept whole.
      loop?.stop();
      await loop?.done;
      await running;
      await stream((onPacket) => studio.chat.send({ ...openChatRef(), text, ...(speaker ? { speaker } : {}) }, onPacket), text);
    },
    next: async (speaker) => {
      await stream((onPacket) => studio.chat.next({ ...openChatRef(), ...(speaker ? { speaker } : {}) }, onPacket));
    },
    talk: async (turns) => {
      if (loop || get().pending) return;
      const talk = startTalkLoop(
        turns,
        async () => {
          const reply = await stream((onPacket) => studio.chat.next(openChatRef(), onPacket));
          return reply !== null && reply.stopReason !== 'cancelled';
        },
        (played) => set({ talking: { played, turns } }),
      );
      loop = talk;
      set({ talking: { played: 0, turns } });
      await talk.done;
      loop = null;
      set({ talking: null });
    },
    regenerate: async () => {
      await stream((onPacket) => studio.chat.regenerate(openChatRef(), onPacket));
    },
    continueReply: async () => {
      await stream((onPacket) => studio.chat.continue(openChatRef(), onPacket));
    },
    stop: () => {
      loop?.stop();
      handle?.cancel();
    },
    swipe: (messageId, swipe) => guard(async () => set({ chat: await studio.chat.swipe({ ...openChatRef(), messageId, swipe }) })),
    edit: async (messageId, text) => {
      try {
        const { chat } = await studio.chat.edit({ ...openChatRef(), messageId, text });
        set({ chat, error: null });
        return true;
      } catch (error) {
        set({ error: errorLine(error) });
        return false;
      }
    },
    deleteMessage: (messageId) => guard(async () => set({ chat: await studio.chat.deleteMessage({ ...openChatRef(), messageId }) })),
    branch: (messageId) =>
      guard(async () => {
        set({ chat: await studio.chat.branch({ ...openChatRef(), messageId }), lastReply: null, promptInfo: null });
        await refreshList();
      }),
    setPersona: (persona) => guard(async () => set({ chat: await studio.chat.setPersona({ ...openChatRef(), persona }) })),
    setSettings: (patch) => guard(async () => set({ chat: await studio.chat.setSettings({ ...openChatRef(), patch }) })),
    showPrompt: () => guard(async () => set({ prompt: await studio.chat.prompt(openChatRef()) })),
    hidePrompt: () => set({ prompt: null }),
    replaceChat: (chat) => set({ chat }),
    clearError: () => set({ error: null }),
    clearUnsent: () => set({ unsent: null }),
  };
});
