import { StudioError } from '../../../shared/contract/errors';
import { textOption } from '../cli-values';
import type { CliCommand } from '../command';

// PEFT adapters in and out: `studio adapters import` brings home a LoRA trained on a GPU cluster (PEFT,
// LLaMA-Factory, TRL), `studio adapters export` writes a studio adapter for transformers and vLLM.

/** `studio adapters import DIR --character <character> [--model ID] [--name NAME]`. */
export const adaptersImportCommand: CliCommand = {
  words: ['adapters', 'import'],
  summary: 'Import a PEFT LoRA folder (adapter_config.json + adapter_model.safetensors or .bin) as an adapter of a character',
  usage: 'studio adapters import DIR --character <character> [--model ID] [--name NAME] [--json]',
  options: { character: { type: 'string' }, model: { type: 'string' }, name: { type: 'string' } },
  async run(ctx) {
    const dir = ctx.args[0];
    const ref = textOption(ctx, 'character');
    if (!dir || !ref) throw new StudioError('invalid_input', `usage: ${adaptersImportCommand.usage}`);
    const studio = await ctx.studio();
    const character = await studio.services.characters.resolve(ref);
    const model = textOption(ctx, 'model');
    const name = textOption(ctx, 'name');
    const adapter = await studio.services.cluster.importPeft({ characterId: character.id, dir, ...(model ? { modelId: model } : {}), ...(name ? { name } : {}) });
    const m = adapter.metadata!;
    ctx.result(
      { adapter: adapter.name, path: adapter.path, character: character.id, baseModel: m.baseModel, source: m.source, settings: m.settings },
      `Imported ${adapter.name} for ${character.name} onto ${m.baseModel.name} (rank ${m.source?.rank}, lora_alpha ${m.source?.loraAlpha}${m.source?.rsLora ? ', rsLoRA' : ''}): ${adapter.path}`,
    );
  },
};

/** `studio adapters export <character> <adapter> --format peft --out DIR`. */
export const adaptersExportCommand: CliCommand = {
  words: ['adapters', 'export'],
  summary: 'Export an adapter as a PEFT folder for the hub checkpoint (transformers, PEFT, vLLM)',
  usage: 'studio adapters export <character> <adapter> --format peft --out DIR [--json]',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const [ref, name] = ctx.args;
    const out = textOption(ctx, 'out');
    if (!ref || !name || !out) throw new StudioError('invalid_input', `usage: ${adaptersExportCommand.usage}`);
    if ((ctx.values.format ?? 'peft') !== 'peft') throw new StudioError('invalid_input', '--format must be peft');
    const studio = await ctx.studio();
    const character = await studio.services.characters.resolve(ref);
    const exported = await studio.services.cluster.exportPeft({ characterId: character.id, name, outDir: out });
    ctx.result(exported, `Wrote ${name} as PEFT (rank ${exported.rank}, lora_alpha ${exported.loraAlpha}, ${exported.targetModules.join(', ')}) to ${exported.path}`);
  },
};
