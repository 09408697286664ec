// Keyboard shortcuts of the editor's registered actions, written as `mod+shift+z` where `mod` is Ctrl
// (Cmd on macOS). Pure, so the mapping is tested without a browser.

/** The parts of a keyboard event a shortcut looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The canonical shortcut string of an event, or null for a key without a modifier. */
export function shortcutOf(event: KeyLike): string | null {
  if (!event.ctrlKey && !event.metaKey) return null;
  const parts = ['mod'];
  if (event.altKey) parts.push('alt');
  if (event.shiftKey) parts.push('shift');
  parts.push(event.key.toLowerCase());
  return parts.join('+');
}
