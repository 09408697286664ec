import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studio } from '../../transport/studio-client';
import { FolderField } from './FolderField';
import { useAsyncAction } from './use-async-action';

/** Beside each adapter: writes it as a PEFT folder (transformers, vLLM) on the studio's machine. */
export function PeftExportButton({ characterId, adapter }: { characterId: string; adapter: string }) {
  const { t } = useTranslation('cluster');
  const [open, setOpen] = useState(false);
  const [outDir, setOutDir] = useState('');
  const action = useAsyncAction<string>();
  if (!open) return <button type="button" data-testid="adapter-export-peft" onClick={() => setOpen(true)}>{t('export.open')}</button>;
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    void action.run(async () => (await studio.training.exportPeft({ characterId, name: adapter, outDir: outDir.trim() })).path);
  };
  return (
    <form className="form cluster-form" data-testid="adapter-export-peft-form" onSubmit={submit}>
      <FolderField label={t('export.folder')} value={outDir} onChange={setOutDir} testId="adapter-export-dir" disabled={action.busy} fresh />
      <div className="row">
        <button type="submit" className="primary" data-testid="adapter-export-submit" disabled={action.busy || !outDir.trim()}>{t('export.export')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('export.cancel')}</button>
      </div>
      {action.done && <p data-testid="adapter-export-done">{t('export.done', { path: action.done })}</p>}
      {action.error && <p className="error" role="alert">{action.error}</p>}
    </form>
  );
}
