import { useTranslation } from 'react-i18next';
import type { LossPoint } from '../../../shared/training/training-job';
import { chartGeometry } from './loss-chart-geometry';

const W = 520;
const H = 160;
const PAD = { left: 44, bottom: 22, top: 8, right: 8 };

/** The loss curve: training loss per step as a line, held-out loss as a line with dots. */
export function LossChart({ points, totalSteps, compact = false }: { points: readonly LossPoint[]; totalSteps: number; compact?: boolean }) {
  const { t } = useTranslation('training');
  const width = compact ? 260 : W;
  const height = compact ? 80 : H;
  const g = chartGeometry(points, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom, totalSteps);
  return (
    <figure className={`loss-chart${compact ? ' compact' : ''}`} data-testid="loss-chart" data-points={points.length}>
      {!compact && <figcaption>{t('chart.title')} <span className="legend train">{t('chart.train')}</span> <span className="legend held-out">{t('chart.heldOut')}</span></figcaption>}
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chart.title')}>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {g.yTicks.map((tick) => (
            <g key={`y${tick.label}`}>
              <line x1={0} x2={width - PAD.left - PAD.right} y1={tick.y} y2={tick.y} className="grid" />
              {!compact && <text x={-6} y={tick.y + 4} textAnchor="end">{tick.label}</text>}
            </g>
          ))}
          {!compact && g.xTicks.map((tick) => (
            <text key={`x${tick.label}`} x={tick.x} y={height - PAD.top - 6} textAnchor="middle">{tick.label}</text>
          ))}
          {g.train && <polyline points={g.train} className="train" data-testid="loss-train" />}
          {g.heldOut && <polyline points={g.heldOut} className="held-out" data-testid="loss-held-out" />}
          {g.heldOutDots.map((p, i) => <circle key={i} cx={p.x} cy={p.y} r={compact ? 1.5 : 2.5} className="held-out" />)}
        </g>
      </svg>
      {points.length === 0 && !compact && <p className="muted">{t('chart.empty')}</p>}
    </figure>
  );
}
