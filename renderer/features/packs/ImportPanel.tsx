import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { MAX_IMPORT_FILE_BYTES, usePacks } from './packs-store';

const ACCEPT = '.png,.json,.charx,.jpg,.jpeg,image/png,image/jpeg,application/json';

/** Drop zone and file picker for cards, CHARX files and packs; shows progress and per-file results. */
export function ImportPanel() {
  const { t } = useTranslation('packs');
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const progress = usePacks((s) => s.progress);
  const imported = usePacks((s) => s.imported);
  const failed = usePacks((s) => s.failed);
  const importFiles = usePacks((s) => s.importFiles);

  useEffect(() => {
    // Ctrl+O (Cmd+O) opens the picker while this page is shown, as in a desktop app.
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        input.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void importFiles(files);
  };

  return (
    <section className="packs-panel">
      <h2>{t('import.heading')}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="packs-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>{t('import.drop')}</span>{' '}
        <button type="button" className="primary" disabled={progress !== null} onClick={() => input.current?.click()} title={t('import.shortcut')}>
          {t('import.choose')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid="packs-file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
      </div>
      {progress && (
        <div className="packs-progress" data-testid="packs-import-progress">
          <progress max={progress.total} value={progress.done - 1 + progress.sent} />
          <span>{t('import.progress', progress)}</span>
        </div>
      )}
      <ul className="packs-results" data-testid="packs-import-results">
        {imported.map((item) => (
          <li key={`${item.fileName}-${item.id}`} className="ok" data-testid="packs-imported">
            <strong>{t('import.imported', { name: item.name, file: item.fileName })}</strong> <span className="badge">{t(`import.formats.${item.format}`)}</span>
            {item.files > 0 && <span className="badge">{t('import.files', { count: item.files })}</span>}
            {item.missingBaseModels.map((m) => (
              <div key={m.adapter} className="error" data-testid="packs-missing-base">{t('import.missingBase', { adapter: m.adapter, model: m.baseModel || m.sha256 })}</div>
            ))}
            {item.warnings.filter((w) => !w.startsWith('adapter "')).map((w) => (
              <div key={w} className="empty">{w}</div>
            ))}
          </li>
        ))}
        {failed.map((f) => (
          <li key={f.fileName} className="error" role="alert" data-testid="packs-failed">
            <strong>{t('import.failed', { file: f.fileName })}</strong>{' '}
            {f.tooLargeBytes !== undefined
              ? t('import.tooLarge', { file: f.fileName, size: formatBytes(f.tooLargeBytes), limit: formatBytes(MAX_IMPORT_FILE_BYTES) })
              : f.message.startsWith(`${f.fileName}: `) ? f.message.slice(f.fileName.length + 2) : f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
