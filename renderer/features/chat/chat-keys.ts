// Keyboard shortcuts of the chat pane, as SillyTavern and LM Studio users expect them: Enter sends,
// Shift+Enter is a new line, Esc stops the reply being written, Ctrl+R (⌘R) regenerates the last reply.

/** What a key press in the chat pane asks for, or null to let the browser handle it. */
export type ChatKeyAction = 'send' | 'stop' | 'regenerate' | null;

/** The parts of a keyboard event the shortcuts look at (DOM and React events both fit). */
export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while an input method (Chinese pinyin, Japanese kana) is composing: Enter picks a candidate. */
  isComposing: boolean;
}

/** Maps a key press to a chat action; `inComposer` is true when the message box has focus. */
export function chatKeyAction(event: KeyLike, state: { inComposer: boolean; streaming: boolean }): ChatKeyAction {
  if (event.isComposing) return null;
  if (event.key === 'Escape' && state.streaming) return 'stop';
  if ((event.key === 'r' || event.key === 'R') && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) return 'regenerate';
  if (event.key === 'Enter' && state.inComposer && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) return 'send';
  return null;
}
