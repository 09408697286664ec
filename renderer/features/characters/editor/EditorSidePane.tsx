import { useTranslation } from 'react-i18next';
import { ChatPane } from '../../chat/ChatPane';
import { useEditor } from './editor-store';

/** Saves the draft before a reply is asked for, so the chat talks to the profile as written. */
const saveDraft = (): Promise<void> => useEditor.getState().flush();

/**
 * The slot beside the character editor for the live chat: the chat feature's `<ChatPane>`. The editor
 * saves before each turn is sent, so the chat always talks to the profile as written.
 */
export function EditorSidePane({ characterId }: { characterId: string }) {
  const { t } = useTranslation('characters');
  return (
    <section className="side-pane" aria-label={t('side.title')} data-character-id={characterId}>
      <h2>{t('side.title')}</h2>
      <ChatPane characterId={characterId} beforeReply={saveDraft} />
    </section>
  );
}
