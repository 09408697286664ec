import { ipcMain, type WebContents } from 'electron';
import type { ServerMessage } from '../../shared/contract/transport';
import { createRpcSession, type RpcSession } from '../host/rpc-session';
import type { Studio } from '../host/studio';
import { refuseMessage } from './path-policy';
import { isTrustedSender } from './sender-check';

export const IPC_CHANNEL = 'studio:message';

/**
 * Carries the contract's messages over one IPC channel, one session per window. `allowsPath` decides
 * which paths on this machine the page may name (see path-policy.ts).
 */
export function registerIpc(studio: Studio, allowsPath: (path: string) => boolean): () => void {
  const sessions = new Map<number, RpcSession>();
  const sessionFor = (contents: WebContents): RpcSession => {
    let session = sessions.get(contents.id);
    if (!session) {
      // contents.send throws for replies it cannot clone; the session turns that into an error reply.
      session = createRpcSession(
        studio.dispatcher,
        studio.events,
        (message: ServerMessage) => {
          if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
        },
        { discardUpload: (uploadId) => studio.services.packs.uploads.discard(uploadId) },
      );
      sessions.set(contents.id, session);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return session;
  };
  const onMessage = (event: Electron.IpcMainEvent, message: unknown): void => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null)) return;
    const refusal = refuseMessage(message, allowsPath);
    if (refusal) {
      event.sender.send(IPC_CHANNEL, refusal);
      return;
    }
    sessionFor(event.sender).receive(message);
  };
  ipcMain.on(IPC_CHANNEL, onMessage);
  return () => {
    ipcMain.off(IPC_CHANNEL, onMessage);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
