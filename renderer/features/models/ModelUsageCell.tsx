import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/models/model-info';

/** Which characters and adapters use a model. */
export function ModelUsageCell({ model }: { model: ModelInfo }) {
  const { t } = useTranslation('models');
  const u = model.usage;
  if (!u || (u.characters.length === 0 && u.adapters.length === 0)) return <span className="muted">{t('unused')}</span>;
  return (
    <div data-testid="model-usage">
      {u.characters.length > 0 && <div>{t('usage.characters', { count: u.characters.length, names: u.characters.map((c) => c.name).join(', ') })}</div>}
      {u.adapters.length > 0 && <div>{t('usage.adapters', { count: u.adapters.length, names: u.adapters.map((a) => `${a.characterName}/${a.name}`).join(', ') })}</div>}
    </div>
  );
}
