import type { ModelInfo } from '../../../shared/models/model-info';
import type { CliCommand } from '../command';
import { formatBytes } from '../../../shared/text/format-bytes';
import { formatTable } from '../format';

const modelRow = (m: ModelInfo): string[] => [
  m.isDefault ? `* ${m.id}` : `  ${m.id}`, m.architecture, m.quantization, formatBytes(m.sizeBytes), String(m.contextLength), m.problem ?? '',
];

export const modelsListCommand: CliCommand = {
  words: ['models', 'list'],
  summary: 'List installed models',
  usage: 'studio models list [--json]',
  async run(ctx) {
    const models = await (await ctx.studio()).services.models.list();
    const text = models.length === 0
      ? 'No models installed. Run `studio models demo` for the tiny demo model.'
      : formatTable(['  ID', 'ARCH', 'QUANT', 'SIZE', 'CONTEXT', 'PROBLEM'], models.map(modelRow));
    ctx.result(models, text);
  },
};

export const modelsDemoCommand: CliCommand = {
  words: ['models', 'demo'],
  summary: 'Install the tiny random-weight demo model (about 6 MB, says nothing meaningful)',
  usage: 'studio models demo [--json]',
  async run(ctx) {
    const model = await (await ctx.studio()).services.models.installDemo();
    ctx.result(model, `Installed ${model.name} (${model.architecture}, ${formatBytes(model.sizeBytes)}) at ${model.path}`);
  },
};
