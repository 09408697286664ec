import { create } from 'zustand';
import type { ChatState } from '../../../shared/chat/chat-state';
import type { Fact, MemorySettings } from '../../../shared/chat/memory';
import type { MemoryStatus } from '../../../shared/contract/domains/chat';
import { studio } from '../../transport/studio-client';
import { errorGuard } from '../../app/error-guard';
import { openChatRef, useChat } from './chat-store';

// The memory panel's side of the open chat: the chat's facts and summary live in the chat itself (useChat);
// this store adds the character's facts and whether a summary is being written, and sends the changes.
// The summary is written after a reply, in the background, so the panel asks again until it is done.

interface MemoryStoreState {
  status: MemoryStatus | null;
  /** The token meter: memory's tokens in the next (or last) prompt, the prompt's, and the window's. */
  meter: { memory: number; prompt: number; context: number } | null;
  error: string | null;
  refresh: () => Promise<void>;
  /** Polls while a summary is being written, then reloads the chat that now holds it. */
  follow: () => Promise<void>;
  setFacts: (facts: Fact[]) => Promise<void>;
  pin: (messageId: string) => Promise<void>;
  setSummary: (text: string) => Promise<void>;
  setSettings: (settings: MemorySettings) => Promise<void>;
  setCharacterFacts: (facts: Fact[]) => Promise<void>;
  carry: () => Promise<void>;
}

const POLL_MS = 700;

/** Puts a chat returned by a memory change in place, unless a reply is streaming into it (it comes back saved then). */
function show(chat: ChatState): void {
  const state = useChat.getState();
  if (state.chat?.id === chat.id && !state.pending) state.replaceChat(chat);
}

/** The memory panel's state for the open chat. */
export const useMemory = create<MemoryStoreState>((set, get) => {
  const guard = errorGuard((patch) => set(patch));
  // The meter needs a model to count with; without one (none installed yet) it is simply not shown.
  const measure = async (): Promise<void> => {
    try {
      const prompt = await studio.chat.prompt(openChatRef());
      set({ meter: { memory: prompt.memoryTokens, prompt: prompt.tokens, context: prompt.contextSize } });
    } catch {
      set({ meter: null });
    }
  };
  /** A memory change, then the meter measured again (the prompt changed). */
  const change = (work: () => Promise<void>): Promise<void> => guard(work).then(measure);
  let following = false;
  return {
    status: null,
    meter: null,
    error: null,
    refresh: () => guard(async () => set({ status: await studio.chat.memoryStatus(openChatRef()) })),
    follow: async () => {
      if (following) return;
      following = true;
      try {
        await get().refresh();
        let wrote = false;
        while (get().status?.writing) {
          wrote = true;
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          await get().refresh();
        }
        if (wrote) show(await studio.chat.get(openChatRef()));
        await measure();
      } finally {
        following = false;
      }
    },
    setFacts: (facts) => change(async () => show(await studio.chat.setFacts({ ...openChatRef(), facts }))),
    pin: (messageId) => change(async () => show(await studio.chat.pin({ ...openChatRef(), messageId }))),
    setSummary: (text) => change(async () => show(await studio.chat.setSummary({ ...openChatRef(), text }))),
    setSettings: (settings) => guard(async () => show(await studio.chat.setMemorySettings({ ...openChatRef(), settings }))),
    setCharacterFacts: (facts) =>
      change(async () => {
        const characterFacts = await studio.chat.setCharacterFacts({ characterId: openChatRef().characterId, facts });
        set((s) => ({ status: s.status ? { ...s.status, characterFacts } : { characterFacts, writing: false, failure: null } }));
      }),
    carry: () =>
      guard(async () => {
        const ref = openChatRef();
        const created = await studio.chat.fromMemory(ref);
        // Opening again lists the new chat too, and shows it; the old chat's reply stats do not apply to it.
        useChat.setState({ lastReply: null, promptInfo: null, prompt: null });
        await useChat.getState().open(ref.characterId, created.id);
      }),
  };
});
