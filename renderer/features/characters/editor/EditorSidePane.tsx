import { useTranslation } from 'react-i18next';

/**
 * The slot beside the character editor for the live chat. The chat feature mounts
 * `<ChatPane characterId={characterId} />` here (replace the placeholder below); the editor saves
 * before each turn is sent, so the chat always talks to the profile as written.
 */
export function EditorSidePane({ characterId }: { characterId: string }) {
  const { t } = useTranslation('characters');
  return (
    <section className="side-pane" aria-label={t('side.title')} data-character-id={characterId}>
      <h2>{t('side.title')}</h2>
      <p className="empty">{t('side.placeholder')}</p>
    </section>
  );
}
