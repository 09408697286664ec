import type { ReactNode } from 'react';

/** A titled, collapsible group of fields (open by default). */
export function EditorSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <details className="editor-section" open data-testid={`section-${id}`}>
      <summary><h2>{title}</h2></summary>
      <div className="editor-section-body">{children}</div>
    </details>
  );
}
