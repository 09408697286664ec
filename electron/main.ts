import { app, BrowserWindow, protocol, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { createStudio, type Studio } from './host/studio';
import { registerIpc } from './ipc/register-ipc';
import { appProtocolResponse } from './window/app-protocol';
import { isAppUrl, windowOpenDecision } from './window/navigation-guards';
import { APP_SCHEME, APP_URL, mainWindowOptions } from './window/window-options';

// The Electron shell stays thin: one secure window, the contract over IPC, and the same services that
// `studio serve` runs. Everything testable lives in plain modules beside it.

const RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let studio: Studio | null = null;
let window: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, (request) => appProtocolResponse(RENDERER_DIR, request.url));
    studio = await createStudio({ dataDir: app.getPath('userData'), transport: 'electron' });
    registerIpc(studio);
    window = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!studio) return;
    event.preventDefault();
    const closing = studio;
    studio = null;
    void closing.dispose().finally(() => app.quit());
  });
}
