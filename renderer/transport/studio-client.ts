import type { StudioApi } from '../../shared/contract/api';
import { buildStudioApi } from '../../shared/contract/client';
import { createWsTransport } from './ws-transport';

// Picks the transport once at start: the Electron preload's `window.studio` when present, otherwise the
// WebSocket of `studio serve` (with the access token from the page URL when one was printed).

declare global {
  interface Window {
    studio?: StudioApi;
  }
}

export type ConnectionWatcher = (listener: (connected: boolean) => void) => () => void;

function rpcUrl(): string {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('studio-token');
  if (token) sessionStorage.setItem('studio-token', token);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

function create(): { api: StudioApi; watchConnection: ConnectionWatcher; transport: 'electron' | 'serve' } {
  if (window.studio) return { api: window.studio, watchConnection: (l) => (l(true), () => undefined), transport: 'electron' };
  const ws = createWsTransport(rpcUrl());
  return { api: buildStudioApi(ws), watchConnection: ws.onConnection, transport: 'serve' };
}

const client = create();

/** The studio API for the whole renderer. */
export const studio: StudioApi = client.api;
export const watchConnection: ConnectionWatcher = client.watchConnection;
