import { z } from 'zod';
import { adapterChoiceSchema, samplerSettingsSchema } from '../runtime/sampler-schema';

// Side-by-side comparisons judged by the writer on the paper's dimensions (consistency, human-likeness,
// engagement), kept per character in `characters/<id>/evaluations.jsonl`, with a running tally.

export const EVALUATION_DIMENSIONS = ['consistency', 'humanLikeness', 'engagement'] as const;
/** One of the paper's three judged dimensions. */
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

/** Which side was better on one dimension: A, B, or a tie. */
export const verdictSchema = z.enum(['a', 'tie', 'b']);
/** A verdict on one dimension. */
export type Verdict = z.output<typeof verdictSchema>;

/** One side of a comparison: what generated it. */
export const laneSpecSchema = z.object({ sampler: samplerSettingsSchema, adapter: adapterChoiceSchema.nullable() }).strict();
/** One side of a comparison. */
export type LaneSpec = z.output<typeof laneSpecSchema>;

/** One line of `evaluations.jsonl`. */
export const evaluationSchema = z.object({
  id: z.string().min(1).max(64),
  at: z.string().max(40),
  chatId: z.string().max(120),
  characterRevision: z.number().int().min(0),
  lanes: z.tuple([laneSpecSchema, laneSpecSchema]),
  /** Short names of the two sides, e.g. "base" and "adapter style-v1 ×1". */
  labels: z.tuple([z.string().max(200), z.string().max(200)]),
  replies: z.tuple([z.string().max(200_000), z.string().max(200_000)]),
  verdicts: z.object({ consistency: verdictSchema, humanLikeness: verdictSchema, engagement: verdictSchema }),
  /** The reply the writer kept in the chat, if any. */
  kept: z.union([z.literal(0), z.literal(1)]).nullable(),
});

/** A judged comparison as stored. */
export type Evaluation = z.output<typeof evaluationSchema>;

/** A short label for one side: its adapter (or "base") and what differs in its sampler from the other side. */
export function laneLabel(lane: LaneSpec, other: LaneSpec): string {
  const parts = [lane.adapter ? `${lane.adapter.name} ×${lane.adapter.scale}` : 'base'];
  for (const key of ['temperature', 'topP', 'topK', 'minP', 'repeatPenalty'] as const) {
    if (lane.sampler[key] !== other.sampler[key]) parts.push(`${key} ${lane.sampler[key]}`);
  }
  return parts.join(', ');
}

/** Win/tie/lose counts of side B against side A on each dimension, for one pairing of labels. */
export interface TallyRow {
  labels: [string, string];
  count: number;
  dimensions: Record<EvaluationDimension, { bWins: number; ties: number; aWins: number }>;
}

/** The running tally: one row per pairing (A label vs B label), in order of first appearance. */
export function tallyEvaluations(entries: readonly Evaluation[]): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  for (const entry of entries) {
    const key = JSON.stringify(entry.labels);
    let row = rows.get(key);
    if (!row) {
      const empty = () => ({ bWins: 0, ties: 0, aWins: 0 });
      row = { labels: entry.labels, count: 0, dimensions: { consistency: empty(), humanLikeness: empty(), engagement: empty() } };
      rows.set(key, row);
    }
    row.count++;
    for (const dimension of EVALUATION_DIMENSIONS) {
      const cell = row.dimensions[dimension];
      const verdict = entry.verdicts[dimension];
      if (verdict === 'b') cell.bWins++;
      else if (verdict === 'a') cell.aWins++;
      else cell.ties++;
    }
  }
  return [...rows.values()];
}
