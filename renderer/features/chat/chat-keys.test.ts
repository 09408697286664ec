import { describe, expect, it } from 'vitest';
import { chatKeyAction, type KeyLike } from './chat-keys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...mods });

describe('chat keyboard shortcuts', () => {
  it('sends on Enter in the message box and leaves Shift+Enter as a new line', () => {
    expect(chatKeyAction(key('Enter'), { inComposer: true, streaming: false })).toBe('send');
    expect(chatKeyAction(key('Enter', { shiftKey: true }), { inComposer: true, streaming: false })).toBeNull();
    expect(chatKeyAction(key('Enter'), { inComposer: false, streaming: false })).toBeNull();
  });

  it('never sends while an input method is composing (Enter picks the candidate)', () => {
    expect(chatKeyAction(key('Enter', { isComposing: true }), { inComposer: true, streaming: false })).toBeNull();
  });

  it('stops on Esc only while a reply streams, and regenerates on Ctrl+R or ⌘R', () => {
    expect(chatKeyAction(key('Escape'), { inComposer: true, streaming: true })).toBe('stop');
    expect(chatKeyAction(key('Escape'), { inComposer: true, streaming: false })).toBeNull();
    expect(chatKeyAction(key('r', { ctrlKey: true }), { inComposer: false, streaming: false })).toBe('regenerate');
    expect(chatKeyAction(key('r', { metaKey: true }), { inComposer: true, streaming: false })).toBe('regenerate');
    expect(chatKeyAction(key('r', { ctrlKey: true, shiftKey: true }), { inComposer: true, streaming: false })).toBeNull();
  });
});
