import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import { fitToDisplays } from './window-bounds';
import { isAppUrl, windowOpenDecision } from './navigation-guards';
import { APP_URL, mainWindowOptions } from './window-options';
import { loadWindowPlacement, saveWindowPlacement, trackWindowPlacement, type TrackedWindow } from './window-state';

// Electron glue for the one main window: placement from the last run, and the navigation guards.
// Every decision it applies lives in a plain module beside it (tested without Electron).

/** The guards every web contents gets, the main window's and any other (devtools, future panes). */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
}

function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** Opens the main window where it was last time and keeps remembering where it is. */
export async function openMainWindow(options: {
  preload: string;
  icon?: string;
  stateFile: string;
  warn: (message: string) => void;
}): Promise<{ window: BrowserWindow; flushPlacement: () => Promise<void> }> {
  const placement = await loadWindowPlacement(options.stateFile, options.warn);
  const window = new BrowserWindow(mainWindowOptions(options.preload, fitToDisplays(placement?.bounds ?? null, workAreas()), options.icon));
  const tracked: TrackedWindow = {
    getNormalBounds: () => window.getNormalBounds(),
    isMaximized: () => window.isMaximized(),
    isFullScreen: () => window.isFullScreen(),
    // BrowserWindow.on is overloaded per event; these events all pass only an Event, which we ignore.
    on: (event, listener) => window.on(event as 'resize', listener),
  };
  const tracker = trackWindowPlacement(tracked, (p) => saveWindowPlacement(options.stateFile, p), { warn: options.warn });
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize();
    if (placement?.fullScreen) window.setFullScreen(true);
    window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.warn(`the window's renderer stopped (${details.reason}); reloading`);
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
  await window.loadURL(APP_URL);
  return { window, flushPlacement: tracker.flush };
}
