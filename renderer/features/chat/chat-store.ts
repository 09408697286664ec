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

// The open chat of one character: its list of chats, the chat itself, and the reply being streamed.
// Streams carry only new text; the saved chat comes back once the reply is done. A message the studio
// could not save (disk full…) is handed back to the composer, so the user's text is never lost.

const t = (key: string, values?: Record<string, string>): string => i18next.t(key, { ns: 'chat', ...values });
const errorLine = (error: unknown): string => chatErrorLine(error, t);

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
  /** The last deleted chat, for Undo. */
  deleted: { id: string; title: string } | null;
  open: (characterId: string, chatId?: string) => Promise<void>;
  select: (chatId: string) => Promise<void>;
  newChat: (title?: string) => Promise<void>;
  rename: (chatId: string, title: string) => Promise<void>;
  remove: (chatId: string) => Promise<void>;
  undoRemove: () => Promise<void>;
  send: (text: string) => Promise<void>;
  regenerate: () => Promise<void>;
  continueReply: () => Promise<void>;
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


/** The chat pane's state; one open chat at a time, shared by the side pane and the Chat section. */
export const useChat = create<ChatStoreState>((set, get) => {
  let handle: StreamHandle<ChatReplyResult> | null = null;

  const refreshList = async (): Promise<void> => {
    const characterId = get().characterId;
    if (characterId) set({ chats: await studio.chat.list({ characterId }) });
  };

  const guard = errorGuard(set, errorLine);

  const ref = (): { characterId: string; chatId: string } => {
    const { characterId, chat } = get();
    if (!characterId || !chat) throw new Error('no chat is open');
    return { characterId, chatId: chat.id };
  };

  /**
   * Runs one reply stream (send, regenerate, continue) and folds its packets into the view. `text` is
   * what the user sent, if anything: until the studio says it saved it (the `user` packet), a failure
   * hands it back as `unsent`.
   */
  const stream = async (start: (onPacket: (p: ChatPacket) => void) => StreamHandle<ChatReplyResult>, text?: string): Promise<void> => {
    if (handle || get().pending) return;
    set({ error: null, promptInfo: null, pending: true });
    let userSaved = false;
    const fail = (error: unknown): void => set({ error: errorLine(error), ...(text !== undefined && !userSaved ? { unsent: text } : {}) });
    const done = (): void => set((s) => ({ pending: false, repliesDone: s.repliesDone + 1 }));
    try {
      await get().beforeReply?.();
    } catch (error) {
      fail(error);
      done();
      return;
    }
    const onPacket = (packet: ChatPacket): void => {
      if (packet.type === 'user') {
        userSaved = true;
        set({ sentUser: packet.message });
      }
      else if (packet.type === 'start') set({ streaming: { messageId: packet.messageId, swipe: packet.swipe, base: packet.base, text: '' } });
      else if (packet.type === 'token') set((s) => (s.streaming ? { streaming: { ...s.streaming, text: s.streaming.text + packet.text } } : {}));
      else if (packet.type === 'prompt') set({ promptInfo: { promptTokens: packet.promptTokens, droppedTurns: packet.droppedTurns, restoredState: packet.restoredState } });
    };
    try {
      handle = start(onPacket);
    } catch (error) {
      fail(error);
      done();
      return;
    }
    try {
      const result = await handle.result;
      set({ chat: result.chat, lastReply: result.reply });
    } catch (error) {
      fail(error);
      const { characterId, chat } = get();
      if (characterId && chat) set({ chat: await studio.chat.get({ characterId, chatId: chat.id }).catch(() => chat) });
    } finally {
      handle = null;
      set({ streaming: null, sentUser: null });
      done();
      void refreshList();
    }
  };

  return {
    characterId: null, chats: [], chat: null, sentUser: null, streaming: null, promptInfo: null, lastReply: null, pending: false, repliesDone: 0, prompt: null, error: null, unsent: null, beforeReply: null, deleted: null,

    open: (characterId, chatId) =>
      guard(async () => {
        if (get().characterId !== characterId) set({ characterId, chat: null, chats: [], lastReply: null, promptInfo: null, deleted: null });
        const chats = await studio.chat.list({ characterId });
        set({ chats });
        const pick = chatId ?? get().chat?.id ?? chats.find((c) => !c.problem)?.id;
        const chat = pick ? await studio.chat.get({ characterId, chatId: pick }) : await studio.chat.create({ characterId });
        set({ chat });
        if (!pick) await refreshList();
      }),
    select: (chatId) =>
      guard(async () => {
        set({ chat: await studio.chat.get({ characterId: get().characterId!, chatId }), lastReply: null, promptInfo: null, prompt: null });
      }),
    newChat: (title) =>
      guard(async () => {
        set({ chat: await studio.chat.create({ characterId: get().characterId!, title }), lastReply: null, promptInfo: null });
        await refreshList();
      }),
    rename: (chatId, title) =>
      guard(async () => {
        const renamed = await studio.chat.rename({ characterId: get().characterId!, chatId, title });
        if (get().chat?.id === chatId) set({ chat: renamed });
        await refreshList();
      }),
    remove: (chatId) =>
      guard(async () => {
        const characterId = get().characterId!;
        const title = get().chats.find((c) => c.id === chatId)?.title ?? chatId;
        await studio.chat.remove({ characterId, chatId });
        set({ deleted: { id: chatId, title } });
        if (get().chat?.id === chatId) set({ chat: null });
        await refreshList();
        const next = get().chats.find((c) => !c.problem);
        if (!get().chat) set({ chat: next ? await studio.chat.get({ characterId, chatId: next.id }) : null });
      }),
    undoRemove: () =>
      guard(async () => {
        const deleted = get().deleted;
        if (!deleted) return;
        set({ chat: await studio.chat.restore({ characterId: get().characterId!, chatId: deleted.id }), deleted: null });
        await refreshList();
      }),
    send: (text) => stream((onPacket) => studio.chat.send({ ...ref(), text }, onPacket), text),
    regenerate: () => stream((onPacket) => studio.chat.regenerate(ref(), onPacket)),
    continueReply: () => stream((onPacket) => studio.chat.continue(ref(), onPacket)),
    stop: () => handle?.cancel(),
    swipe: (messageId, swipe) => guard(async () => set({ chat: await studio.chat.swipe({ ...ref(), messageId, swipe }) })),
    edit: async (messageId, text) => {
      try {
        const { chat } = await studio.chat.edit({ ...ref(), messageId, text });
        set({ chat, error: null });
        return true;
      } catch (error) {
        set({ error: errorLine(error) });
        return false;
      }
    },
    deleteMessage: (messageId) => guard(async () => set({ chat: await studio.chat.deleteMessage({ ...ref(), messageId }) })),
    branch: (messageId) =>
      guard(async () => {
        set({ chat: await studio.chat.branch({ ...ref(), messageId }), lastReply: null, promptInfo: null });
        await refreshList();
      }),
    setPersona: (persona) => guard(async () => set({ chat: await studio.chat.setPersona({ ...ref(), persona }) })),
    setSettings: (patch) => guard(async () => set({ chat: await studio.chat.setSettings({ ...ref(), patch }) })),
    showPrompt: () => guard(async () => set({ prompt: await studio.chat.prompt(ref()) })),
    hidePrompt: () => set({ prompt: null }),
    replaceChat: (chat) => set({ chat }),
    clearError: () => set({ error: null }),
    clearUnsent: () => set({ unsent: null }),
  };
});
