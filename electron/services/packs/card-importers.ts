import { isPlainObject } from '../../../shared/cards/lenient';
import type { CharacterImporter, ImportContext, ImportSource } from '../characters/importers/character-importer';
import { importCardFile, type InstalledModels } from './card-import';
import type { PackLimits } from './pack-limits';
import { isPng } from './png-structure';
import { isJpeg, isZip } from './read-card-file';

// The card formats, plugged into the characters' importer registry so `studio characters import` and
// the library's Import button read them too.

const CARD_JSON_KEYS = ['spec', 'data', 'name', 'char_name', 'first_mes', 'char_greeting'];

function looksLikeCardJson(source: ImportSource): boolean {
  // A card JSON larger than the head is past any card's size; its importer would refuse it anyway.
  if (source.head.length < source.size) return false;
  try {
    const raw: unknown = JSON.parse(new TextDecoder().decode(source.head).replace(/^\uFEFF/, ''));
    return isPlainObject(raw) && (String(raw.spec ?? '').startsWith('chara_card') || CARD_JSON_KEYS.some((k) => k in raw && k !== 'spec'));
  } catch {
    return false;
  }
}

/**
 * Importers for PNG cards, JSON cards and CHARX files (studio packs are CHARX files too), a CHARX also
 * when it is appended to a JPEG or PNG (RisuAI's "CharX Embedded Jpeg"); the reader decides by content.
 */
export function cardImporters(options: { limits: PackLimits; installedModels?: InstalledModels }): CharacterImporter[] {
  const read = async (source: ImportSource, { now, scratch }: ImportContext) => {
    const imported = await importCardFile(source, { now, scratch, limits: options.limits, installedModels: options.installedModels });
    return [{ ...imported.item, warnings: imported.warnings }];
  };
  return [
    { id: 'card-png', label: 'Character Card PNG (V1/V2/V3)', extensions: ['.png'], accepts: (s) => isPng(s.head), read },
    { id: 'card-json', label: 'Character Card JSON (V1/V2/V3)', extensions: ['.json'], accepts: looksLikeCardJson, read },
    {
      id: 'charx',
      label: 'CHARX / Character Studio pack (also appended to a JPEG)',
      extensions: ['.charx', '.jpg', '.jpeg'],
      accepts: (s) => isZip(s.head) || isJpeg(s.head) || isPng(s.head),
      read,
    },
  ];
}
