import { resolve } from 'node:path';
import { modelsContract } from '../../../shared/contract/domains/models';
import { StudioError } from '../../../shared/contract/errors';
import type { CatalogLicence } from '../../../shared/models/catalog';
import type { ModelInfo } from '../../../shared/models/model-info';
import { licenceIdForModelName } from '../../../shared/models/model-licence';
import type { ModelJobPacket, ModelJobPhase } from '../../../shared/models/model-job';
import { formatBytes } from '../../../shared/text/format-bytes';
import { formatIssues } from '../../../shared/validation/format-issues';
import type { CliCommand, CliContext } from '../command';

// `studio models import|download|convert|get|remove|cleanup`: the Models jobs from a terminal, with
// JSON-lines progress under --json, Ctrl-C as cancel, and the licence accepted explicitly with
// --accept-licence.

/** Phases that count bytes; the others (list, build, verify, load) are one step each. */
const BYTE_PHASES = new Set<ModelJobPhase>(['copy', 'download', 'convert']);

function reporter(ctx: CliContext): (p: ModelJobPacket) => void {
  let last = 0;
  return (p) => {
    if (p.type === 'notice') return ctx.progress(p, p.message);
    const now = Date.now();
    if (now - last < 500 && p.done !== p.total) return;
    last = now;
    const amount = p.phase === 'quantize' ? `: ${p.done}/${p.total} tensors`
      : BYTE_PHASES.has(p.phase) ? `: ${formatBytes(p.done)}${p.total ? ` of ${formatBytes(p.total)}` : ''}` : '';
    const speed = p.bytesPerSecond ? `, ${formatBytes(p.bytesPerSecond)}/s` : '';
    const eta = p.etaSeconds ? `, ${p.etaSeconds}s left` : '';
    ctx.progress(p, `${p.phase}${amount}${speed}${eta}${p.detail ? ` (${p.detail})` : ''}`);
  };
}

/** Runs a job that Ctrl-C cancels, so partial files are cleaned up (or kept for resume) before the CLI exits. */
async function interruptible<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await job(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function acceptIfAsked(ctx: CliContext, licenceId: string | null): Promise<void> {
  if (!licenceId || !ctx.values['accept-licence']) return;
  await (await ctx.studio()).services.models.acceptLicence(licenceId);
}

/** Refuses, quoting the licence, unless it was accepted before or --accept-licence accepts it now. */
async function insistOnLicence(ctx: CliContext, licence: CatalogLicence, accepted: boolean): Promise<void> {
  if (accepted) return;
  if (!ctx.values['accept-licence']) throw new StudioError('invalid_input', `${licence.title}: ${licence.summary.en} Read ${licence.url} and run again with --accept-licence`);
  await acceptIfAsked(ctx, licence.id);
}

const done = (verb: string, m: ModelInfo): string => `${verb} ${m.name} (${m.architecture}, ${m.quantization}, ${formatBytes(m.sizeBytes)}) as ${m.id}`;

export const modelsImportCommand: CliCommand = {
  words: ['models', 'import'],
  summary: 'Import a GGUF from disk (copied into the models folder, or --in-place)',
  usage: 'studio models import FILE [--in-place] [--name NAME] [--json]',
  options: { 'in-place': { type: 'boolean' }, name: { type: 'string' } },
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new StudioError('invalid_input', 'name the GGUF file to import');
    const studio = await ctx.studio();
    const model = await interruptible((signal) => studio.services.models.importModel(
      { path: resolve(file), mode: ctx.values['in-place'] ? 'inPlace' : 'copy', ...(typeof ctx.values.name === 'string' ? { name: ctx.values.name } : {}) },
      reporter(ctx), signal,
    ));
    ctx.result(model, done('Imported', model));
  },
};

export const modelsDownloadCommand: CliCommand = {
  words: ['models', 'download'],
  summary: 'Download a GGUF from a URL, a Hugging Face REPO/FILE or a catalog id (resumable, verified)',
  usage: 'studio models download URL|OWNER/REPO/FILE|CATALOG_ID [--sha256 H] [--name NAME] [--accept-licence] [--json]',
  options: { sha256: { type: 'string' }, name: { type: 'string' }, 'accept-licence': { type: 'boolean' } },
  async run(ctx) {
    const source = ctx.args[0];
    if (!source) throw new StudioError('invalid_input', 'name a URL, OWNER/REPO/FILE or catalog id to download');
    const models = (await ctx.studio()).services.models;
    const catalog = await models.catalog();
    const entry = catalog.entries.find((e) => e.id === source);
    await acceptIfAsked(ctx, entry?.licence ?? (/character-?glm/i.test(source) ? 'characterglm-6b' : null));
    const model = await interruptible((signal) => models.download(
      { source, ...(typeof ctx.values.sha256 === 'string' ? { sha256: ctx.values.sha256 } : {}), ...(typeof ctx.values.name === 'string' ? { name: ctx.values.name } : {}) },
      reporter(ctx), signal,
    ));
    ctx.result(model, done('Downloaded', model));
  },
};

export const modelsConvertCommand: CliCommand = {
  words: ['models', 'convert'],
  summary: 'Convert a ChatGLM2-family hub checkpoint folder (CharacterGLM-6B) to GGUF and quantise it',
  usage: 'studio models convert DIR [--quant Q4_K_M|Q8_0|F16] [--name NAME] [--accept-licence] [--json]',
  options: { quant: { type: 'string' }, name: { type: 'string' }, 'accept-licence': { type: 'boolean' } },
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) throw new StudioError('invalid_input', 'name the checkpoint folder to convert');
    const quant = (ctx.values.quant as string | undefined) ?? 'Q4_K_M';
    if (!['Q4_K_M', 'Q8_0', 'F16'].includes(quant)) throw new StudioError('invalid_input', `--quant must be Q4_K_M, Q8_0 or F16, not ${quant}`);
    const models = (await ctx.studio()).services.models;
    const summary = await models.inspectCheckpoint(resolve(dir));
    if (summary.licence) await insistOnLicence(ctx, summary.licence, summary.licenceAccepted);
    const model = await interruptible((signal) => models.convert(
      { dir: resolve(dir), quant: quant as 'Q4_K_M' | 'Q8_0' | 'F16', ...(typeof ctx.values.name === 'string' ? { name: ctx.values.name } : {}) },
      reporter(ctx), signal,
    ));
    ctx.result(model, done('Converted', model));
  },
};

export const modelsGetCommand: CliCommand = {
  words: ['models', 'get'],
  summary: 'Get a ChatGLM2-family model (CharacterGLM-6B) from the hub in one step: download, convert, quantise, load',
  usage: 'studio models get OWNER/REPO [--revision REV] [--quant Q4_K_M|Q8_0|F16] [--accept-licence] [--keep-checkpoint] [--json]',
  options: { revision: { type: 'string' }, quant: { type: 'string' }, 'accept-licence': { type: 'boolean' }, 'keep-checkpoint': { type: 'boolean' } },
  async run(ctx) {
    if (!ctx.args[0]) throw new StudioError('invalid_input', 'name the repository to get, e.g. thu-coai/CharacterGLM-6B');
    const parsed = modelsContract.get.input.safeParse({
      repo: ctx.args[0], keepCheckpoint: Boolean(ctx.values['keep-checkpoint']),
      ...(ctx.values.revision !== undefined ? { revision: ctx.values.revision } : {}),
      ...(ctx.values.quant !== undefined ? { quant: ctx.values.quant } : {}),
    });
    if (!parsed.success) throw new StudioError('invalid_input', formatIssues(parsed.error).replace(/^keepCheckpoint/, '--keep-checkpoint'));
    const studio = await ctx.studio();
    const catalog = await studio.services.models.catalog();
    const licence = catalog.licences.find((l) => l.id === licenceIdForModelName(parsed.data.repo));
    if (licence) await insistOnLicence(ctx, licence, catalog.acceptedLicences.includes(licence.id));
    const model = await interruptible((signal) => studio.handlers.models.get(parsed.data, reporter(ctx), signal));
    ctx.result(model, `${done('Got', model)}; loaded and ready: \`studio chat <character>\``);
  },
};

export const modelsCleanupCommand: CliCommand = {
  words: ['models', 'cleanup'],
  summary: 'Remove what unfinished downloads and gets left in the models folder (.part files, partial checkpoints)',
  usage: 'studio models cleanup [--json]',
  async run(ctx) {
    const models = (await ctx.studio()).services.models;
    const before = await models.leftovers();
    const left = await models.cleanUp();
    const freed = before.bytes - left.bytes;
    ctx.result({ removed: before.items.length - left.items.length, freedBytes: freed, left }, `Removed ${before.items.length - left.items.length} unfinished download(s), ${formatBytes(freed)} freed`);
  },
};

export const modelsRemoveCommand: CliCommand = {
  words: ['models', 'remove'],
  summary: 'Remove an installed model (deletes its file unless it was imported in place)',
  usage: 'studio models remove ID [--json]',
  async run(ctx) {
    const id = ctx.args[0];
    if (!id) throw new StudioError('invalid_input', 'name the model id to remove (see `studio models list`)');
    const models = await (await ctx.studio()).services.models.remove(id);
    ctx.result(models, `Removed ${id}`);
  },
};
