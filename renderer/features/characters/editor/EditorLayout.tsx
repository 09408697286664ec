import type { ReactNode } from 'react';

/**
 * The editor's columns: the form, then a right-hand column with the preview above the `side` slot.
 * `side` is where the live chat pane mounts (see EditorSidePane), so writing and talking sit together.
 */
export function EditorLayout({ toolbar, form, preview, side }: { toolbar: ReactNode; form: ReactNode; preview: ReactNode; side: ReactNode }) {
  return (
    <div className="editor-layout">
      <div className="editor-main">
        {toolbar}
        <div className="editor-form">{form}</div>
      </div>
      <aside className="editor-aside">
        <div className="editor-preview">{preview}</div>
        <div className="editor-side" data-testid="editor-side">{side}</div>
      </aside>
    </div>
  );
}
