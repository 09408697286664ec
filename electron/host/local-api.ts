import type { StudioApi } from '../../shared/contract/api';
import { buildStudioApi } from '../../shared/contract/client';
import type { Dispatcher } from './dispatcher';
import type { EventHub } from './event-hub';

/**
 * The named studio API in this process, over the same validating dispatcher that IPC and the WebSocket
 * use: the CLI calls the contract like every other caller, so its inputs are checked in one place.
 */
export function localStudioApi(dispatcher: Dispatcher, events: EventHub): StudioApi {
  return buildStudioApi({
    call: (method, input) => dispatcher.call(method, input),
    stream: (method, input, onPacket) => {
      const abort = new AbortController();
      return { result: dispatcher.stream(method, input, onPacket, abort.signal), cancel: () => abort.abort() };
    },
    on: (name, listener) => events.subscribe((event, payload) => {
      if (event === name) listener(payload);
    }),
  });
}
