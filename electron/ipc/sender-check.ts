import { isAppUrl } from '../window/navigation-guards';

/** IPC is accepted only from the app's own top-level frame, never from an iframe or another origin. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined): boolean {
  return Boolean(frame && frame.isMainFrame && isAppUrl(frame.url));
}
