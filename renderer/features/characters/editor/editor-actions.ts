import { useEffect } from 'react';
import { useEditor } from './editor-store';
import { shortcutOf } from './shortcuts';

// The editor's commands in one registry: the toolbar buttons and the keyboard both run these, so a
// shortcut never does something its button does not.

/** One command of the editor. */
export interface EditorAction {
  id: 'undo' | 'redo' | 'save';
  shortcuts: string[];
  run: () => void;
  enabled: () => boolean;
}

/** Every registered editor action. */
export const EDITOR_ACTIONS: readonly EditorAction[] = [
  { id: 'undo', shortcuts: ['mod+z'], run: () => useEditor.getState().undo(), enabled: () => useEditor.getState().history.past.length > 0 },
  {
    id: 'redo',
    shortcuts: ['mod+shift+z', 'mod+y'],
    run: () => useEditor.getState().redo(),
    enabled: () => useEditor.getState().history.future.length > 0,
  },
  { id: 'save', shortcuts: ['mod+s'], run: () => void useEditor.getState().flush(), enabled: () => useEditor.getState().draft !== null },
];

/** The action for a shortcut, if any. */
export function actionForShortcut(shortcut: string): EditorAction | undefined {
  return EDITOR_ACTIONS.find((a) => a.shortcuts.includes(shortcut));
}

/**
 * Binds the actions' shortcuts while the editor is shown. They win over the browser's own undo in text
 * fields, because the editor's history spans fields (and the browser's is lost on each re-render).
 */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      // Keys typed in the preview or the side pane (the live chat) belong to those panes.
      if (event.target instanceof Element && event.target.closest('.editor-aside')) return;
      const shortcut = shortcutOf(event);
      const action = shortcut ? actionForShortcut(shortcut) : undefined;
      if (!action) return;
      event.preventDefault();
      if (action.enabled()) action.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
