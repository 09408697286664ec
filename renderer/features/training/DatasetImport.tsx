import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { DatasetFormat } from '../../../shared/training/training-sample';
import { DatasetPreviewView } from './DatasetPreviewView';
import { useTraining } from './training-store';

const MAX_BYTES = 20 * 1024 * 1024;
const FORMATS: Array<DatasetFormat | 'auto'> = ['auto', 'messages', 'session', 'transcript', 'csv'];

/** Pick or drop a dialogue file, see exactly what it teaches, and save it with the character. */
export function DatasetImport() {
  const { t } = useTranslation('training');
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const draft = useTraining((s) => s.draft);
  const saved = useTraining((s) => s.saved);
  const { openFile, setDraft, saveDraft, discardDraft } = useTraining.getState();

  const read = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setTooLarge(t('import.tooLarge', { file: file.name, size: formatBytes(file.size) }));
      return;
    }
    setTooLarge(null);
    await openFile(file.name, await file.text());
  };
  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    void read(event.dataTransfer.files[0]);
  };
  const clean = draft?.preview && draft.preview.issues.length === 0 && draft.preview.dialogues > 0;

  return (
    <section className="panel training-import">
      <h2>{t('import.heading')}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="muted">{t('import.hint')}</span>{' '}
        <button type="button" onClick={() => input.current?.click()}>{t('import.choose')}</button>
        <input ref={input} type="file" hidden accept=".jsonl,.json,.txt,.csv,.md" data-testid="dataset-file-input"
          onChange={(e) => {
            void read(e.target.files?.[0]);
            e.target.value = '';
          }} />
      </div>
      {tooLarge && <p className="error" role="alert">{tooLarge}</p>}
      {saved && !draft && <p className="muted" data-testid="dataset-saved">{t('import.saved', { name: saved.name, count: saved.dialogues })}</p>}
      {draft && (
        <div className="form">
          {draft.busy && <p className="muted">{t('import.reading', { file: draft.fileName })}</p>}
          <div className="row">
            <label>
              <span>{t('import.format')}</span>
              <select value={draft.format} data-testid="dataset-format" onChange={(e) => void setDraft({ format: e.target.value as DatasetFormat | 'auto' })}>
                {FORMATS.map((f) => <option key={f} value={f}>{t(`import.formats.${f}`)}</option>)}
              </select>
            </label>
            <label>
              <span>{t('import.name')}</span>
              <input value={draft.name} maxLength={100} data-testid="dataset-name" onChange={(e) => void setDraft({ name: e.target.value })} />
            </label>
          </div>
          {draft.preview && <DatasetPreviewView preview={draft.preview} />}
          <div className="row">
            <button type="button" className="primary" disabled={!clean || draft.busy || draft.name.trim() === ''} data-testid="dataset-save" onClick={() => void saveDraft()}>
              {t('import.save')}
            </button>
            <button type="button" onClick={discardDraft}>{t('import.discard')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
