import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LossPoint, TrainingRunSummary } from '../../../shared/training/training-job';
import { trainingSettingsSchema } from '../../../shared/training/training-settings';
import { writeFileAtomic } from '../fs/atomic-write';

// training-runs/<id>/run.json: what a run was asked to do and how far it got, so a cancelled or crashed
// run can be listed and resumed with the very same windows, settings and base model.

const baseSchema = z.object({ name: z.string(), path: z.string(), sha256: z.string(), architecture: z.string(), quantization: z.string() });

export const runRecordSchema = z.object({
  runId: z.string(),
  characterId: z.string(),
  characterRevision: z.number().int(),
  adapterName: z.string(),
  state: z.enum(['preparing', 'training', 'done', 'cancelled', 'failed']),
  message: z.string().nullable(),
  settings: trainingSettingsSchema,
  datasets: z.array(z.object({ name: z.string(), dialogues: z.number().int() })),
  baseModel: baseSchema,
  startedAt: z.string(),
  windows: z.object({ train: z.number().int(), heldOut: z.number().int() }),
  trainTokens: z.number().int(),
  /** Accepted profile variants the windows were rendered with (prompt augmentation). */
  profileVariants: z.number().int().default(0),
  step: z.number().int(),
  totalSteps: z.number().int(),
  checkpointStep: z.number().int().nullable(),
  maxSteps: z.number().int().optional(),
  checkpointEvery: z.number().int().optional(),
});
export type RunRecord = z.output<typeof runRecordSchema>;

export async function writeRunRecord(file: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** The record, or null when it is missing or damaged. */
export async function readRunRecord(file: string): Promise<RunRecord | null> {
  try {
    const parsed = runRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The run as the resume list shows it. */
export function runSummary(r: RunRecord): TrainingRunSummary {
  const { path: _path, ...base } = r.baseModel;
  return {
    runId: r.runId, adapterName: r.adapterName, state: r.state, message: r.message, step: r.step, totalSteps: r.totalSteps,
    checkpointStep: r.checkpointStep, settings: r.settings, datasets: r.datasets.map((d) => d.name), baseModel: base, startedAt: r.startedAt,
  };
}

/** The loss curve in the trainer's progress log (which a resumed run truncates to its checkpoint). */
export async function readCurve(progressFile: string): Promise<LossPoint[]> {
  const text = await readFile(progressFile, 'utf8').catch(() => '');
  const points: LossPoint[] = [];
  for (const line of text.split('\n')) {
    try {
      const v = JSON.parse(line) as { type?: string; step?: number; trainLoss?: number | null; heldOutLoss?: number | null };
      if (typeof v.step !== 'number') continue;
      if (v.type === 'step' && typeof v.trainLoss === 'number') points.push({ step: v.step, train: v.trainLoss });
      if (v.type === 'eval' && typeof v.heldOutLoss === 'number') points.push({ step: v.step, heldOut: v.heldOutLoss });
    } catch {
      // a line torn by a crash
    }
  }
  return points;
}
