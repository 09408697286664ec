import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studio } from '../../transport/studio-client';
import { errorText } from '../../app/error-guard';
import { BrowsePathButton } from '../models/BrowsePathButton';

/** Beside each adapter: writes it as a PEFT folder (transformers, vLLM) on the studio's machine. */
export function PeftExportButton({ characterId, adapter }: { characterId: string; adapter: string }) {
  const { t } = useTranslation('cluster');
  const [open, setOpen] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [state, setState] = useState<{ busy: boolean; done: string | null; error: string | null }>({ busy: false, done: null, error: null });
  if (!open) return <button type="button" data-testid="adapter-export-peft" onClick={() => setOpen(true)}>{t('export.open')}</button>;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (state.busy) return;
    setState({ busy: true, done: null, error: null });
    try {
      const done = await studio.training.exportPeft({ characterId, name: adapter, outDir: outDir.trim() });
      setState({ busy: false, done: done.path, error: null });
    } catch (error) {
      setState({ busy: false, done: null, error: errorText(error) });
    }
  };
  return (
    <form className="form cluster-form" data-testid="adapter-export-peft-form" onSubmit={(e) => void submit(e)}>
      <label>{t('export.folder')}<input data-testid="adapter-export-dir" value={outDir} onChange={(e) => setOutDir(e.target.value)} /></label>
      <BrowsePathButton kind="folder" disabled={state.busy} onChosen={setOutDir} />
      <p className="muted">{t('folderHint')}</p>
      <div className="row">
        <button type="submit" className="primary" data-testid="adapter-export-submit" disabled={state.busy || !outDir.trim()}>{t('export.export')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('export.cancel')}</button>
      </div>
      {state.done && <p data-testid="adapter-export-done">{t('export.done', { path: state.done })}</p>}
      {state.error && <p className="error" role="alert">{state.error}</p>}
    </form>
  );
}
