import { DEFAULT_SIZE, MIN_SIZE, type Rect } from './window-bounds';

// The main window's options, kept free of `electron` imports so tests can check them without it.

export const APP_SCHEME = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** BrowserWindow options: isolated, sandboxed, no Node in the page. */
export function mainWindowOptions(preloadPath: string, bounds?: Rect, icon?: string) {
  return {
    width: bounds?.width ?? DEFAULT_SIZE.width,
    height: bounds?.height ?? DEFAULT_SIZE.height,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Character Studio',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise try to open links in new windows; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  } as const;
}
