import { resolve } from 'node:path';
import { describeOmissions } from '../../../shared/cards/export-omissions';
import { StudioError } from '../../../shared/contract/errors';
import { exportFormatSchema } from '../../../shared/contract/domains/packs';
import { formatBytes } from '../../../shared/text/format-bytes';
import { writeFileAtomic } from '../../services/fs/atomic-write';
import type { CliCommand } from '../command';

// Cards, CHARX and packs out of the library, and whole-library backups, from the command line. The
// packs service returns bytes; only here do they become files, written atomically.

const FORMATS = exportFormatSchema.options.join('|');

/** `studio characters export <character> --format png|json|charx|pack --out FILE`. */
export const charactersExportCommand: CliCommand = {
  words: ['characters', 'export'],
  summary: 'Export a character as a V3 PNG card, V3 JSON, CHARX, or a studio pack (with adapters, datasets, corrections)',
  usage: `studio characters export <character> --format ${FORMATS} --out FILE [--json]`,
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const ref = ctx.args[0];
    if (!ref) throw new StudioError('invalid_input', `which character? usage: ${charactersExportCommand.usage}`);
    const format = exportFormatSchema.safeParse(ctx.values.format ?? 'png');
    if (!format.success) throw new StudioError('invalid_input', `--format must be one of ${FORMATS}`);
    const exported = await (await ctx.studio()).services.packs.export(ref, format.data);
    const out = resolve(typeof ctx.values.out === 'string' ? ctx.values.out : exported.fileName);
    await writeFileAtomic(out, exported.bytes);
    // What the format could not carry is a warning; what a pack leaves out by design (chats) is a note.
    const warnings = [...exported.warnings, ...describeOmissions(format.data, exported.omitted)];
    const notes = exported.leftOut.length > 0 ? [`left out of the pack: ${exported.leftOut.join(', ')}`] : [];
    ctx.result(
      { path: out, format: format.data, sizeBytes: exported.bytes.length, leftOut: exported.leftOut, omitted: exported.omitted, warnings },
      [`Wrote ${out} (${formatBytes(exported.bytes.length)})`, ...warnings.map((w) => `  warning: ${w}`), ...notes.map((n) => `  note: ${n}`)].join('\n'),
    );
  },
};

/** `studio library backup --out FILE`. */
export const libraryBackupCommand: CliCommand = {
  words: ['library', 'backup'],
  summary: 'Back up every character (chats, corrections, datasets, adapters) into one archive; models are not included',
  usage: 'studio library backup [--out FILE] [--json]',
  options: { out: { type: 'string' } },
  async run(ctx) {
    const backup = await (await ctx.studio()).services.packs.backup();
    const out = resolve(typeof ctx.values.out === 'string' ? ctx.values.out : backup.fileName);
    await writeFileAtomic(out, backup.bytes);
    ctx.result({ path: out, characters: backup.characters, sizeBytes: backup.bytes.length }, `Backed up ${backup.characters} characters to ${out} (${formatBytes(backup.bytes.length)})`);
  },
};

/** `studio library restore FILE`. */
export const libraryRestoreCommand: CliCommand = {
  words: ['library', 'restore'],
  summary: 'Add every character of a backup archive to the library (beside the existing ones; all or nothing)',
  usage: 'studio library restore <file> [--json]',
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new StudioError('invalid_input', 'which backup? usage: studio library restore <file>');
    const path = resolve(file);
    const restored = await (await ctx.studio()).services.packs.restore(file, { file: path });
    ctx.result(restored, `Restored ${restored.length} characters: ${restored.map((c) => `${c.name} (${c.id})`).join(', ')}`);
  },
};
