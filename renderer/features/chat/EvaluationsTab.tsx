import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationsView } from '../../../shared/contract/domains/chat';
import { studio } from '../../transport/studio-client';
import { EvaluationTable } from './EvaluationTable';

/** The character's evaluation log: the tally and the latest judged pairs. */
export function EvaluationsTab({ characterId }: { characterId: string }) {
  const { t } = useTranslation('chat');
  const [view, setView] = useState<EvaluationsView | null>(null);
  useEffect(() => {
    void studio.chat.evaluations({ characterId }).then(setView, () => setView({ entries: [], tally: [] }));
  }, [characterId]);
  if (!view) return null;
  return (
    <section className="evaluations-tab" aria-label={t('evaluations.title')}>
      <h2>{t('evaluations.title')}</h2>
      <EvaluationTable tally={view.tally} />
      <ol className="evaluation-entries">
        {view.entries.slice(-20).reverse().map((e) => (
          <li key={e.id}>
            <span className="muted">{new Date(e.at).toLocaleString()}</span> — {t('evaluations.pairing', { a: e.labels[0], b: e.labels[1] })}
            <div className="compare-replies">
              <p className="compare-reply">{e.replies[0]}</p>
              <p className="compare-reply">{e.replies[1]}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
