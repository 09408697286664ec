import { describe, expect, it, vi } from 'vitest';
import { createShutdown } from './shutdown';

describe('shutdown', () => {
  it('runs every step once, in order, even when called repeatedly', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(
      [
        { name: 'cancel work', run: () => void order.push('cancel') },
        { name: 'dispose services', run: async () => void order.push('dispose') },
      ],
      { stepTimeoutMs: 1000, log: () => undefined },
    );
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(order).toEqual(['cancel', 'dispose']);
  });

  it('goes on past a failing or stuck step, and says so', async () => {
    const log = vi.fn();
    const flushed = vi.fn();
    const shutdown = createShutdown(
      [
        { name: 'stop training', run: () => Promise.reject(new Error('trainer already gone')) },
        { name: 'stop generation', run: () => new Promise<void>(() => undefined) },
        { name: 'flush writes', run: flushed },
      ],
      { stepTimeoutMs: 50, log },
    );
    await shutdown();
    expect(flushed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('shutdown: stop training failed: trainer already gone');
    expect(log).toHaveBeenCalledWith('shutdown: stop generation did not finish within 50 ms; continuing');
  });
});
