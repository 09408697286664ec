import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/models/model-info';
import { studio } from '../../transport/studio-client';
import { FolderField } from './FolderField';
import { useTraining } from './training-store';
import { useAsyncAction } from './use-async-action';

/** Training → Adapters → Import: a PEFT LoRA folder trained elsewhere becomes an adapter for one installed model. */
export function PeftImportForm() {
  const { t } = useTranslation('cluster');
  const characterId = useTraining((s) => s.characterId);
  const refresh = useTraining((s) => s.refresh);
  const [open, setOpen] = useState(false);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [modelId, setModelId] = useState('');
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const action = useAsyncAction<string>();
  useEffect(() => {
    if (!open) return;
    void studio.models.list({}).then((list) => {
      const usable = list.filter((m) => !m.problem && m.architecture === 'chatglm');
      setModels(usable);
      setModelId((current) => current || (usable.find((m) => m.isDefault) ?? usable[0])?.id || '');
    });
  }, [open]);

  if (!open) return <button type="button" data-testid="peft-import-open" onClick={() => setOpen(true)}>{t('import.open')}</button>;
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    if (!characterId) return;
    void action.run(async () => {
      const adapter = await studio.training.importPeft({ characterId, dir: dir.trim(), ...(modelId ? { modelId } : {}), ...(name.trim() ? { name: name.trim() } : {}) });
      await refresh();
      return adapter.name;
    });
  };
  return (
    <form className="form cluster-form" data-testid="peft-import" onSubmit={submit}>
      <h3>{t('import.heading')}</h3>
      <p className="muted">{t('import.hint')}</p>
      <FolderField label={t('import.folder')} value={dir} onChange={setDir} testId="peft-import-dir" disabled={action.busy} fresh={false} placeholder="/data/character-run/adapter" />
      <label>{t('import.model')}
        <select data-testid="peft-import-model" value={modelId} onChange={(e) => setModelId(e.target.value)}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.quantization})</option>)}
        </select>
      </label>
      <label>{t('import.name')}<input data-testid="peft-import-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
      <div className="row">
        <button type="submit" className="primary" data-testid="peft-import-submit" disabled={action.busy || !dir.trim() || !modelId}>{t('import.import')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('import.cancel')}</button>
      </div>
      {action.busy && <p className="muted">{t('import.importing')}</p>}
      {action.done && <p data-testid="peft-import-done">{t('import.done', { name: action.done })}</p>}
      {action.error && <p className="error" role="alert" data-testid="peft-import-error">{action.error}</p>}
    </form>
  );
}
