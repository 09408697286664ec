import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';
import { EDITOR_ACTIONS } from './editor-actions';
import { useEditor, type SaveState } from './editor-store';

function SaveIndicator() {
  const { t } = useTranslation('characters');
  const state: SaveState = useEditor((s) => s.saveState);
  const error = useEditor((s) => s.saveError) ?? '';
  const reload = useEditor((s) => s.reload);
  return (
    <span className={`save-state ${state}`} data-testid="save-state" data-state={state} role="status">
      {t(`save.${state}`, { error })}
      {state === 'conflict' && <button type="button" onClick={() => void reload()}>{t('save.reload')}</button>}
    </span>
  );
}

/** The open character's title, save state and commands (the registered editor actions plus library ones). */
export function EditorToolbar() {
  const { t } = useTranslation('characters');
  const draft = useEditor((s) => s.draft)!;
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const duplicate = useLibrary((s) => s.duplicate);
  const remove = useLibrary((s) => s.remove);
  const flush = useEditor((s) => s.flush);
  const action = (id: 'undo' | 'redo' | 'save') => EDITOR_ACTIONS.find((a) => a.id === id)!;
  return (
    <div className="editor-toolbar">
      <h1 data-testid="editor-title">{draft.name.trim() || '…'}</h1>
      <SaveIndicator />
      <div className="actions" title={t('actions.shortcuts')}>
        <button type="button" data-testid="undo" disabled={!canUndo} onClick={() => action('undo').run()}>{t('actions.undo')}</button>
        <button type="button" data-testid="redo" disabled={!canRedo} onClick={() => action('redo').run()}>{t('actions.redo')}</button>
        <button type="button" data-testid="duplicate" onClick={() => void flush().then(() => duplicate(draft.id))}>{t('actions.duplicate')}</button>
        <button type="button" className="danger" data-testid="delete" onClick={() => void flush().then(() => remove(draft.id))}>{t('actions.delete')}</button>
      </div>
    </div>
  );
}
