import { StudioError } from '../../../shared/contract/errors';
import { CLUSTER_FORMATS, type ClusterFormat } from '../../../shared/training/cluster-files';
import { TRAINING_PRESETS, type TrainingPreset } from '../../../shared/training/training-settings';
import { listOption, textOption } from '../cli-values';
import type { CliCommand } from '../command';

// `studio datasets export`: a character's training data for a GPU cluster (TRL or LLaMA-Factory), cut and
// rendered exactly as the studio's own trainer would, with a training config from a preset.

export const datasetsExportCommand: CliCommand = {
  words: ['datasets', 'export'],
  summary: 'Write a character\'s datasets for TRL or LLaMA-Factory on a GPU cluster, with a training config and README',
  usage: `studio datasets export <character> [--dataset NAME…] --format ${CLUSTER_FORMATS.join('|')} --out DIR [--preset ${TRAINING_PRESETS.join('|')}] [--model ID] [--json]`,
  options: { dataset: { type: 'string', multiple: true }, format: { type: 'string' }, out: { type: 'string' }, preset: { type: 'string' }, model: { type: 'string' } },
  async run(ctx) {
    const ref = ctx.args[0];
    const out = textOption(ctx, 'out');
    if (!ref || out === undefined) throw new StudioError('invalid_input', `usage: ${datasetsExportCommand.usage}`);
    const format = ctx.values.format as ClusterFormat;
    if (!CLUSTER_FORMATS.includes(format)) throw new StudioError('invalid_input', `--format must be one of ${CLUSTER_FORMATS.join(', ')}`);
    const preset = (ctx.values.preset ?? 'balanced') as TrainingPreset;
    if (!TRAINING_PRESETS.includes(preset)) throw new StudioError('invalid_input', `--preset must be one of ${TRAINING_PRESETS.join(', ')}`);
    const studio = await ctx.studio();
    const character = await studio.services.characters.resolve(ref);
    const model = textOption(ctx, 'model');
    const exported = await studio.services.cluster.exportDatasets({
      characterId: character.id, datasets: listOption(ctx, 'dataset'), format, outDir: out, preset, ...(model ? { modelId: model } : {}),
    });
    ctx.result(
      exported,
      `Wrote ${exported.records.train} training and ${exported.records.eval} held-out records from ${exported.dialogues} dialogues for ${format} to ${exported.path}\n` +
        `  ${exported.files.join(', ')} — see README.md there for how to run it`,
    );
  },
};
