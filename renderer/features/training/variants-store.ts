import { create } from 'zustand';
import type { StreamHandle } from '../../../shared/contract/api';
import type { ProfileVariant, VariantKind } from '../../../shared/training/profile-variants';
import { studio } from '../../transport/studio-client';
import { errorGuard } from '../../app/error-guard';
import { errorText } from '../../app/error-text';

// The profile variants of the character open in Training: the stored list, and the variants being
// written right now (their text streams in before each is stored).

interface VariantsState {
  characterId: string | null;
  variants: ProfileVariant[];
  /** Text of each requested variant while the model writes it. */
  drafts: { kind: VariantKind; text: string }[];
  /** Variants of this request stored so far. */
  done: number;
  generating: boolean;
  error: string | null;
  load: (characterId: string) => Promise<void>;
  generate: (kinds: VariantKind[]) => Promise<void>;
  stop: () => void;
  update: (id: string, patch: { text?: string; accepted?: boolean }) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

let handle: StreamHandle<ProfileVariant[]> | null = null;
let updatesInFlight = 0;

export const useVariants = create<VariantsState>((set, get) => {
  const guard = errorGuard(set);
  return {
    characterId: null,
    variants: [],
    drafts: [],
    done: 0,
    generating: false,
    error: null,
    load: (characterId) => {
      set({ characterId, variants: [], drafts: [], error: null });
      return guard(async () => set({ variants: await studio.training.listVariants({ characterId }) }));
    },
    generate: async (kinds) => {
      const { characterId } = get();
      if (!characterId || handle) return;
      set({ generating: true, error: null, done: 0, drafts: kinds.map((kind) => ({ kind, text: '' })) });
      handle = studio.training.generateVariants({ characterId, kinds }, (packet) => {
        if (packet.type === 'variant') return set((s) => ({ done: s.done + 1, variants: [...s.variants, packet.variant] }));
        set((s) => ({ drafts: s.drafts.map((d, i) => (i === packet.index ? { ...d, text: d.text + packet.text } : d)) }));
      });
      try {
        await handle.result;
      } catch (error) {
        set({ error: errorText(error) });
      } finally {
        handle = null;
        set({ generating: false, drafts: [] });
        // Whatever was stored before a stop or an error stays, so list it either way.
        if (get().characterId === characterId) await guard(async () => set({ variants: await studio.training.listVariants({ characterId }) }));
      }
    },
    stop: () => handle?.cancel(),
    update: (id, patch) =>
      guard(async () => {
        const { characterId } = get();
        if (!characterId) return;
        // Shown at once (a checkbox must tick when clicked); the service's answer replaces it once no
        // later change is still on its way (an answer to an earlier change would undo the later one).
        set((s) => ({ variants: s.variants.map((v) => (v.id === id ? { ...v, ...patch } : v)) }));
        updatesInFlight++;
        try {
          const variants = await studio.training.updateVariant({ characterId, id, ...patch });
          if (updatesInFlight === 1) set({ variants });
        } catch (error) {
          set({ variants: await studio.training.listVariants({ characterId }) });
          throw error;
        } finally {
          updatesInFlight--;
        }
      }),
    remove: (id) =>
      guard(async () => {
        const { characterId } = get();
        if (characterId) set({ variants: await studio.training.deleteVariant({ characterId, id }) });
      }),
  };
});
