import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CharacterSummary } from '../../../shared/character/character-summary';
import { useRoute } from '../../app/route-store';
import { studio } from '../../transport/studio-client';
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
  const [characters, setCharacters] = useState<CharacterSummary[] | null>(null);
  useEffect(() => {
    const load = (): void => void studio.characters.list({}).then(setCharacters, () => setCharacters([]));
    load();
    return studio.on('characters.changed', load);
  }, []);
  const usable = (characters ?? []).filter((c) => !c.problem);
  const characterId = rest[0] && usable.some((c) => c.id === rest[0]) ? rest[0] : usable[0]?.id;
  const tab: Tab = (TABS as readonly string[]).includes(rest[1] ?? '') ? (rest[1] as Tab) : 'chat';
  if (characters === null) return null;
  if (!characterId) return <p className="empty" data-testid="chat-no-characters">{t('noCharacters')}</p>;
  return (
    <div className="chat-section">
      <div className="chat-section-bar row">
        <label>
          <span>{t('pickCharacter')}</span>{' '}
          <select data-testid="chat-character" value={characterId} onChange={(e) => go('chat', e.target.value, tab)}>
            {usable.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <div role="tablist" className="tabs">
          {TABS.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} data-testid={`chat-tab-${name}`} onClick={() => go('chat', characterId, name)}>
              {t(`tabs.${name}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === 'chat' && <ChatPane characterId={characterId} />}
      {tab === 'corrections' && <CorrectionsView characterId={characterId} />}
      {tab === 'evaluations' && <EvaluationsTab characterId={characterId} />}
    </div>
  );
}
