import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { studio } from '../../transport/studio-client';
import { useSettings } from '../settings/settings-store';
import { backendReasonLine } from './backend-reason-line';
import { useRuntime } from './runtime-store';

/** Bottom bar: which model is active and on which compute backend (and why). */
export function StatusBar() {
  const { t } = useTranslation('app');
  const { t: tr } = useTranslation('runtime');
  const status = useRuntime((s) => s.status);
  const connected = useRuntime((s) => s.connected);
  const model = status?.model;
  let modelText = t('status.noModel');
  if (status?.state === 'loading' && model) modelText = t('status.loading', { name: model.name, percent: Math.round(status.loadProgress * 100) });
  else if (status?.state === 'ready' && model) modelText = t('status.ready', { name: model.name });
  else if (status?.state === 'error' && status.error) modelText = t('status.error', { error: status.error });
  const reason = status ? backendReasonLine(tr, status.backendReason) : '';
  const context = status?.context;
  const settings = useSettings((s) => s.settings);
  if (settings?.engine === 'remote') {
    // replies come from the server: the model loaded here (if any) computes none of them
    return (
      <footer className="status-bar" role="status">
        {!connected && <span className="status-warning" data-testid="status-disconnected">{t('status.disconnected')}</span>}
        <span data-testid="status-remote">{tr('remote', { url: settings.remoteUrl ?? '—' })}{settings.remoteModel && ` · ${settings.remoteModel}`}</span>
      </footer>
    );
  }
  return (
    <footer className="status-bar" role="status">
      {!connected && <span className="status-warning" data-testid="status-disconnected">{t('status.disconnected')}</span>}
      <span data-testid="status-model" data-state={status?.state ?? 'idle'}>{modelText}</span>
      {status?.state === 'loading' && (
        <>
          <progress className="status-progress" max={1} value={status.loadProgress} aria-label={modelText} />
          <button type="button" className="link" data-testid="status-cancel-load" onClick={() => void studio.runtime.cancelLoad({})}>
            {tr('cancelLoad')}
          </button>
        </>
      )}
      {status?.backend && (
        <span data-testid="status-backend" data-backend={status.backend} title={reason}>
          {t('status.backend')}: {status.backend.toUpperCase()} · {t('status.threads', { count: status.threads })}
        </span>
      )}
      {status?.offload && (
        <span data-testid="status-offload" title={reason}>
          {status.offload.devices.join(', ')} · {t('status.layers', { layers: status.offload.layers, total: status.offload.totalLayers })}
          {status.offload.vramTotalBytes > 0 && <> · {t('status.vram', { used: formatBytes(status.offload.vramUsedBytes), total: formatBytes(status.offload.vramTotalBytes) })}</>}
        </span>
      )}
      {context && (
        <span
          data-testid="status-context"
          data-cut={context.tokens < context.askedTokens}
          title={context.tokens < context.askedTokens
            ? tr('contextCut', { tokens: context.tokens, asked: context.askedTokens })
            : tr('contextTitle', { tokens: context.tokens, sequences: context.sequences })}
        >
          {tr('context', { tokens: context.tokens })}
        </span>
      )}
    </footer>
  );
}
