import { describe, expect, it } from 'vitest';
import type { StudioHandlers } from '../../shared/contract/api';
import { StudioError } from '../../shared/contract/errors';
import { createDispatcher } from './dispatcher';

const calls: unknown[] = [];
const handlers = {
  app: { info: async () => ({ version: '0', dataDir: '/d', platform: 'linux', transport: 'serve' }) },
  settings: { get: async () => ({}), update: async (patch: unknown) => (calls.push(patch), {}) },
  models: { list: async () => [], installDemo: async () => ({}), setDefault: async () => ({}) },
  runtime: { status: async () => ({}), loadModel: async () => ({}) },
} as unknown as StudioHandlers;

describe('dispatcher', () => {
  const dispatcher = createDispatcher(handlers);

  it('rejects a malformed request with an error naming the method and the field', async () => {
    const error = await dispatcher.call('settings.update', { threads: 'four' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid_input');
    expect((error as StudioError).message).toMatch(/^invalid input for settings\.update: threads: .*number/);
    expect(calls).toEqual([]);
  });

  it('rejects unknown keys instead of passing them through', async () => {
    await expect(dispatcher.call('settings.update', { language: 'en', evil: true })).rejects.toThrow(/evil/);
  });

  it('rejects unknown and prototype-polluting method names', async () => {
    await expect(dispatcher.call('models.frobnicate', {})).rejects.toThrow('unknown method "models.frobnicate"');
    await expect(dispatcher.call('__proto__.toString', {})).rejects.toThrow(/unknown method/);
    await expect(dispatcher.call('models.list.extra', {})).rejects.toThrow(/unknown method/);
  });

  it('passes validated input to the handler', async () => {
    await dispatcher.call('settings.update', { language: 'zh-CN' });
    expect(calls).toEqual([{ language: 'zh-CN' }]);
  });

  it('refuses to open a request as a stream', async () => {
    await expect(dispatcher.stream('models.list', {}, () => undefined, new AbortController().signal)).rejects.toThrow(/not a stream/);
  });
});
