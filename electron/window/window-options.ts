// The main window's options, kept free of `electron` imports so tests can check them without it.

export const APP_SCHEME = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** BrowserWindow options: isolated, sandboxed, no Node in the page. */
export function mainWindowOptions(preloadPath: string, bounds?: { x?: number; y?: number; width: number; height: number }) {
  return {
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Character Studio',
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
      spellcheck: false,
    },
  } as const;
}
