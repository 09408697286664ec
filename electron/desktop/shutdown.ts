// Quitting the desktop app: stop what is running (generation, training, downloads), flush what is
// being written, then let Electron exit. Each step is bounded so a stuck step (a native call that
// does not return) can delay the exit but never prevent it; every failure is logged, none is fatal.

/** One thing to do before the process exits. */
export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export interface ShutdownOptions {
  /** Longest wait for one step before moving on. */
  stepTimeoutMs: number;
  log: (message: string) => void;
}

function bounded(step: ShutdownStep, timeoutMs: number): Promise<'done' | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const work = Promise.resolve()
    .then(() => step.run())
    .then(() => 'done' as const);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Returns a function that runs the steps in order, once: later calls get the same promise. */
export function createShutdown(steps: readonly ShutdownStep[], options: ShutdownOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  const runAll = async (): Promise<void> => {
    for (const step of steps) {
      try {
        if ((await bounded(step, options.stepTimeoutMs)) === 'timeout') {
          options.log(`shutdown: ${step.name} did not finish within ${options.stepTimeoutMs} ms; continuing`);
        }
      } catch (error) {
        options.log(`shutdown: ${step.name} failed: ${(error as Error).message}`);
      }
    }
  };
  return () => (running ??= runAll());
}
