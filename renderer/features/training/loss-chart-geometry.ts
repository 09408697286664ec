import type { LossPoint } from '../../../shared/training/training-job';

// Where the loss curve's lines go in the chart's box: steps along x, loss along y (from 0, so a halving
// looks like one), with a few round ticks. Pure, so it is tested without a browser.

export interface ChartGeometry {
  train: string;
  heldOut: string;
  heldOutDots: Array<{ x: number; y: number }>;
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string }>;
}

function niceStep(range: number, count: number): number {
  const raw = range / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/** Polylines and ticks for `points` in a `width` x `height` box. */
export function chartGeometry(points: readonly LossPoint[], width: number, height: number, totalSteps: number): ChartGeometry {
  const values = points.flatMap((p) => [p.train, p.heldOut]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const maxY = Math.max(1e-9, ...values) * 1.05;
  const maxX = Math.max(1, totalSteps, ...points.map((p) => p.step));
  const x = (step: number): number => (step / maxX) * width;
  const y = (loss: number): number => height - (loss / maxY) * height;
  const line = (key: 'train' | 'heldOut'): Array<{ x: number; y: number }> =>
    points.filter((p) => p[key] !== undefined).map((p) => ({ x: x(p.step), y: y(p[key]!) }));
  const path = (pts: Array<{ x: number; y: number }>): string => pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const yStep = niceStep(maxY, 4);
  const xStep = niceStep(maxX, 5);
  const held = line('heldOut');
  return {
    train: path(line('train')),
    heldOut: path(held),
    heldOutDots: held,
    yTicks: Array.from({ length: Math.floor(maxY / yStep) + 1 }, (_, i) => ({ y: y(i * yStep), label: String(+(i * yStep).toFixed(3)) })),
    xTicks: Array.from({ length: Math.floor(maxX / xStep) + 1 }, (_, i) => ({ x: x(i * xStep), label: String(i * xStep) })),
  };
}
