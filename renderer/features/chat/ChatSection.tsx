import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/route-store';
import { CharacterPicker, usePickedCharacter } from '../characters/CharacterPicker';
import { ChatPane } from './ChatPane';
import { CorrectionsView } from './CorrectionsView';
import { EvaluationsTab } from './EvaluationsTab';

const TABS = ['chat', 'corrections', 'evaluations'] as const;
type Tab = (typeof TABS)[number];

/** The Chat section: pick a character, then its chat full-screen, its corrections, or its evaluation log. */
export function ChatSection() {
  const { t } = useTranslation('chat');
  const rest = useRoute((s) => s.rest);
  const go = useRoute((s) => s.go);
  const { characters, characterId } = usePickedCharacter(rest[0]);
  const tab: Tab = (TABS as readonly string[]).includes(rest[1] ?? '') ? (rest[1] as Tab) : 'chat';
  if (characters === null) return null;
  if (!characterId) return <p className="empty" data-testid="chat-no-characters">{t('noCharacters')}</p>;
  return (
    <div className="chat-section">
      <div className="chat-section-bar row">
        <CharacterPicker label={t('pickCharacter')} characters={characters} value={characterId} onPick={(id) => go('chat', id, tab)} testId="chat-character" />
        <div role="tablist" className="tabs">
          {TABS.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} data-testid={`chat-tab-${name}`} onClick={() => go('chat', characterId, name)}>
              {t(`tabs.${name}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === 'chat' && <ChatPane characterId={characterId} chatId={rest[2]} />}
      {tab === 'corrections' && <CorrectionsView characterId={characterId} />}
      {tab === 'evaluations' && <EvaluationsTab characterId={characterId} />}
    </div>
  );
}
