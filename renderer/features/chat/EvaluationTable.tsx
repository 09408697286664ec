import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS, type TallyRow } from '../../../shared/chat/evaluation';

/** The running win / tie / lose tally of the evaluation log, one small table per pairing. */
export function EvaluationTable({ tally }: { tally: TallyRow[] }) {
  const { t } = useTranslation('chat');
  if (tally.length === 0) return <p className="empty">{t('evaluations.empty')}</p>;
  return (
    <div className="eval-tables" data-testid="eval-table">
      {tally.map((row) => (
        <table key={row.labels.join('|')} className="eval-table" data-testid="eval-pairing">
          <caption>
            {t('evaluations.pairing', { a: row.labels[0], b: row.labels[1] })} · <span data-testid="eval-count">{t('evaluations.count', { count: row.count })}</span>
          </caption>
          <thead>
            <tr><th>{t('evaluations.dimension')}</th><th>{t('evaluations.bWins')}</th><th>{t('evaluations.ties')}</th><th>{t('evaluations.aWins')}</th></tr>
          </thead>
          <tbody>
            {EVALUATION_DIMENSIONS.map((d) => (
              <tr key={d} data-testid={`eval-row-${d}`}>
                <th scope="row">{t(`compare.dimensions.${d}`)}</th>
                <td>{row.dimensions[d].bWins}</td>
                <td>{row.dimensions[d].ties}</td>
                <td>{row.dimensions[d].aWins}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
