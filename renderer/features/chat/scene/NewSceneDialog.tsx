import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studio } from '../../../transport/studio-client';
import { useCharacters, usableCharacters } from '../../characters/characters-store';
import { useChat } from '../chat-store';
import { canCreateScene, togglePick } from './scene-picks';

/** The greeting of `characterId` (the scene's opening line unless the writer types another), '' until loaded. */
function useGreeting(characterId: string | undefined): string {
  const [greeting, setGreeting] = useState('');
  useEffect(() => {
    let live = true;
    setGreeting('');
    if (characterId) void studio.characters.get({ id: characterId }).then((c) => live && setGreeting(c.greeting), () => undefined);
    return () => {
      live = false;
    };
  }, [characterId]);
  return greeting;
}

/**
 * Chat → New scene: characters picked in order (the one whose chat is open comes first, as the host), whether
 * the user takes part, what is going on, the opening line (the host's greeting unless changed) and a title.
 */
export function NewSceneDialog({ characterId, onClose }: { characterId: string; onClose: () => void }) {
  const { t } = useTranslation('chat');
  const list = useCharacters((s) => s.list);
  const error = useChat((s) => s.error);
  const [picked, setPicked] = useState<string[]>([characterId]);
  const [withUser, setWithUser] = useState(true);
  const [description, setDescription] = useState('');
  const [opening, setOpening] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const greeting = useGreeting(picked[0]);
  useEffect(() => {
    if (useCharacters.getState().list === null) void useCharacters.getState().refresh().catch(() => undefined);
  }, []);
  const characters = usableCharacters(list);
  const hostName = characters.find((c) => c.id === picked[0])?.name ?? '';
  const create = async (): Promise<void> => {
    const scene = { participants: picked, withUser, description, opening: opening ?? greeting, ...(title.trim() ? { title: title.trim() } : {}) };
    if (await useChat.getState().newScene(scene)) onClose();
  };
  return (
    <div className="prompt-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="prompt-dialog new-scene" role="dialog" aria-label={t('scene.dialogTitle')} data-testid="new-scene-dialog"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <div className="row">
          <strong>{t('scene.dialogTitle')}</strong>
          <button type="button" onClick={onClose}>{t('close')}</button>
        </div>
        <fieldset className="scene-picks">
          <legend>{t('scene.cast')}</legend>
          {characters.map((c) => {
            const order = picked.indexOf(c.id);
            return (
              <label key={c.id}>
                <input type="checkbox" data-testid={`scene-pick-${c.id}`} checked={order !== -1} onChange={() => setPicked(togglePick(picked, c.id))} />{' '}
                {c.name}
                {c.nickname.trim() && c.nickname.trim() !== c.name && <span className="muted"> ({c.nickname.trim()})</span>}
                {order !== -1 && <span className="pick-order" data-testid="scene-pick-order">{order + 1}{order === 0 ? ` · ${t('scene.host')}` : ''}</span>}
              </label>
            );
          })}
        </fieldset>
        <label><input type="checkbox" data-testid="scene-with-user" checked={withUser} onChange={(e) => setWithUser(e.target.checked)} /> {t('scene.withUser')}</label>
        <label className="stacked">
          {t('scene.description')}
          <textarea data-testid="scene-description-input" placeholder={t('scene.descriptionPlaceholder')} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="stacked">
          {t('scene.opening', { name: hostName })}
          <textarea data-testid="scene-opening" value={opening ?? greeting} onChange={(e) => setOpening(e.target.value)} />
        </label>
        <label className="stacked">
          {t('scene.title')}
          <input data-testid="scene-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {!canCreateScene(picked) && <p className="muted">{t('scene.pickMore')}</p>}
        {error && <p className="notice error" role="alert">{error}</p>}
        <div className="row">
          <button type="button" className="primary" data-testid="scene-create" disabled={!canCreateScene(picked)} onClick={() => void create()}>{t('scene.create')}</button>
          <button type="button" onClick={onClose}>{t('cancel')}</button>
        </div>
      </div>
    </div>
  );
}
