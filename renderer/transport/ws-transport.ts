import { createMessageClient } from '../../shared/contract/message-client';
import type { ClientMessage, ServerMessage, Transport } from '../../shared/contract/transport';

// The browser transport for `studio serve`: the contract's messages over one WebSocket, reconnecting
// when the server restarts. Calls made while disconnected wait for the connection.

export interface WsTransport extends Transport {
  onConnection: (listener: (connected: boolean) => void) => () => void;
}

export function createWsTransport(url: string): WsTransport {
  let socket: WebSocket | null = null;
  let connected = false;
  let retryMs = 250;
  const queue: ClientMessage[] = [];
  const connectionListeners = new Set<(connected: boolean) => void>();
  const client = createMessageClient((message) => {
    if (connected && socket) socket.send(JSON.stringify(message));
    else queue.push(message);
  });

  const setConnected = (value: boolean): void => {
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };

  const connect = (): void => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
      setConnected(true);
      for (const message of queue.splice(0)) socket?.send(JSON.stringify(message));
    };
    socket.onmessage = (e) => client.receive(JSON.parse(String(e.data)) as ServerMessage);
    socket.onclose = (e) => {
      // Work in flight died with the connection; say so instead of hanging forever. 1009: the server
      // refuses messages over its limit (16 MiB) by closing the connection.
      if (connected) client.failAll(e.code === 1009 ? 'a message was too large for the studio service (over 16 MiB), so it closed the connection' : 'lost the connection to the studio service');
      setConnected(false);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    call: client.call,
    stream: client.stream,
    on: client.on,
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
