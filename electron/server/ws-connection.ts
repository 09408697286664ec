import WebSocket from 'ws';
import { createRpcSession } from '../host/rpc-session';
import type { Studio } from '../host/studio';
import { MAX_BUFFERED_BYTES, MAX_IN_FLIGHT } from './limits';

// Serves one accepted WebSocket: its messages into an RPC session, the replies back out, bounded both
// ways. While MAX_IN_FLIGHT calls run the socket is paused (TCP then holds the client back; what was
// already read waits in the session), and a client that stops reading is disconnected once
// MAX_BUFFERED_BYTES of replies wait for it.
//
// Disconnecting rather than holding replies back until it drains: holding them would only move the
// buffer from the socket into the session (replies and events still have to go somewhere), while a
// page that reads normally never gets near the bound. `terminate`, not `close`: a close frame would
// queue behind the bytes the client is not reading.

export function serveConnection(ws: WebSocket, studio: Studio, log: (line: string) => void): void {
  const send = (message: unknown): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log(`disconnected: ${ws.bufferedAmount} bytes of replies are waiting and the client is not reading them`);
      ws.terminate();
      return;
    }
    // Throws for replies JSON cannot hold; the session turns that into an error reply.
    ws.send(JSON.stringify(message));
  };
  const session = createRpcSession(studio.dispatcher, studio.events, send, {
    discardUpload: (uploadId) => studio.services.packs.uploads.discard(uploadId),
    maxInFlight: MAX_IN_FLIGHT,
    onBusy: (busy) => (busy ? ws.pause() : ws.resume()),
    log,
  });
  ws.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return; // Not JSON: there is no id to answer to.
    }
    session.receive(parsed);
  });
  // A bad frame (bad opcode, RSV1, invalid UTF-8, unmasked, too large): ws has already sent the close
  // code for it (1002, 1007 or 1009); without this listener its 'error' would end the process.
  ws.on('error', (error) => log(`closed: ${error.message}`));
  ws.on('close', () => session.close());
}
