import { create } from 'zustand';
import type { EvaluationDimension, LaneSpec, Verdict } from '../../../shared/chat/evaluation';
import type { StreamHandle } from '../../../shared/contract/api';
import type { CompareResult, EvaluationsView } from '../../../shared/contract/domains/chat';
import { studio } from '../../transport/studio-client';
import { useChat } from './chat-store';
import { errorText } from '../../app/error-text';

// One side-by-side comparison at a time: two replies stream into two columns, then the writer's verdict.

interface CompareState {
  texts: [string, string];
  running: boolean;
  result: CompareResult | null;
  verdicts: Partial<Record<EvaluationDimension, Verdict>>;
  keep: 0 | 1 | null;
  evaluations: EvaluationsView | null;
  error: string | null;
  run: (lanes: [LaneSpec, LaneSpec]) => Promise<void>;
  stop: () => void;
  setVerdict: (dimension: EvaluationDimension, verdict: Verdict) => void;
  setKeep: (keep: 0 | 1 | null) => void;
  save: () => Promise<void>;
  loadEvaluations: (characterId: string) => Promise<void>;
  reset: () => void;
}

/** The compare panel's state: the two streams, the verdicts being chosen, the evaluation log. */
export const useCompare = create<CompareState>((set, get) => {
  let handle: StreamHandle<CompareResult> | null = null;
  return {
    texts: ['', ''], running: false, result: null, verdicts: {}, keep: null, evaluations: null, error: null,
    run: async (lanes) => {
      const chat = useChat.getState().chat;
      if (!chat || handle) return;
      const characterId = chat.characterId;
      set({ texts: ['', ''], running: true, result: null, verdicts: {}, keep: null, error: null });
      try {
        await useChat.getState().beforeReply?.();
      } catch (error) {
        set({ error: errorText(error), running: false });
        return;
      }
      handle = studio.chat.compare({ characterId, chatId: chat.id, lanes }, (packet) => {
        if (packet.type !== 'token') return;
        set((s) => {
          const texts: [string, string] = [...s.texts];
          texts[packet.lane] += packet.text;
          return { texts };
        });
      });
      try {
        const result = await handle.result;
        set({ result, texts: [result.replies[0].text, result.replies[1].text] });
      } catch (error) {
        set({ error: errorText(error) });
      } finally {
        handle = null;
        set({ running: false });
      }
    },
    stop: () => handle?.cancel(),
    setVerdict: (dimension, verdict) => set((s) => ({ verdicts: { ...s.verdicts, [dimension]: verdict } })),
    setKeep: (keep) => set({ keep }),
    save: async () => {
      const chat = useChat.getState().chat;
      const { result, verdicts, keep } = get();
      if (!chat || !result || !verdicts.consistency || !verdicts.humanLikeness || !verdicts.engagement) return;
      try {
        const judged = await studio.chat.judge({
          characterId: chat.characterId, chatId: chat.id, compareId: result.compareId, keep,
          verdicts: { consistency: verdicts.consistency, humanLikeness: verdicts.humanLikeness, engagement: verdicts.engagement },
        });
        useChat.getState().replaceChat(judged.chat);
        set({ evaluations: judged.evaluations, result: null, texts: ['', ''], verdicts: {}, keep: null, error: null });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
    loadEvaluations: async (characterId) => {
      set({ evaluations: await studio.chat.evaluations({ characterId }) });
    },
    reset: () => set({ texts: ['', ''], result: null, verdicts: {}, keep: null, error: null }),
  };
});
