/** The text of a thrown value, for an error line in the UI. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * For stores with an `error` line: clears it, runs `work`, and shows what it threw instead of letting the
 * rejection escape into a click handler.
 */
export function errorGuard(set: (patch: { error: string | null }) => void): (work: () => Promise<void>) => Promise<void> {
  return async (work) => {
    try {
      set({ error: null });
      await work();
    } catch (error) {
      set({ error: errorText(error) });
    }
  };
}
