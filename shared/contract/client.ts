import { contractMethods, type StudioApi } from './api';
import type { Transport } from './transport';

/** Builds the named `studio` API (`studio.models.list(...)`) over any transport. */
export function buildStudioApi(transport: Transport): StudioApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { name, domain, method, kind } of contractMethods()) {
    const group = (api[domain] ??= {});
    group[method] =
      kind === 'request'
        ? (input: unknown) => transport.call(name, input)
        : (input: unknown, onPacket: (packet: { type: string }) => void) => transport.stream(name, input, onPacket);
  }
  return { ...api, on: transport.on } as unknown as StudioApi;
}
