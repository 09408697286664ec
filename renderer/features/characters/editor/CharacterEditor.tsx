import { useEffect } from 'react';
import { PromptPreviewPanel } from '../preview/PromptPreviewPanel';
import { useEditorShortcuts } from './editor-actions';
import { useEditor } from './editor-store';
import { EditorLayout } from './EditorLayout';
import { EditorSidePane } from './EditorSidePane';
import { EditorToolbar } from './EditorToolbar';
import { BasicsSection } from './sections/BasicsSection';
import { ConversationSections } from './sections/ConversationSections';
import { PersonaSection } from './sections/PersonaSection';
import { ProfileSections } from './sections/ProfileSections';

/** The editor for one character: fields, preview, and the side slot for the live chat. */
export function CharacterEditor({ id }: { id: string }) {
  const open = useEditor((s) => s.open);
  const loaded = useEditor((s) => s.draft?.id === id);
  const loadError = useEditor((s) => (s.id === id ? s.loadError : null));
  useEffect(() => {
    void open(id);
  }, [id, open]);
  useEditorShortcuts();
  if (loadError) return <p className="error" role="alert" data-testid="editor-load-error">{loadError}</p>;
  if (!loaded) return null;
  return (
    <EditorLayout
      toolbar={<EditorToolbar />}
      form={
        <>
          <BasicsSection />
          <ProfileSections />
          <PersonaSection />
          <ConversationSections />
        </>
      }
      preview={<PromptPreviewPanel />}
      side={<EditorSidePane characterId={id} />}
    />
  );
}
