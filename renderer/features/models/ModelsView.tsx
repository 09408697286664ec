import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { useRuntime } from '../runtime/runtime-store';
import { AddModelPanel } from './AddModelPanel';
import { HubGetPanel } from './HubGetPanel';
import { JobProgress } from './JobProgress';
import { LeftoversPanel } from './LeftoversPanel';
import { modelProblemLine } from './model-problem-line';
import { ModelUsageCell } from './ModelUsageCell';
import { RemoveConfirm } from './RemoveConfirm';
import { useModels } from './models-store';
import './models.css';

/**
 * Installed models with their facts and users; set the default, load, remove; add new ones. Until a real
 * model is installed (anything but the demo), getting CharacterGLM-6B from the hub comes first.
 */
export function ModelsView() {
  const { t } = useTranslation('models');
  const models = useModels((s) => s.models);
  const busy = useModels((s) => s.busy);
  const error = useModels((s) => s.error);
  const problem = useModels((s) => s.problem);
  const setDefault = useModels((s) => s.setDefault);
  const load = useModels((s) => s.load);
  const remove = useModels((s) => s.remove);
  const loadedId = useRuntime((s) => (s.status?.state === 'ready' ? s.status.model?.id : undefined));
  const [removing, setRemoving] = useState<string | null>(null);
  const hasRealModel = Boolean(models?.some((m) => m.source !== 'demo'));
  return (
    <section className="page">
      <h1>{t('heading')}</h1>
      {error && <p className="error" role="alert" data-testid="models-error" data-problem={problem?.kind}>{problem ? modelProblemLine(t, problem) : error}</p>}
      <JobProgress />
      <LeftoversPanel />
      {models !== null && !hasRealModel && <HubGetPanel />}
      {models?.length === 0 && <p className="empty">{t('empty')}</p>}
      {models && models.length > 0 && (
        <table className="table" data-testid="models-table">
          <thead>
            <tr>
              <th>{t('columns.name')}</th>
              <th>{t('columns.architecture')}</th>
              <th>{t('columns.quantization')}</th>
              <th>{t('columns.size')}</th>
              <th>{t('columns.context')}</th>
              <th>{t('columns.licence')}</th>
              <th>{t('columns.usedBy')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id} data-model-id={m.id}>
                <td>
                  {m.name} {m.isDefault && <span className="badge">{t('isDefault')}</span>}
                  {m.inPlace && <div className="muted" title={m.path}>{t('inPlace')}</div>}
                  {m.problem && <div className="error">{t('problem', { problem: m.problem })}</div>}
                </td>
                <td>{m.architecture}</td>
                <td>{m.quantization}</td>
                <td>{formatBytes(m.sizeBytes)}</td>
                <td>{m.contextLength}</td>
                <td>{m.licence}</td>
                <td><ModelUsageCell model={m} /></td>
                <td>
                  {removing === m.id ? (
                    <RemoveConfirm model={m} loaded={loadedId === m.id} onCancel={() => setRemoving(null)} onConfirm={() => { setRemoving(null); void remove(m.id); }} />
                  ) : (
                    <div className="actions">
                      {!m.isDefault && <button type="button" disabled={busy} onClick={() => void setDefault(m.id)}>{t('makeDefault')}</button>}
                      {loadedId === m.id
                        ? <span className="badge">{t('loaded')}</span>
                        : <button type="button" data-testid="model-load" disabled={busy || Boolean(m.problem)} onClick={() => void load(m.id)}>{t('load')}</button>}
                      <button type="button" data-testid="model-remove" disabled={busy} onClick={() => setRemoving(m.id)}>{t('remove.button')}</button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRealModel && <HubGetPanel />}
      <AddModelPanel />
    </section>
  );
}
