import { join } from 'node:path';
import { clusterFiles, type ClusterExportResult, type ClusterFormat } from '../../../shared/training/cluster-files';
import { clusterRecords } from '../../../shared/training/cluster-records';
import type { TrainingSettings } from '../../../shared/training/training-settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { assertFreeFolder, writeFolderAtomic } from '../fs/atomic-folder';
import type { BaseModelRef, TrainingService } from './training-service';

// Training data for a GPU cluster: the character's dialogues cut exactly as the studio's trainer cuts
// them (same tokenizer, windows, profile variants, lore and held-out split), written as TRL or
// LLaMA-Factory records with a ready config, into a new folder, all or nothing.

/** What to export, where, and with which settings (the studio's preset, usually). */
export interface ClusterExportRequest {
  characterId: string;
  characterName: string;
  datasets: string[];
  format: ClusterFormat;
  outDir: string;
  model: BaseModelRef;
  settings: TrainingSettings;
  hubModel: string;
}

/** Writes the export folder; refuses what the trainer would refuse, naming dataset and line. */
export async function exportForCluster(training: TrainingService, request: ClusterExportRequest): Promise<ClusterExportResult> {
  await assertFreeFolder(request.outDir);
  const { dialogues, heldOut } = await training.runDialogues(request);
  const records = clusterRecords(dialogues.map((d) => ({ meta: d.meta, turns: d.sample.turns, chunks: d.result.chunks })), heldOut);
  const files = clusterFiles({ format: request.format, hubModel: request.hubModel, settings: request.settings, characterName: request.characterName, records });
  const path = await writeFolderAtomic(request.outDir, async (staging) => {
    for (const file of files) await writeFileAtomic(join(staging, file.name), file.text);
  });
  return {
    path, format: request.format, files: files.map((f) => f.name), dialogues: dialogues.length,
    records: { train: records.train.length, eval: records.eval.length },
  };
}
