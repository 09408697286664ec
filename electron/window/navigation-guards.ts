import { APP_ORIGIN } from './window-options';

// Decisions for `will-navigate` and `setWindowOpenHandler`: the window never leaves the app, and only
// plain web links may open, in the system browser.

/** True when a navigation target stays inside the app. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** URLs the system browser may open (http/https only; never file:, javascript:, custom schemes). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** What to do with a `window.open` or target=_blank link. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isExternalWebUrl(url) };
}
