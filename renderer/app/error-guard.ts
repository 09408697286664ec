import { errorText } from './error-text';

/**
 * For stores with an `error` line: clears it, runs `work`, and shows what it threw (through `format`, the
 * UI-language error line unless a feature words some errors itself) instead of letting the rejection
 * escape into a click handler.
 */
export function errorGuard(
  set: (patch: { error: string | null }) => void, format: (error: unknown) => string = errorText,
): (work: () => Promise<void>) => Promise<void> {
  return async (work) => {
    try {
      set({ error: null });
      await work();
    } catch (error) {
      set({ error: format(error) });
    }
  };
}
