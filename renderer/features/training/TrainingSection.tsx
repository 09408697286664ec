import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/route-store';
import { studio } from '../../transport/studio-client';
import { CharacterPicker, usePickedCharacter } from '../characters/CharacterPicker';
import { AdaptersPanel } from './AdaptersPanel';
import { DatasetImport } from './DatasetImport';
import { DatasetsPanel } from './DatasetsPanel';
import { JobPanel } from './JobPanel';
import { ProfileVariantsPanel } from './ProfileVariantsPanel';
import { RunForm } from './RunForm';
import { RunsPanel } from './RunsPanel';
import { useTraining } from './training-store';
import './training.css';

/** The Training section: a character's datasets, a run with its live curve, stopped runs and adapters. */
export function TrainingSection() {
  const { t } = useTranslation('training');
  const rest = useRoute((s) => s.rest);
  const go = useRoute((s) => s.go);
  const { characters, characterId } = usePickedCharacter(rest[0]);
  const status = useTraining((s) => s.status);
  const error = useTraining((s) => s.error);
  useEffect(() => studio.on('training.job', (event) => useTraining.getState().onJob(event)), []);

  useEffect(() => {
    if (characterId) void useTraining.getState().load(characterId);
  }, [characterId]);

  if (characters === null) return null;
  if (!characterId) return <p className="empty" data-testid="training-no-characters">{t('noCharacters')}</p>;
  const busy = status !== null && (status.job.state === 'preparing' || status.job.state === 'training');

  const useInChat = async (adapter: string): Promise<void> => {
    const chat = await studio.chat.create({ characterId, settings: { adapter: { name: adapter, scale: 1 } } });
    // the Chat section opens the chat its route names, rather than the last one used
    go('chat', characterId, 'chat', chat.id);
  };

  return (
    <div className="training-section" data-testid="training-section">
      <div className="row">
        <CharacterPicker label={t('pickCharacter')} characters={characters} value={characterId} onPick={(id) => go('training', id)} testId="training-character" />
      </div>
      {error && <p className="error" role="alert" data-testid="training-error">{error}</p>}
      <div className="training-columns">
        <div>
          <DatasetsPanel />
          <DatasetImport />
          <ProfileVariantsPanel characterId={characterId} />
        </div>
        <div>
          {status && status.job.characterId === characterId && <JobPanel status={status} />}
          <RunForm busy={busy} />
          <RunsPanel busy={busy} />
          <AdaptersPanel onUse={(name) => void useInChat(name)} />
        </div>
      </div>
    </div>
  );
}
