import { create } from 'zustand';
import type { RuntimeStatus } from '../../../shared/runtime/runtime-status';
import { studio, watchConnection } from '../../transport/studio-client';

interface RuntimeState {
  status: RuntimeStatus | null;
  connected: boolean;
  refresh: () => Promise<void>;
}

/** The runtime's status as pushed by the services, plus whether the service is reachable at all. */
export const useRuntime = create<RuntimeState>((set) => {
  studio.on('runtime.status', (status) => set({ status }));
  watchConnection((connected) => set({ connected }));
  return {
    status: null,
    connected: false,
    refresh: async () => set({ status: await studio.runtime.status({}) }),
  };
});
