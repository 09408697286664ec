import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/models/model-info';

/** The confirmation before a model is removed: says what happens to the file and who used it. */
export function RemoveConfirm({ model, loaded, onConfirm, onCancel }: { model: ModelInfo; loaded: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation('models');
  const used = (model.usage?.characters.length ?? 0) + (model.usage?.adapters.length ?? 0) > 0;
  return (
    <div role="alertdialog" aria-labelledby={`remove-${model.id}`} className="confirm" data-testid="remove-confirm" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <strong id={`remove-${model.id}`}>{t('remove.question', { name: model.name })}</strong>
      <p>{model.inPlace ? t('remove.keeps') : t('remove.deletes')}{used ? ` ${t('remove.breaks')}` : ''}{loaded ? ` ${t('remove.loaded')}` : ''}</p>
      <div className="actions">
        <button type="button" className="danger" data-testid="remove-confirm-button" onClick={onConfirm}>{t('remove.confirm')}</button>
        <button type="button" onClick={onCancel} autoFocus>{t('remove.cancel')}</button>
      </div>
    </div>
  );
}
