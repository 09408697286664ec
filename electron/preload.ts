import { contextBridge, ipcRenderer } from 'electron';
import { buildStudioApi } from '../shared/contract/client';
import { createMessageClient } from '../shared/contract/message-client';
import type { ServerMessage } from '../shared/contract/transport';

// Exposes only the named `window.studio` API; the page never sees ipcRenderer.
const CHANNEL = 'studio:message';
const client = createMessageClient((message) => ipcRenderer.send(CHANNEL, message));
ipcRenderer.on(CHANNEL, (_event, message: ServerMessage) => client.receive(message));
contextBridge.exposeInMainWorld('studio', buildStudioApi(client));
