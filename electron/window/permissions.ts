import { isAppUrl } from './navigation-guards';

// Web permissions (camera, microphone, notifications, geolocation, opening external apps…) are
// refused: the studio needs none of them. Writing to the clipboard (the "copy" buttons) is the one
// exception, and only for the app's own pages.

const ALLOWED = new Set(['clipboard-sanitized-write']);

/** Whether the session grants `permission` to a page at `requestingUrl`. */
export function allowPermission(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}
