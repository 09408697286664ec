import { isPlainObject } from '../../../shared/cards/lenient';
import type { CharacterImporter, ImportSource } from '../characters/importers/character-importer';
import { importCardFile, type InstalledModels } from './card-import';
import type { PackLimits } from './pack-limits';
import { isPng } from './png-structure';

// The card formats, plugged into the characters' importer registry so `studio characters import` and
// the library's Import button read them too.

const CARD_JSON_KEYS = ['spec', 'data', 'name', 'char_name', 'first_mes', 'char_greeting'];

function looksLikeCardJson(source: ImportSource): boolean {
  try {
    const raw: unknown = JSON.parse(new TextDecoder().decode(source.bytes).replace(/^\uFEFF/, ''));
    return isPlainObject(raw) && (String(raw.spec ?? '').startsWith('chara_card') || CARD_JSON_KEYS.some((k) => k in raw && k !== 'spec'));
  } catch {
    return false;
  }
}

/** Importers for PNG cards, JSON cards and CHARX files (studio packs are CHARX files too). */
export function cardImporters(options: { limits: PackLimits; installedModels?: InstalledModels }): CharacterImporter[] {
  const read = async (source: ImportSource, { now }: { now: string }) => {
    const imported = await importCardFile(source.fileName, source.bytes, { now, limits: options.limits, installedModels: options.installedModels });
    return [{ ...imported.item, warnings: imported.warnings }];
  };
  return [
    { id: 'card-png', label: 'Character Card PNG (V1/V2/V3)', extensions: ['.png'], accepts: (s) => isPng(s.bytes), read },
    { id: 'card-json', label: 'Character Card JSON (V1/V2/V3)', extensions: ['.json'], accepts: looksLikeCardJson, read },
    { id: 'charx', label: 'CHARX / Character Studio pack', extensions: ['.charx'], accepts: (s) => s.bytes[0] === 0x50 && s.bytes[1] === 0x4b, read },
  ];
}
