import { useState } from 'react';
import { errorText } from '../../app/error-text';

/** What a form's one action is doing: running, done with a result, or failed with the error's text. */
export interface AsyncActionState<T> {
  busy: boolean;
  done: T | null;
  error: string | null;
}

/** A form's one long action (an export, an import): `run` ignores clicks while busy and keeps the result or the error for the form to show. */
export function useAsyncAction<T>(): AsyncActionState<T> & { run: (work: () => Promise<T>) => Promise<void> } {
  const [state, setState] = useState<AsyncActionState<T>>({ busy: false, done: null, error: null });
  const run = async (work: () => Promise<T>): Promise<void> => {
    if (state.busy) return;
    setState({ busy: true, done: null, error: null });
    try {
      setState({ busy: false, done: await work(), error: null });
    } catch (error) {
      setState({ busy: false, done: null, error: errorText(error) });
    }
  };
  return { ...state, run };
}
