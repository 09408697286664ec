import { describe, expect, it } from 'vitest';
import { Lockstep } from './lockstep';

describe('Lockstep', () => {
  it('releases lanes together, and stops waiting for a lane that left', async () => {
    const step = new Lockstep(2);
    const order: string[] = [];
    const a = step.arrive().then(() => order.push('a'));
    await Promise.resolve();
    expect(order).toEqual([]);
    const b = step.arrive().then(() => order.push('b'));
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    const again = step.arrive().then(() => order.push('a2'));
    step.leave();
    await again;
    expect(order).toEqual(['a', 'b', 'a2']);
    await step.arrive();
  });
});
