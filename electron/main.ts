import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DesktopCommand } from '../shared/contract/domains/desktop';
import { filesFromArgv, libraryFromArgv } from './desktop/command-line';
import { createDesktopHandlers } from './desktop/desktop-handlers';
import { electronDialogs } from './desktop/native-dialogs';
import { OpenedFiles } from './desktop/opened-files';
import { PathGrants } from './desktop/path-grants';
import { createShutdown } from './desktop/shutdown';
import { createStudio, type Studio } from './host/studio';
import { registerIpc } from './ipc/register-ipc';
import { installMenu, shellLanguage } from './menu/install-menu';
import { dataLayout } from './services/paths/data-layout';
import { appProtocolResponse } from './window/app-protocol';
import { guardContents, openMainWindow } from './window/main-window';
import { isExternalWebUrl } from './window/navigation-guards';
import { allowPermission } from './window/permissions';
import { APP_SCHEME } from './window/window-options';

// The Electron shell stays thin: one secure window, the contract over IPC, and the same services that
// `studio serve` runs. Every decision (window options, guards, placement, menu, dialogs, argv,
// shutdown order) lives in a plain module beside it and is unit-tested without Electron.

// Paths are written relative to this source file; the bundler re-aims them from dist-electron/main.js.
const RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../dist-electron/preload.cjs', import.meta.url));
// Linux shows this in the task bar of unpackaged runs; packaged builds carry their own icons.
const DEV_ICON = fileURLToPath(new URL('../build/icons/icon.png', import.meta.url));

const library = libraryFromArgv(process.argv, process.cwd());
const layout = dataLayout(library);
// Chromium's own profile (cache, local storage, the single-instance lock) lives beside the library's
// data in one hidden folder, so a fresh `--library` is a fresh app and two libraries never collide.
app.setPath('userData', join(library, '.desktop'));
app.setName('Character Studio');
if (app.isPackaged) {
  // Native companions ship prebuilt beside the asar; anything compiled later goes to a writable place.
  process.env.STUDIO_NATIVE_BIN ??= join(process.resourcesPath, 'native');
  process.env.STUDIO_NATIVE_CACHE ??= join(library, '.desktop', 'native-build');
}

const warn = (message: string): void => console.warn(`[studio] ${message}`);
const opened = new OpenedFiles();
const grants = new PathGrants(library);
let studio: Studio | null = null;
let mainWindow: BrowserWindow | null = null;
let flushPlacement: () => Promise<void> = async () => undefined;
let closeIpc: () => void = () => undefined;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

async function showWindow(): Promise<BrowserWindow> {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  }
  const created = await openMainWindow({ preload: PRELOAD, icon: existsSync(DEV_ICON) ? DEV_ICON : undefined, stateFile: layout.windowStateFile, warn });
  mainWindow = created.window;
  flushPlacement = created.flushPlacement;
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  return mainWindow;
}

function sendCommand(command: DesktopCommand): void {
  void showWindow().then(() => studio?.events.emit('desktop.command', command));
}

function openFiles(paths: string[]): void {
  if (paths.length === 0) return;
  opened.add(paths);
  if (studio) void showWindow();
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(RENDERER_DIR, request.url));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) => allowPermission(permission, details.requestingUrl ?? origin));

  const dialogs = electronDialogs(app.getPath('documents'));
  studio = await createStudio({
    dataDir: library,
    transport: 'electron',
    desktop: createDesktopHandlers({
      dialogs,
      opened,
      grants,
      language: async () => shellLanguage((await studio!.services.settings.get()).language),
      defaultSaveDir: dialogs.lastDir,
    }),
  });
  const events = studio.events;
  opened.onAdded((count) => events.emit('desktop.filesOpened', { count }));
  closeIpc = registerIpc(studio, (path) => grants.allows(path));

  const actions = {
    command: sendCommand,
    openDataFolder: () => void shell.openPath(library),
    openExternal: (url: string) => {
      if (isExternalWebUrl(url)) void shell.openExternal(url);
    },
    about: () => app.showAboutPanel(),
  };
  app.setAboutPanelOptions({ applicationName: 'Character Studio', applicationVersion: app.getVersion() });
  const settings = studio.services.settings;
  installMenu(shellLanguage((await settings.get()).language), actions);
  settings.onChange((s) => installMenu(shellLanguage(s.language), actions));

  opened.add(filesFromArgv(process.argv, process.cwd()));
  await showWindow();
}

const shutdown = createShutdown(
  [
    { name: 'remember the window', run: () => flushPlacement() },
    // Closing the sessions aborts every running stream: generation, training, downloads, conversions.
    { name: 'cancel running work', run: () => closeIpc() },
    { name: 'stop the services and flush writes', run: () => studio?.dispose() },
  ],
  { stepTimeoutMs: 15_000, log: warn },
);

if (!app.requestSingleInstanceLock()) {
  // Another window on the same library is open: it receives our argv (files to open) and focuses.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openFiles(filesFromArgv(argv, workingDirectory));
    if (studio) void showWindow();
  });
  // macOS hands files over by event, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFiles([path]);
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('activate', () => {
    if (studio) void showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let finished = false;
  app.on('before-quit', (event) => {
    if (finished) return;
    event.preventDefault();
    void shutdown().finally(() => {
      finished = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // E.g. a data folder that cannot be written: say which and why, then leave cleanly.
      dialog.showErrorBox('Character Studio', `Character Studio could not start with the data folder ${library}:\n${(error as Error).message}`);
      app.exit(1);
    });
}
