import { embeddedPath, mainIcon } from '../../../shared/cards/card-assets';
import { cardToCharacter } from '../../../shared/cards/card-to-character';
import { sniffAvatar } from '../characters/avatar-image';
import type { ImportedCharacter, ImportSource } from '../characters/importers/character-importer';
import { CARD_ASSETS_DIR } from './folder-files';
import type { PackLimits } from './pack-limits';
import { stripCardChunks } from './png-card';
import { isPng } from './png-structure';
import { readCardFile, type CardFile } from './read-card-file';

// A card file → what the character library adds (character, avatar, folder files), plus what the
// user should hear about: warnings from lenient reading and adapters whose base model is missing.

/** Installed models, by name and (when known) sha256, to check a pack's adapters against. */
export type InstalledModels = () => Promise<{ name: string; sha256?: string }[]>;

/** One file's import, before the library gives the character its id. */
export interface CardImportResult {
  format: CardFile['format'];
  item: ImportedCharacter;
  warnings: string[];
  /** Adapters kept although their base model is not installed. */
  missingBaseModels: { adapter: string; baseModel: string; sha256: string }[];
}

/** The portrait as the stored avatar: the image alone, a PNG stripped of card chunks (a card, its assets, RisuAI's record). */
function avatarFor(file: CardFile, iconFile: string | null, source: string, limits: PackLimits, warnings: string[]): Uint8Array | undefined {
  if (!file.avatar) return undefined;
  try {
    const image = isPng(file.avatar) ? stripCardChunks(file.avatar, source, limits) : file.avatar;
    sniffAvatar(image, source);
    return image;
  } catch (error) {
    const kept = file.files.some((f) => f.path === iconFile) ? "it is kept with the card's assets" : 'the character has no avatar';
    warnings.push(`the card's image cannot be the avatar (${(error as Error).message}); ${kept}`);
    return undefined;
  }
}

async function missingBases(file: CardFile, installed: InstalledModels | undefined): Promise<CardImportResult['missingBaseModels']> {
  const adapters = file.manifest?.adapters ?? [];
  if (adapters.length === 0 || !installed) return [];
  const models = await installed();
  const hashes = new Set(models.map((m) => m.sha256).filter(Boolean));
  const names = new Set(models.map((m) => m.name));
  // A recorded hash decides; without one, the model's name is the best evidence there is.
  const present = (a: (typeof adapters)[number]) => (a.baseModel.sha256 ? hashes.has(a.baseModel.sha256) : names.has(a.baseModel.name));
  return adapters.filter((a) => !present(a)).map((a) => ({ adapter: a.name, baseModel: a.baseModel.name, sha256: a.baseModel.sha256 }));
}

/** Reads one file into an importable character (large entries staged in `scratch`); throws a StudioError naming the file on bad input. */
export async function importCardFile(
  source: ImportSource,
  options: { now: string; limits: PackLimits; installedModels?: InstalledModels; scratch: string },
): Promise<CardImportResult> {
  const file = await readCardFile(source, options.limits, options.scratch);
  const { character, warnings } = cardToCharacter(file.card, { id: 'imported', now: options.now, source: source.fileName });
  warnings.push(...file.warnings);
  const iconPath = embeddedPath(mainIcon(file.card.data.assets)?.uri ?? '');
  const iconFile = iconPath === null ? null : `${CARD_ASSETS_DIR}/${iconPath}`;
  const avatar = avatarFor(file, iconFile, source.fileName, options.limits, warnings);
  // The main icon becomes the avatar; the copy among the card's assets is then not needed.
  const files = avatar ? file.files.filter((f) => f.path !== iconFile) : file.files;
  const missingBaseModels = await missingBases(file, options.installedModels);
  for (const m of missingBaseModels) warnings.push(`adapter "${m.adapter}" was trained on "${m.baseModel}", which is not installed; the adapter is kept`);
  return { format: file.format, item: { character, avatar: avatar && { bytes: avatar }, files }, warnings, missingBaseModels };
}
