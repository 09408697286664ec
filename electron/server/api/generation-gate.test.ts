import { describe, expect, it } from 'vitest';
import { OpenAiError } from '../../../shared/openai/openai-error';
import { GenerationGate } from './generation-gate';

const never = new AbortController().signal;

describe('GenerationGate', () => {
  it('lets two run, queues the next in order, refuses beyond the queue with 429, and hands each turn on', async () => {
    const gate = new GenerationGate(2, 2);
    const one = await gate.enter(never);
    const two = await gate.enter(never);
    const order: string[] = [];
    const three = gate.enter(never).then((leave) => (order.push('three'), leave));
    const four = gate.enter(never).then((leave) => (order.push('four'), leave));
    const refused = await gate.enter(never).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAiError);
    expect((refused as OpenAiError).status).toBe(429);
    one();
    one(); // ending a turn twice ends it once
    await three;
    expect(order).toEqual(['three']);
    // A newcomer waits behind the queue even right after a turn was handed on.
    const five = gate.enter(never).then((leave) => (order.push('five'), leave));
    two();
    (await four)();
    (await three)();
    (await five)();
    expect(order).toEqual(['three', 'four', 'five']);
  });

  it('drops a waiting request whose client left, and refuses one that left already', async () => {
    const gate = new GenerationGate(1, 4);
    const running = await gate.enter(never);
    const client = new AbortController();
    const waiting = gate.enter(client.signal).catch((error: unknown) => (error as Error).name);
    const next = gate.enter(never);
    client.abort();
    expect(await waiting).toBe('AbortError');
    running();
    (await next)();
    await expect(gate.enter(client.signal)).rejects.toThrow('the client left');
  });
});
