import { useTranslation } from 'react-i18next';
import type { DatasetPreview } from '../../../shared/training/dataset-view';

/** What a dataset will teach: counts, problems by line, and the first dialogues with the learnt replies marked. */
export function DatasetPreviewView({ preview }: { preview: DatasetPreview }) {
  const { t } = useTranslation('training');
  const stats = preview.stats;
  return (
    <div className="dataset-preview" data-testid="dataset-preview">
      <p>{t('preview.summary', { dialogues: preview.dialogues, replies: preview.replies, format: t(`import.formats.${preview.format}`) })}</p>
      <p className="muted" data-testid="dataset-token-stats">
        {stats
          ? t('preview.tokens', { tokens: stats.tokens, trained: stats.trainedTokens, windows: stats.windows, window: stats.windowTokens, model: stats.model })
          : t('preview.noModel')}
      </p>
      {preview.notes.map((note) => <p key={note} className="muted">{note}</p>)}
      {preview.issues.length > 0 && (
        <div className="issues" role="alert" data-testid="dataset-issues">
          <p>{t('preview.problems', { count: preview.issues.length })}</p>
          <ul>
            {preview.issues.slice(0, 50).map((issue, i) => (
              <li key={i}><strong>{t('preview.line', { line: issue.line })}</strong>: {issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.tooLong.length > 0 && stats && (
        <div className="warnings" data-testid="dataset-too-long">
          <p>{t('preview.tooLong', { count: preview.tooLong.length, window: stats.windowTokens })}</p>
          <ul>
            {preview.tooLong.slice(0, 20).map((issue, i) => (
              <li key={i}><strong>{t('preview.line', { line: issue.line })}</strong>: {issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      <ol className="samples">
        {preview.samples.map((sample) => (
          <li key={sample.line} data-testid="dataset-sample">
            <div className="sample-meta muted">
              {t('preview.line', { line: sample.line })}
              {sample.tokens !== null && ` · ${t('preview.sampleTokens', { tokens: sample.tokens, trained: sample.trainedTokens })}`}
            </div>
            <pre className="sample-text">
              {sample.segments.map((s, i) => (
                <span key={i} className={s.trained ? 'trained' : s.kind} title={s.trained ? t('preview.trained') : undefined}>{s.text}</span>
              ))}
            </pre>
          </li>
        ))}
      </ol>
      {preview.dialogues > preview.samples.length && <p className="muted">{t('preview.more', { shown: preview.samples.length, total: preview.dialogues })}</p>}
    </div>
  );
}
