import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { BrowsePathButton } from './BrowsePathButton';
import { LicenceNotice } from './LicenceNotice';
import { useModels } from './models-store';

type Tab = 'import' | 'download' | 'convert';

/** Import a GGUF, download one, or convert a hub checkpoint — each path typed on the studio's machine. */
export function AddModelPanel() {
  const { t, i18n } = useTranslation('models');
  const [tab, setTab] = useState<Tab>('import');
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'copy' | 'inPlace'>('copy');
  const [source, setSource] = useState('');
  const [sha256, setSha256] = useState('');
  const [dir, setDir] = useState('');
  const [quant, setQuant] = useState<'Q4_K_M' | 'Q8_0' | 'F16'>('Q4_K_M');
  const s = useModels();
  const running = Boolean(s.job) || s.busy;
  const { loadCatalog } = s;
  useEffect(() => void loadCatalog(), [loadCatalog]);
  const checkpoint = s.checkpoint?.dir === dir.trim() ? s.checkpoint : null;
  const convertBlocked = !checkpoint || (checkpoint.licence !== null && !checkpoint.licenceAccepted);
  const submit = (e: React.FormEvent, run: () => void) => {
    e.preventDefault();
    if (!running) run();
  };
  return (
    <section className="panel" aria-labelledby="add-model-heading" data-testid="add-model">
      <h2 id="add-model-heading">{t('add.heading')}</h2>
      <div className="tabs" role="tablist">
        {(['import', 'download', 'convert'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`add-tab-${id}`} onClick={() => setTab(id)}>{t(`add.${id}`)}</button>
        ))}
      </div>
      <p className="muted">{t('add.serverNote')}</p>
      {tab === 'import' && (
        <form className="form" onSubmit={(e) => submit(e, () => void s.importModel(path.trim(), mode))}>
          <label>{t('add.importPath')}<input data-testid="import-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/models/characterglm-6b-Q4_K_M.gguf" /></label>
          <BrowsePathButton kind="model-file" disabled={running} onChosen={setPath} />
          <label><input type="radio" name="import-mode" checked={mode === 'copy'} onChange={() => setMode('copy')} /> {t('add.modeCopy')}</label>
          <label><input type="radio" name="import-mode" data-testid="import-in-place" checked={mode === 'inPlace'} onChange={() => setMode('inPlace')} /> {t('add.modeInPlace')}</label>
          <button type="submit" className="primary" data-testid="import-submit" disabled={running || !path.trim()}>{t('add.importButton')}</button>
        </form>
      )}
      {tab === 'download' && (
        <form className="form" onSubmit={(e) => submit(e, () => void s.download(source.trim(), sha256.trim() || undefined))}>
          <label>{t('add.downloadSource')}<input data-testid="download-source" value={source} onChange={(e) => setSource(e.target.value)} /></label>
          <label>{t('add.sha256')}<input data-testid="download-sha256" value={sha256} onChange={(e) => setSha256(e.target.value)} /></label>
          <button type="submit" className="primary" data-testid="download-submit" disabled={running || !source.trim()}>{t('add.downloadButton')}</button>
          {s.catalog && s.catalog.entries.length > 0 && (
            <div data-testid="catalog">
              <h3>{t('add.catalog')}</h3>
              {s.catalog.entries.map((entry) => {
                const licence = s.catalog!.licences.find((l) => l.id === entry.licence);
                return (
                  <article key={entry.id} className="catalog-entry" data-catalog-id={entry.id}>
                    <strong>{entry.name}</strong> <span className="muted">{formatBytes(entry.kind === 'gguf' ? entry.sizeBytes : entry.approxSizeBytes)}</span>
                    <p>{i18n.language === 'zh-CN' ? entry.description['zh-CN'] : entry.description.en}</p>
                    {entry.kind === 'checkpoint' && <p className="muted">{t('add.repo', { repo: entry.repo })}</p>}
                    {licence && <LicenceNotice licence={licence} accepted={s.catalog!.acceptedLicences.includes(licence.id)} />}
                    {entry.kind === 'gguf' && (
                      <button type="button" disabled={running || !s.catalog!.acceptedLicences.includes(entry.licence)} onClick={() => void s.download(entry.id)}>{t('add.downloadButton')}</button>
                    )}
                  </article>
                );
              })}
            </div>
          )}
        </form>
      )}
      {tab === 'convert' && (
        <form className="form" onSubmit={(e) => submit(e, () => void (checkpoint ? s.convert(dir.trim(), quant) : s.inspectCheckpoint(dir.trim())))}>
          <label>{t('add.convertDir')}<input data-testid="convert-dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/models/CharacterGLM-6B" /></label>
          <BrowsePathButton kind="checkpoint-folder" disabled={running} onChosen={setDir} />
          <button type="button" data-testid="convert-inspect" disabled={running || !dir.trim()} onClick={() => void s.inspectCheckpoint(dir.trim())}>{t('add.inspect')}</button>
          {checkpoint && (
            <>
              <p data-testid="convert-summary">{t('add.summary', { name: checkpoint.name, format: checkpoint.format, layers: checkpoint.layers, tensors: checkpoint.tensorCount, size: formatBytes(checkpoint.weightBytes) })}</p>
              {checkpoint.licence && <LicenceNotice licence={checkpoint.licence} accepted={checkpoint.licenceAccepted} />}
              <label>{t('add.quant')}
                <select data-testid="convert-quant" value={quant} onChange={(e) => setQuant(e.target.value as typeof quant)}>
                  <option value="Q4_K_M">Q4_K_M</option>
                  <option value="Q8_0">Q8_0</option>
                  <option value="F16">F16</option>
                </select>
              </label>
              <button type="submit" className="primary" data-testid="convert-submit" disabled={running || convertBlocked}>{t('add.convertButton')}</button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
