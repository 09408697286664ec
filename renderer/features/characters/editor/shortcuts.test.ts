import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('shortcutOf', () => {
  it('names Ctrl and Cmd alike, with shift, in one canonical form', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('mod+z');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('mod+shift+z');
    expect(shortcutOf(key('s', { ctrlKey: true, altKey: true }))).toBe('mod+alt+s');
    expect(shortcutOf(key('z'))).toBeNull();
  });
});
